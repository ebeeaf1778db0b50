"""The streaming pipeline gives the DataFrame functions' results, whatever engine runs it."""
import random
import re
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

from analysis import (actor_category_counts, category_counts, category_timeline,
                      code_sentences, corpus_files, demand_evidence, document_term_frequency,
                      find_mentions, load_codebook, load_corpus, mention_counts, quote_table,
                      removed_lines, scan_corpus, sentences, set_progress, speaker_counts,
                      term_frequency, unlisted_speakers)
from analysis.counts import counted
from analysis.errors import InputError
from analysis.pipeline import (STAGES, Partial, SpooledRows, _row_tables, corpus_listing,
                               fit_splitter, make_tools, rows_folder, run_pipeline)
from analysis.plots import save_rows, save_table
from analysis.quotes import find_quotes
from analysis.text import SentenceSplitter, training_sample
from bench.synth import build_corpus

from conftest import SEEDS, wire_story_files, write_dated_corpus

TABLES = ["files", "documents", "removed_lines", "term_frequency", "document_terms",
          "mention_counts", "quotes", "evidence", "quote_counts", "evidence_counts",
          "category_counts"]
SPOOLED = ["removed_lines", "document_terms", "quotes", "evidence"]


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


def loader_documents(docs, sentence_table):
    """The pipeline's documents table, made from load_corpus's and the sentences'."""
    table = docs[["doc_id", "path", "chars", "words"]].copy()
    table["sentences"] = table["doc_id"].map(sentence_table.groupby("doc_id").size()) \
        .fillna(0).astype(int)
    table["removed"] = docs["removed"].map(len)
    columns = ["title", "outlet", "date", "date_note", "title_source"]
    return pd.concat([table, docs[columns]], axis=1)


def test_documents_and_removed_lines_equal_the_loader(seed_result, seed_docs, seed_sentences):
    assert set(seed_docs["title_source"]) == {"metadata", "derived"}
    assert_frame_equal(seed_result.documents, loader_documents(seed_docs, seed_sentences))
    assert_frame_equal(seed_result.removed_lines, removed_lines(seed_docs))


TALKS = ("Talks Stall Over Peacekeepers\n\n"
         "Russian and Ukrainian negotiators met in Istanbul on Tuesday for a third round of "
         "talks on a ceasefire along the front line. Dmitry Peskov said Moscow demanded that "
         "NATO halt all weapons deliveries to Kyiv before any agreement could be signed. "
         "\u201cThere can be no peacekeepers from NATO countries in Ukraine,\u201d Sergei "
         "Lavrov told reporters after the meeting. Volodymyr Zelensky said Ukraine would never "
         "accept limits on the size of its army and called for security guarantees from its "
         "allies.\n\n"
         "Officials from Turkey, which hosted the meeting, said both delegations had agreed to "
         "exchange prisoners of war within two weeks. \u201cBoth delegations want a fourth "
         "round next month,\u201d said Hakan Demirel, a spokesman for the Turkish foreign "
         "ministry. European diplomats described the mood "
         "in the room as tense but businesslike, and said a fourth round was planned for "
         "next month. Analysts noted that neither side had moved on the question of the "
         "occupied territories.\n\n")
FOOTER = "Follow us for live updates on the talks.\n"
# The reasons analysis.corpus gives the copies in small_corpus (the first by path is kept).
DUPLICATES = {
    "part000/doc000005.txt": r"duplicate of copies/doc000005.txt \(same words\)",
    "z/reformatted.txt": r"duplicate of part000/doc000007.txt \(same words\)",
    "part000/talks.txt": r"duplicate of part000/talks-updated.txt \(9\d% of the sentences the "
                         r"same\)",
    "wire/c.txt": r"duplicate of wire/b.txt \(9\d% of the sentences the same\)"}


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    """Forty synthetic articles in sub-folders, plus files the reader must skip or decode, and
    copies: one exact, one reformatted and one with a changed footer, each before or after its
    original by path, and one with a changed footer whose original shares its wire story with
    an earlier article (see `wire_story_files`). Metadata gives some titles; the others are
    derived from the text."""
    root = tmp_path_factory.mktemp("corpus")
    build_corpus(root, 40, seed=3)
    seed = sorted(SEEDS.glob("*.txt"))[1].read_text(encoding="utf-8")
    (root / "bom_crlf.txt").write_bytes(b"\xef\xbb\xbf" + seed.replace("\n", "\r\n").encode())
    (root / "latin.txt").write_bytes("Caf\xe9 talks in Kyiv ended.\n".encode("cp1252"))
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b" \n\n ")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    part = root / "part000"
    (root / "copies").mkdir()
    (root / "copies" / "doc000005.txt").write_bytes((part / "doc000005.txt").read_bytes())
    (root / "z").mkdir()
    text = (part / "doc000007.txt").read_text(encoding="utf-8")
    (root / "z" / "reformatted.txt").write_bytes(text.upper().replace("\n", "\r\n")
                                                 .encode("utf-16"))
    # The synthetic articles share the seeds' sentences, so the near copy is of a new article.
    (part / "talks.txt").write_text(TALKS + FOOTER, encoding="utf-8")
    (part / "talks-updated.txt").write_text(
        TALKS + "Sign up for our newsletter on the war.\n",
        encoding="utf-8")
    (root / "wire").mkdir()
    for name, text in wire_story_files().items():
        (root / "wire" / name).write_text(text, encoding="utf-8")
    metadata = (root / "metadata.csv").read_text(encoding="utf-8").split("\n")
    for line in (1, 8, 12):     # doc000000, doc000007 and doc000011 get a title
        doc_id, _, rest = metadata[line].split(",", 2)
        metadata[line] = f"{doc_id},Headline of {doc_id},{rest}"
    (root / "metadata.csv").write_text("\n".join(metadata), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def small_tools(small_corpus):
    return make_tools(small_corpus, corpus_listing(small_corpus))


@pytest.fixture(scope="module")
def local_result(small_corpus, small_tools):
    return run_pipeline(small_corpus, chunk_size=7, tools=small_tools)


def as_frame(table):
    return table.to_frame() if isinstance(table, SpooledRows) else table


def assert_same_results(result, expected):
    for name in TABLES:
        assert_frame_equal(as_frame(getattr(result, name)), getattr(expected, name), obj=name)


def test_every_file_is_read_as_the_corpus_module_reads_it(small_corpus, local_result):
    assert_frame_equal(local_result.files, corpus_files(scan_corpus(small_corpus)))
    files = local_result.files.set_index("path")
    assert files["status"].value_counts().to_dict() == {"loaded": 46, "skipped": 4,
                                                        "duplicate": 4}
    for path, reason in DUPLICATES.items():
        assert files.loc[path, "status"] == "duplicate"
        assert re.fullmatch(reason, files.loc[path, "reason"]), path
    assert len(local_result.evidence) > 40
    assert local_result.documents["outlet"].str.len().gt(0).sum() == 39


def loader_tables(root):
    """Every table of a PipelineResult, as analysis.corpus and the DataFrame functions give it."""
    inventory = scan_corpus(root)
    docs = load_corpus(root, inventory)
    sentence_table = sentences(docs)
    evidence = code_sentences(sentence_table)
    quotes = find_quotes(sentence_table)
    return {"files": corpus_files(inventory),
            "documents": loader_documents(docs, sentence_table),
            "removed_lines": removed_lines(docs),
            "term_frequency": term_frequency(docs),
            "document_terms": document_term_frequency(docs, top_n=10),
            "mention_counts": mention_counts(find_mentions(sentence_table)),
            "quotes": quotes,
            "evidence": evidence,
            "quote_counts": counted(quotes, ["doc_id", "speaker", "unlisted_speaker"], "quotes"),
            "evidence_counts": counted(evidence, ["doc_id", "actor", "category"], "sentences"),
            "category_counts": category_counts(evidence, docs, load_codebook()["id"])}


def test_every_table_equals_the_dataframe_functions_duplicates_counted_once(small_corpus,
                                                                            local_result):
    expected = loader_tables(small_corpus)
    for name in TABLES:
        assert_frame_equal(getattr(local_result, name), expected[name], obj=name)
    documents = local_result.documents.set_index("doc_id")
    assert "part000/doc000005" not in documents.index
    assert "copies/doc000005" in documents.index
    assert documents["title_source"].value_counts().to_dict() == {"derived": 43,
                                                                  "metadata": 3}
    assert documents.loc["part000/doc000000", "title"] == "Headline of part000/doc000000"
    assert documents.loc["copies/doc000005", "title"] != ""
    # the copies' words were counted once: here as in the loader, not twice
    evidence = local_result.evidence
    for table in (evidence, local_result.quotes, local_result.mention_counts):
        assert not table["doc_id"].isin(["part000/doc000005", "part000/talks",
                                         "z/reformatted", "wire/c"]).any()
        assert table["doc_id"].eq("part000/talks-updated").any()


def test_duplicates_are_taken_out_as_if_their_files_were_not_there(small_corpus, small_tools,
                                                                    local_result, tmp_path):
    listing = [entry for entry in corpus_listing(small_corpus) if entry[0] not in DUPLICATES]
    result = run_pipeline(small_corpus, listing=listing, chunk_size=4, tools=small_tools)
    for name in TABLES[1:]:
        assert_frame_equal(getattr(result, name), getattr(local_result, name), obj=name)


def test_results_do_not_depend_on_file_order_or_chunk_size(small_corpus, small_tools,
                                                           local_result):
    listing = corpus_listing(small_corpus)
    random.Random(8).shuffle(listing)
    shuffled = run_pipeline(small_corpus, listing=listing, chunk_size=5, tools=small_tools)
    assert_same_results(shuffled, local_result)


@pytest.mark.parametrize("fit_chars", [2_000, 30_000])
def test_the_splitter_learns_from_the_sample_the_corpus_loader_gives(small_corpus, fit_chars):
    # Smaller than the corpus, so the sample stops inside it; the duplicates must be skipped as
    # load_corpus skips them.
    docs = load_corpus(small_corpus).sort_values("path")
    assert docs["chars"].sum() > fit_chars
    sample = training_sample(zip(docs["doc_id"], docs["text"]), fit_chars)
    expected = SentenceSplitter().fit(sample).tokenizer_._params
    fitted = fit_splitter(small_corpus, corpus_listing(small_corpus)[::-1], fit_chars) \
        .tokenizer_._params
    for name in ("abbrev_types", "collocations", "sent_starters", "ortho_context"):
        assert getattr(fitted, name) == getattr(expected, name), name


def test_the_fitted_splitter_does_not_depend_on_file_order(small_corpus, local_result):
    listing = corpus_listing(small_corpus)[::-1]
    assert_same_results(run_pipeline(small_corpus, listing=listing, chunk_size=7),
                        local_result)


@pytest.mark.parametrize("workers", [1, 2])
def test_process_pool_gives_the_local_results(small_corpus, small_tools, local_result, workers):
    result = run_pipeline(small_corpus, engine="processes", workers=workers, chunk_size=7,
                          tools=small_tools)
    assert_same_results(result, local_result)


def test_dask_cluster_gives_the_local_results(small_corpus, small_tools, local_result, tmp_path):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        by_address = run_pipeline(small_corpus, engine="dask", scheduler=cluster.scheduler_address,
                                  chunk_size=7, tools=small_tools)
        with Client(cluster) as client:
            by_client = run_pipeline(small_corpus, engine="dask", scheduler=client, chunk_size=3,
                                     tools=small_tools, progress=True, rows_dir=tmp_path)
    assert_same_results(by_address, local_result)
    assert isinstance(by_client.evidence, SpooledRows)
    assert_same_results(by_client, local_result)


@pytest.fixture(scope="module")
def spooled_result(small_corpus, small_tools, tmp_path_factory):
    listing = corpus_listing(small_corpus)
    random.Random(5).shuffle(listing)
    rows_dir = tmp_path_factory.mktemp("rows")
    return run_pipeline(small_corpus, engine="processes", workers=2, listing=listing,
                        chunk_size=4, tools=small_tools, rows_dir=rows_dir), rows_dir


def test_spooled_tables_read_back_as_the_kept_ones_without_duplicates(spooled_result,
                                                                      local_result):
    result, rows_dir = spooled_result
    [folder] = rows_dir.iterdir()
    assert len(list(folder.glob("*-evidence.pkl"))) == len(result.evidence.paths) > 5
    for name in SPOOLED:
        table = getattr(result, name)
        assert isinstance(table, SpooledRows), name
        assert_frame_equal(table.to_frame(), getattr(local_result, name), obj=name)
        pieces = list(table.frames())
        assert len(pieces) > 1
        # every piece in doc_id order after the one before
        assert pd.concat(pieces)["doc_id"].is_monotonic_increasing
        assert_frame_equal(pd.concat(pieces, ignore_index=True), getattr(local_result, name),
                           check_dtype=False, obj=name)
    assert_same_results(result, local_result)


def test_rows_written_where_this_machine_cannot_read_them_are_an_input_error(tmp_path):
    # as when remote Dask workers write to their own temporary folder
    elsewhere = Partial(spooled=[("a", str(tmp_path / "on-a-worker" / "0123abcd"))])
    with pytest.raises(InputError, match="on-a-worker: .* give rows_dir a folder that every"):
        _row_tables(elsewhere, set())


def test_a_rows_folder_is_made_where_asked_and_removed_with_the_rows(small_corpus, small_tools,
                                                                     tmp_path):
    folder = rows_folder(tmp_path / "not" / "yet")
    result = run_pipeline(small_corpus, chunk_size=20, tools=small_tools, rows_dir=folder.name)
    assert all(Path(path).is_file() for path in result.evidence.paths)
    assert Path(folder.name).parent == tmp_path / "not" / "yet"
    folder.cleanup()
    assert not any((tmp_path / "not" / "yet").iterdir())


def test_counts_per_document_count_the_rows(local_result):
    quotes, evidence = local_result.quotes, local_result.evidence
    assert len(quotes) > 10 and len(evidence) > 40
    assert_frame_equal(local_result.quote_counts,
                       counted(quotes, ["doc_id", "speaker", "unlisted_speaker"], "quotes"))
    assert_frame_equal(local_result.evidence_counts,
                       counted(evidence, ["doc_id", "actor", "category"], "sentences"))
    assert local_result.evidence_counts["sentences"].sum() == len(evidence)


def test_figures_from_the_counts_equal_those_from_the_rows(local_result):
    docs, categories = local_result.documents, load_codebook()["id"]
    quotes, evidence = local_result.quotes, local_result.evidence
    quote_counts, evidence_counts = local_result.quote_counts, local_result.evidence_counts
    assert_frame_equal(speaker_counts(quote_counts), speaker_counts(quotes))
    assert "Hakan Demirel" in set(unlisted_speakers(quotes)["name"])
    assert_frame_equal(unlisted_speakers(quote_counts), unlisted_speakers(quotes))
    assert_frame_equal(actor_category_counts(evidence_counts, top=5),
                       actor_category_counts(evidence, top=5))
    for period in ("article", "year"):
        assert_frame_equal(category_timeline(evidence_counts, docs, categories, period),
                           category_timeline(evidence, docs, categories, period))


def test_spooled_listings_are_written_as_the_kept_ones(spooled_result, local_result, tmp_path):
    result, _ = spooled_result
    for name, transform in [("quotes", quote_table), ("evidence", demand_evidence)]:
        save_rows(getattr(result, name), tmp_path / "spooled", name, transform)
        save_table(transform(getattr(local_result, name)), tmp_path / "kept", name)
        written = (tmp_path / "spooled" / f"{name}.csv").read_bytes()
        assert written == (tmp_path / "kept" / f"{name}.csv").read_bytes()
        assert written.count(b"\n") > 10


@pytest.mark.parametrize("engine", ["local", "processes"])
def test_progress_counts_every_file_when_asked_and_stays_quiet_otherwise(
        small_corpus, small_tools, local_result, engine, capsys):
    files = len(corpus_listing(small_corpus))
    shown = run_pipeline(small_corpus, engine=engine, chunk_size=7, tools=small_tools,
                         progress=True)
    bar = capsys.readouterr().err
    assert f"{files}/{files}" in bar and "files" in bar
    run_pipeline(small_corpus, engine=engine, chunk_size=7, tools=small_tools, progress=False)
    # Under pytest stderr is no terminal, so the default shows nothing either...
    run_pipeline(small_corpus, engine=engine, chunk_size=7, tools=small_tools)
    assert capsys.readouterr().err == ""
    assert_same_results(shown, local_result)


def test_progress_by_default_follows_set_progress(small_corpus, small_tools, capsys):
    # ... unless bars were asked for, as the notebooks' show_progress does.
    files = len(corpus_listing(small_corpus))
    set_progress(True)
    try:
        run_pipeline(small_corpus, chunk_size=7, tools=small_tools)
    finally:
        set_progress(False)
    assert f"{files}/{files}" in capsys.readouterr().err


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


def test_documents_dates_are_read_as_the_loader_reads_them(tmp_path):
    write_dated_corpus(tmp_path)
    documents = run_pipeline(tmp_path, progress=False).documents
    assert_series_equal(documents["date"], load_corpus(tmp_path)["date"])
    assert documents["date"].notna().sum() == 3


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
