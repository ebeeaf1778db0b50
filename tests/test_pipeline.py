"""The streaming pipeline gives the DataFrame functions' results, whatever engine runs it."""
import random
from collections import Counter

import pytest
from pandas.testing import assert_frame_equal

from analysis import (category_counts, code_sentences, corpus_files, document_term_frequency,
                      find_mentions, load_codebook, mention_counts, removed_lines, scan_corpus,
                      term_frequency)
from analysis.pipeline import STAGES, _top_terms, corpus_listing, make_tools, run_pipeline
from analysis.quotes import find_quotes
from bench.synth import build_corpus

from conftest import SEEDS

TABLES = ["files", "documents", "removed_lines", "term_frequency", "document_terms",
          "mention_counts", "quotes", "evidence", "category_counts"]


@pytest.fixture(scope="module")
def seed_result():
    return run_pipeline(SEEDS)


def test_term_counts_equal_the_dataframe_functions(seed_result, seed_docs):
    assert_frame_equal(seed_result.term_frequency, term_frequency(seed_docs))
    assert_frame_equal(seed_result.document_terms, document_term_frequency(seed_docs, top_n=10))


def test_mention_counts_equal_the_dataframe_functions(seed_result, seed_sentences):
    expected = mention_counts(find_mentions(seed_sentences))
    assert len(expected) > 10
    assert_frame_equal(seed_result.mention_counts, expected)


def test_quotes_equal_the_dataframe_functions(seed_result, seed_sentences):
    quotes = find_quotes(seed_sentences)
    assert quotes["speaker"].str.len().gt(0).sum() > 5
    assert_frame_equal(seed_result.quotes, quotes)


def test_demand_coding_equals_the_dataframe_functions(seed_result, seed_docs, seed_sentences):
    evidence = code_sentences(seed_sentences)
    assert len(evidence) > 5
    assert_frame_equal(seed_result.evidence, evidence)
    expected = category_counts(evidence, seed_docs, load_codebook()["id"])
    assert_frame_equal(seed_result.category_counts, expected)


def test_documents_and_removed_lines_equal_the_loader(seed_result, seed_docs, seed_sentences):
    documents = seed_result.documents
    assert list(documents["doc_id"]) == list(seed_docs["doc_id"])
    assert list(documents["chars"]) == list(seed_docs["chars"])
    assert list(documents["words"]) == list(seed_docs["words"])
    assert list(documents["title"]) == list(seed_docs["title"].where(
        seed_docs["title_source"] == "metadata", ""))
    assert list(documents["date"]) == list(seed_docs["date"])
    assert list(documents["sentences"]) == list(seed_sentences.groupby("doc_id").size())
    assert_frame_equal(seed_result.removed_lines, removed_lines(seed_docs))


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    """Forty synthetic articles in sub-folders, plus files the reader must skip or decode."""
    root = tmp_path_factory.mktemp("corpus")
    build_corpus(root, 40, seed=3)
    seed = sorted(SEEDS.glob("*.txt"))[1].read_text(encoding="utf-8")
    (root / "bom_crlf.txt").write_bytes(b"\xef\xbb\xbf" + seed.replace("\n", "\r\n").encode())
    (root / "latin.txt").write_bytes("Caf\xe9 talks in Kyiv ended.\n".encode("cp1252"))
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b" \n\n ")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return root


@pytest.fixture(scope="module")
def small_tools(small_corpus):
    return make_tools(small_corpus, corpus_listing(small_corpus))


@pytest.fixture(scope="module")
def local_result(small_corpus, small_tools):
    return run_pipeline(small_corpus, chunk_size=7, tools=small_tools)


def assert_same_results(result, expected):
    for name in TABLES:
        assert_frame_equal(getattr(result, name), getattr(expected, name), obj=name)


def test_every_file_is_read_as_the_corpus_module_reads_it(small_corpus, local_result):
    assert_frame_equal(local_result.files, corpus_files(scan_corpus(small_corpus)))
    assert local_result.files["status"].value_counts()["loaded"] == 42
    assert len(local_result.evidence) > 40
    assert local_result.documents["outlet"].str.len().gt(0).sum() == 40


def test_results_do_not_depend_on_file_order_or_chunk_size(small_corpus, small_tools,
                                                           local_result):
    listing = corpus_listing(small_corpus)
    random.Random(8).shuffle(listing)
    shuffled = run_pipeline(small_corpus, listing=listing, chunk_size=5, tools=small_tools)
    assert_same_results(shuffled, local_result)


def test_the_fitted_splitter_does_not_depend_on_file_order(small_corpus, local_result):
    listing = corpus_listing(small_corpus)[::-1]
    assert_same_results(run_pipeline(small_corpus, listing=listing, chunk_size=7),
                        local_result)


@pytest.mark.parametrize("workers", [1, 2])
def test_process_pool_gives_the_local_results(small_corpus, small_tools, local_result, workers):
    result = run_pipeline(small_corpus, engine="processes", workers=workers, chunk_size=7,
                          tools=small_tools)
    assert_same_results(result, local_result)


def test_dask_cluster_gives_the_local_results(small_corpus, small_tools, local_result):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        by_address = run_pipeline(small_corpus, engine="dask", scheduler=cluster.scheduler_address,
                                  chunk_size=7, tools=small_tools)
        with Client(cluster) as client:
            by_client = run_pipeline(small_corpus, engine="dask", scheduler=client, chunk_size=3,
                                     tools=small_tools)
    assert_same_results(by_address, local_result)
    assert_same_results(by_client, local_result)


def test_stage_timer_sees_every_stage(small_corpus, small_tools):
    timer = {}
    run_pipeline(small_corpus, tools=small_tools, timer=timer)
    assert set(timer) == set(STAGES)
    assert all(seconds > 0 for seconds in timer.values())


def test_a_folder_without_documents_is_an_input_error(tmp_path):
    from analysis import InputError

    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError, match="no usable documents"):
        run_pipeline(tmp_path)
    with pytest.raises(InputError, match="not found"):
        run_pipeline(tmp_path / "missing")


def test_top_terms_are_the_first_of_all_terms_sorted_by_count_then_term():
    rng = random.Random(1)
    for _ in range(300):
        counts = Counter({f"t{i}": rng.randint(1, 4) for i in range(rng.randint(0, 40))})
        everything = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        for n in (1, 3, 10, 50):
            assert _top_terms(counts, n) == everything[:n]


def test_needed_stages_adds_what_a_stage_needs_in_pipeline_order():
    from analysis.pipeline import needed_stages

    load, split, terms, actors, demands = STAGES
    assert needed_stages([terms]) == (load, terms)
    assert needed_stages([demands, terms]) == (load, split, terms, demands)
    assert needed_stages([actors]) == (load, split, actors)
    assert needed_stages(STAGES) == STAGES
    with pytest.raises(ValueError, match="no stage 'tokens'"):
        needed_stages(["tokens"])


def test_a_run_of_some_stages_gives_their_tables_as_the_whole_run_does(seed_result):
    load, split, terms, actors, demands = STAGES
    timer = {}
    result = run_pipeline(SEEDS, stages=[terms], timer=timer)
    assert set(timer) == {load, terms}
    assert_frame_equal(result.term_frequency, seed_result.term_frequency)
    assert result.mention_counts.empty and result.quotes.empty and result.evidence.empty
    assert result.documents["sentences"].isna().all()
    result = run_pipeline(SEEDS, stages=[demands])
    assert_frame_equal(result.evidence, seed_result.evidence)
    assert result.term_frequency.empty and result.quotes.empty
