"""Sentences and tokens, without any downloaded NLTK data."""
import pytest

from analysis.text import SentenceSplitter, normalise, words


@pytest.mark.parametrize("text, expected", [
    ("Troops crossed on Feb. 24. It began.", ["Troops crossed on Feb. 24.", "It began."]),
    ("Dr. Smith met the U.S. envoy. They spoke.", ["Dr. Smith met the U.S. envoy.", "They spoke."]),
    ("“We are ready,” he said. “Are you?”", ["“We are ready,” he said.", "“Are you?”"]),
    ("Trump’s Efforts to Mediate\nTrump said so.", ["Trump’s Efforts to Mediate", "Trump said so."]),
])
def test_sentence_splitting(text, expected):
    assert SentenceSplitter().split(text) == expected


def test_sentence_offsets_point_into_the_text(seed_docs, seed_sentences):
    texts = dict(zip(seed_docs["doc_id"], seed_docs["text"]))
    for row in seed_sentences.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.sentence


def test_seed_sentence_counts_match_a_hand_count(seed_sentences):
    # 004 read by hand: headline + 21 sentences; "Feb. 24." does not end a sentence early.
    counts = seed_sentences.groupby(seed_sentences["doc_id"].str[:3]).size()
    assert counts["004"] == 22


@pytest.mark.parametrize("text, expected", [
    ("Putin’s and Putin's", ["putin", "and", "putin"]),
    ("the U.S. and NATO", ["the", "u.s.", "and", "nato"]),
    ("NATO-standard, non-NATO troops", ["nato-standard", "non-nato", "troops"]),
    ("a $2.5 billion package in 2024", ["a", "billion", "package", "in"]),
    ("the countries’ demands", ["the", "countries", "demands"]),
])
def test_words(text, expected):
    assert words(text) == expected


def test_normalise_straightens_apostrophes():
    assert normalise("Don’t") == "don't"
