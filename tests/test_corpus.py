"""Loading: metadata merge, derived titles, and every file accounted for."""
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import (InputError, check_corpus, corpus_files, load_corpus, loaded_metadata,
                      scan_corpus)
from conftest import SEEDS, doc, write_dated_corpus


def test_seed_corpus_has_five_documents_keyed_by_file_stem(seed_docs):
    expected = sorted(path.stem for path in SEEDS.glob("*.txt"))
    assert list(seed_docs["doc_id"]) == expected
    assert {"doc_id", "title", "outlet", "date", "text", "raw_text"} <= set(seed_docs.columns)


def test_metadata_is_merged(seed_docs):
    row = doc(seed_docs, "001")
    assert row["outlet"] == "The Moscow Times"
    assert row["date"] == pd.Timestamp("2015-04-17")
    assert row["title"] == "Kremlin: U.S. Military Trainers Could Destabilize Situation in Ukraine"
    assert row["title_source"] == "metadata"


def test_missing_title_is_derived_from_the_text(seed_docs):
    row = doc(seed_docs, "002")
    assert row["title_source"] == "derived"
    assert row["title"].startswith("Russia is against the deployment")


def test_raw_text_is_the_file_as_read(seed_docs):
    for path in SEEDS.glob("*.txt"):
        row = doc(seed_docs, path.stem[:3])
        assert row["raw_text"] == path.read_text(encoding="utf-8")


def test_works_without_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Kremlin: Talks Stall\nThe Kremlin said talks had stalled.\n")
    docs = load_corpus(tmp_path)
    assert docs.loc[0, "title"] == "Kremlin: Talks Stall"
    assert docs.loc[0, "outlet"] == "" and pd.isna(docs.loc[0, "date"])


def test_every_file_is_in_the_inventory_with_a_reason(tmp_path):
    (tmp_path / "good.txt").write_text("The Kremlin said talks had stalled.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text(" \n\t\n")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "inner.txt").write_text("Kyiv said the talks would go on.")
    inventory = scan_corpus(tmp_path).set_index("path")
    assert set(inventory.index) == {"good.txt", "empty.txt", "blank.txt", "nested/inner.txt"}
    assert inventory.loc["good.txt", "status"] == "loaded"
    assert inventory.loc["nested/inner.txt", "doc_id"] == "nested/inner"
    for path in ("empty.txt", "blank.txt"):
        assert inventory.loc[path, "status"] == "skipped" and inventory.loc[path, "reason"]


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="corpus folder not found"):
        load_corpus(tmp_path / "nope")


@pytest.mark.parametrize("read", [load_corpus, check_corpus])
def test_folder_without_usable_documents_is_a_clear_error(tmp_path, read):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(InputError, match="no usable documents"):
        read(tmp_path)


@pytest.mark.parametrize("read", [load_corpus, check_corpus])
def test_malformed_metadata_names_file_line_and_field(tmp_path, read):
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "metadata.csv").write_text("doc_id,title,outlet,date,date_note\n"
                                           "a,T,,30/06/2025x,\n")
    with pytest.raises(InputError, match=r"metadata.csv, line 2, field 'date'"):
        read(tmp_path)


def test_metadata_dates_may_mix_forms_and_keep_the_outlets_time(tmp_path):
    write_dated_corpus(tmp_path)
    docs = load_corpus(tmp_path).set_index("doc_id")
    assert docs["date"].dtype == "datetime64[ns]"
    assert list(docs["date"].iloc[:3]) == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-02"),
                                           pd.Timestamp("2024-03-03 23:30")]
    assert pd.isna(docs.loc["d", "date"])


def test_check_corpus_gives_the_inventory_without_cleaning_or_holding_the_texts(tmp_path,
                                                                               monkeypatch):
    from analysis import corpus

    (tmp_path / "a.txt").write_text("The Kremlin said talks had stalled.\n")
    (tmp_path / "copy.txt").write_text("The Kremlin said talks had stalled.\n")
    (tmp_path / "empty.txt").write_text("")
    expected = corpus_files(scan_corpus(tmp_path))

    def fails(text):
        raise AssertionError("check_corpus cleaned a text")

    monkeypatch.setattr(corpus, "clean_text", fails)
    assert_frame_equal(check_corpus(tmp_path), expected)
    assert list(expected["status"]) == ["loaded", "duplicate", "skipped"]


def test_loaded_metadata_is_what_load_corpus_gives_without_the_texts(seed_docs):
    columns = ["doc_id", "outlet", "date", "date_note"]
    metadata = loaded_metadata(SEEDS, check_corpus(SEEDS))
    assert_frame_equal(metadata[columns], seed_docs[columns])
    # a title derived from the text needs the text
    given = seed_docs["title_source"].eq("metadata")
    assert 0 < given.sum() < len(seed_docs)
    assert metadata["title"].where(given, "").equals(seed_docs["title"].where(given, ""))
    assert metadata["title"][~given].eq("").all()


def test_top_documents_keeps_every_document_of_a_small_corpus_and_the_largest_of_a_big_one():
    from analysis import top_documents

    table = pd.DataFrame({"doc_id": ["a", "b", "b", "c", "d"], "lines": [1, 2, 2, 5, 3]})
    assert top_documents(table, "lines", 5, ["d", "c", "b", "a", "e"]) == ["d", "c", "b", "a", "e"]
    # b (4) and d (3) tie-free; c has 5; "e" has no rows and counts as 0.
    assert top_documents(table, "lines", 2, ["a", "b", "c", "d", "e"]) == ["b", "c"]
    assert top_documents(table, "lines", 3, ["a", "b", "c", "d", "e"]) == ["b", "c", "d"]
