"""Term counts, keyness, collocations, concordance and trends, checked against hand counts."""
import json
import math
import os
import re
import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest

from analysis import InputError, plots, terms
from conftest import ROOT, SEEDS, doc

# Counted by reading the cleaned seeds (grep -o on the text, then each hit read in its sentence):
# "peacekeepers" 002: 1 ("too early to talk about peacekeepers"), 003: 2; "peacekeeping" 002: 2,
# 003: 3 (with the crosshead "Uncertainty Surrounding Peacekeeping Plans"); "training" 000: 7
# (with the headline), 001: 3, 004: 3 ("Trainers" in 001's headline is another word); "weapons"
# 000: 3, 001: 2, 002: 2, 004: 5; "neutral" 003: 2; "u.s." is "U.S." or "US": 000: 1 ("the US."),
# 001: 4, 002: 3, 004: 3 (003's "US-backed" is one hyphenated word); "nato" 000: 1, 002: 2,
# 003: 12, 004: 2 ("NATO-standard" and "non-NATO" are other words); "putin" with "Putin’s":
# 000: 3, 002: 1, 003: 7, 004: 6; "train" 001: 2; "kindergarten" 003: 1.
HAND_COUNTS = {"peacekeepers": 3, "peacekeeping": 5, "training": 13, "weapons": 12, "neutral": 2,
               "u.s.": 11, "nato": 17, "putin": 17, "train": 2, "kindergarten": 1}

# Words of the page furniture cleaning removes from the seeds (001's donation appeal and
# newsletter box, 004's comment form and teaser, 000's labels and photo credit); none of them
# occurs in an article body.
BOILERPLATE = ["newsletter", "subscribers", "mailbox", "privacy", "journalism", "journalists",
               "undesirable", "prosecution", "repression", "contribution", "monthly", "ads",
               "ad-free", "readers", "reply", "email", "required", "tehran", "sanctions",
               "iranian", "authors", "getty", "downing", "category", "writings"]


@pytest.fixture(scope="module")
def counts(seed_docs):
    return terms.term_frequency(seed_docs)


def test_term_frequency_matches_hand_counts(counts):
    found = dict(zip(counts["term"], counts["count"]))
    assert {term: found.get(term, 0) for term in HAND_COUNTS} == HAND_COUNTS


def test_per_document_counts_match_hand_counts(seed_docs):
    table = terms.document_term_frequency(seed_docs)
    training = table[table["term"] == "training"].set_index("doc_id")["count"]
    assert {doc_id[:3]: count for doc_id, count in training.items()} == \
        {"000": 7, "001": 3, "004": 3}


def test_every_term_is_in_the_table_sorted(counts):
    assert list(counts.columns) == ["term", "count"]
    assert counts["term"].is_unique
    assert counts["count"].is_monotonic_decreasing
    assert (counts["count"] == 1).sum() > 100  # single occurrences are kept for cross-checks


def test_top_terms_are_words(counts):
    stopwords = terms.load_stopwords()
    for term in counts["term"]:
        assert term not in stopwords
        assert len(term) > 1
        assert re.fullmatch(r"[^\W\d_][\w.'-]*", term), term  # no punctuation, no number
        assert not re.search(r"'s?$", term), term               # no possessive ending
    assert not {"the", "said", "us", "it", "ukraine's", "'s", "s", "2022", "$2.5", "billion",
                "three"} & set(counts["term"])


def test_count_terms_adds_up_to_term_frequency(seed_docs, counts):
    stopwords = terms.load_stopwords()
    total = sum((terms.count_terms(text, stopwords) for text in seed_docs["text"]), Counter())
    assert total == dict(zip(counts["term"], counts["count"]))


def test_boilerplate_vocabulary_appears_in_no_table(seed_docs, seed_sentences, counts):
    raw = " ".join(seed_docs["raw_text"]).lower()
    for word in BOILERPLATE:  # each is really on the pages, so its absence below means something
        assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", raw), word
    tables = [counts["term"],
              terms.document_term_frequency(seed_docs)["term"],
              terms.stemmed_frequency(counts)["forms"],
              terms.keyness(seed_docs, min_count=1, min_g2=0)["term"],
              terms.collocations(seed_sentences, min_count=1)["collocation"],
              terms.concordance(seed_docs, ["*"], width=0, sentence_table=seed_sentences)["term"]]
    vocabulary = {word for table in tables for cell in table for word in re.split(r"[ ;]", cell)}
    assert not set(BOILERPLATE) & vocabulary


def test_extra_stopwords_leave_words_out(seed_docs):
    stopwords = terms.load_stopwords(extra=["Ukraine’s", "NATO"])
    table = terms.term_frequency(seed_docs, stopwords)
    assert not {"ukraine", "nato"} & set(table["term"])
    assert "russia" in set(table["term"])


def test_stopword_entries_are_read_like_words(tmp_path):
    path = tmp_path / "stop.txt"
    path.write_text("# header\nLet’s\nUS  # the pronoun\n", encoding="utf-8")
    assert terms.load_stopwords(path) == {"let", "us"}
    assert terms.count_terms("Let's go. Let us see the US.", terms.load_stopwords(path)) == \
        {"go": 1, "see": 1, "the": 1, "u.s.": 1}


def test_stemmed_view_labels_each_stem_by_its_most_frequent_form(counts):
    stemmed = terms.stemmed_frequency(counts).set_index("stem")
    assert stemmed.loc["train", "label"] == "training"
    assert stemmed.loc["train", "forms"] == "training 13; train 2; trains 1"
    assert stemmed.loc["train", "count"] == 16
    assert stemmed["count"].sum() == counts["count"].sum()


def _corpus(*texts, dates=None):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts),
                         "date": pd.to_datetime(dates or [None] * len(texts))})


def test_keyness_is_dunnings_log_likelihood():
    docs = _corpus("alpha alpha alpha beta", "beta gamma gamma delta")
    table = terms.keyness(docs, stopwords=set(), min_count=2).set_index(["doc_id", "term"])
    # alpha: 3 of 4 words in d0, 0 of 4 in d1; expected in d0 = 4 * 3 / 8 = 1.5.
    assert table.loc[("d0", "alpha"), "g2"] == pytest.approx(2 * 3 * math.log(3 / 1.5), abs=1e-3)
    assert table.loc[("d0", "alpha"), "log_ratio"] == pytest.approx(math.log2(6), abs=1e-3)
    # beta is as frequent in both (not over-used); gamma's G2 (2.77) is below 3.84.
    assert list(table.index) == [("d0", "alpha")]


def test_keyness_on_the_seeds_ranks_an_articles_own_words(seed_docs):
    table = terms.keyness(seed_docs)
    assert (table["count"] >= 2).all() and (table["g2"] >= terms.SIGNIFICANT_G2).all()
    assert (table["per_1000"] > table["rest_per_1000"]).all()
    top = table.groupby("doc_id").head(1).set_index("doc_id")["term"]
    # 001 is the only article about U.S. trainers "destabilizing" the situation (3 times).
    assert top[doc(seed_docs, "001")["doc_id"]] == "destabilize"


def test_collocations_stay_inside_sentences_and_skip_stopwords():
    sentences = pd.DataFrame({"doc_id": ["a"] * 4, "sentence": [
        "Peace talks began. Peace talks ended.", "The peace talks, talks again.",
        "They spoke of peace. Talks followed.", "Peace talks 2025 talks."]})
    table = terms.collocations(sentences, stopwords={"the", "of", "they"}, n=2, min_count=2)
    assert list(table["collocation"]) == ["peace talks"]
    # 4 = the two in the first sentence string, one in the second, one in the fourth; not
    # "peace. Talks" across a full stop, nor "talks 2025 talks" across a number.
    assert table["count"].tolist() == [4]


def test_seed_collocations_match_hand_counts(seed_sentences):
    table = terms.collocations(seed_sentences, min_count=2).set_index("collocation")
    # "foreign minister": 000 "Deputy Foreign Minister", 002, 003 "deputy foreign minister",
    # 004 twice; "neutral status": 003 twice.
    assert table.loc["foreign minister", "count"] == 5
    assert table.loc["neutral status", "count"] == 2
    assert set(table["n"]) == {2, 3}
    assert not any(len(word) < 2 or word in terms.load_stopwords()
                   for phrase in table.index for word in phrase.split())


def test_concordance_finds_every_occurrence_in_its_sentence(seed_docs, seed_sentences):
    table = terms.concordance(seed_docs, ["peacekeepers", "peacekeep*"],
                              sentence_table=seed_sentences)
    assert (table["query"] == "peacekeepers").sum() == 3
    # Each occurrence is listed under the first query it matches: peacekeeping's 5 remain.
    assert (table["query"] == "peacekeep*").sum() == 5
    keyed = seed_sentences.set_index(["doc_id", "sentence_id"])["sentence"]
    for row in table.itertuples():
        assert row.keyword in keyed[(row.doc_id, row.sentence_id)]
        assert row.keyword.lower().startswith("peacekeep")


def test_concordance_view_escapes_article_text():
    docs = _corpus("a <script>alert(1)</script> weapons & more")
    table = terms.concordance(docs, ["weapons"], sentence_table=pd.DataFrame(
        {"doc_id": ["d0"], "sentence_id": [0], "start": [0]}))
    html = plots.concordance_view(table).to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_term_trends_are_rates_per_thousand_words_in_date_order():
    docs = _corpus("NATO and more NATO talk", "Talks about NATO’s plans", "NATO undated",
                   dates=["2024-05-01", "2020-01-01", None])
    table = terms.term_trends(docs, ["nato", "talk*"])
    assert list(table["doc_id"]) == ["d1", "d1", "d0", "d0"]
    assert table["count"].tolist() == [1, 1, 2, 1]
    assert table["words"].tolist() == [4, 4, 5, 5]
    assert table["per_1000"].tolist() == [250.0, 250.0, 400.0, 200.0]


def test_parameter_checks():
    assert terms.check_terms("training", "kwic_terms") == ["training"]
    assert terms.check_count(5, "top_n") == 5
    with pytest.raises(InputError, match="kwic_terms"):
        terms.check_terms([1, 2], "kwic_terms")
    with pytest.raises(InputError, match="top_n"):
        terms.check_count(0, "top_n")


def test_notebook_parameters_have_defaults_and_comments():
    notebook = json.loads((ROOT / "notebooks" / "01_term_frequency.ipynb").read_text("utf-8"))
    cell = next(c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", []))
    lines = "".join(cell["source"]).splitlines()
    names = {}
    for number, line in enumerate(lines):
        if " = " in line and not line.startswith("#"):
            assert lines[number - 1].startswith("# "), line  # every parameter has its comment
            name, value = line.split(" = ", 1)
            names[name] = eval(value, {})  # plain literals only
    assert {"corpus_dir", "figures_dir", "top_n", "extra_stopwords", "kwic_terms", "trend_terms",
            "stem", "min_count"} <= set(names)
    assert names["kwic_terms"] == ["training", "peacekeepers", "neutral", "weapons"]


NO_DATA_SCRIPT = """
import json, sys
import nltk, nltk.data

def refuse(*args, **kwargs):
    raise LookupError("nltk data was asked for")

nltk.data.path[:] = []
nltk.data.find = nltk.data.load = refuse
from analysis import load_corpus, sentences, terms
docs = load_corpus(sys.argv[1])
table = sentences(docs)
print(json.dumps(
    {"sentences": table["sentence"].tolist(),
     "terms": terms.term_frequency(docs).to_csv(),
     "stemmed": terms.stemmed_frequency(terms.term_frequency(docs)).to_csv(),
     "keyness": terms.keyness(docs).to_csv(),
     "collocations": terms.collocations(table, min_count=2).to_csv()}))
"""


def test_results_are_identical_without_nltk_data(tmp_path, seed_docs, seed_sentences, counts):
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {**os.environ, "NLTK_DATA": str(empty), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", NO_DATA_SCRIPT, str(SEEDS)], env=env, cwd=tmp_path,
                         capture_output=True, text=True, check=True)
    offline = json.loads(run.stdout)
    assert offline == {
        "sentences": seed_sentences["sentence"].tolist(),
        "terms": counts.to_csv(),
        "stemmed": terms.stemmed_frequency(counts).to_csv(),
        "keyness": terms.keyness(seed_docs).to_csv(),
        "collocations": terms.collocations(seed_sentences, min_count=2).to_csv()}


def test_concordance_view_shows_at_most_max_rows_of_each_term_with_a_caption():
    docs = _corpus("weapons and weapons and weapons, peace", "more weapons and peace")
    table = terms.concordance(docs, ["weapons", "peace"], sentence_table=pd.DataFrame(
        {"doc_id": ["d0", "d1"], "sentence_id": [0, 0], "start": [0, 0]}))
    assert table.groupby("query", sort=False).size().to_dict() == {"weapons": 4, "peace": 2}
    html = plots.concordance_view(table, max_rows=1).to_html()
    assert html.count("<td") < plots.concordance_view(table).to_html().count("<td")
    assert "The first 1 lines of each term: 2 of 6" in html
    assert "The first" not in plots.concordance_view(table, max_rows=4).to_html()


def test_ranked_terms_are_all_terms_sorted_by_count_then_term_or_the_first_n():
    import random

    rng = random.Random(1)
    for _ in range(300):
        counts = Counter({f"t{i}": rng.randint(1, 4) for i in range(rng.randint(0, 40))})
        everything = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        assert terms.ranked_terms(counts) == everything
        for n in (1, 3, 10, 50):
            assert terms.ranked_terms(counts, n) == everything[:n]


def test_document_term_frequency_is_each_documents_ranked_counts_in_document_order():
    docs = pd.DataFrame({"doc_id": ["b", "a", "empty"],
                         "text": ["Talks talks NATO troops NATO talks.", "Kyiv said Kyiv.", ""]})
    table = terms.document_term_frequency(docs, stopwords=frozenset({"said"}))
    assert list(table.itertuples(index=False, name=None)) == [
        ("b", "talks", 3), ("b", "nato", 2), ("b", "troops", 1), ("a", "kyiv", 2)]
    assert table["count"].dtype == "int64"
    top = terms.document_term_frequency(docs, stopwords=frozenset(), top_n=1)
    assert list(top["term"]) == ["talks", "kyiv"]


def test_collocation_finders_count_what_nltks_from_documents_counts():
    import random

    from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder

    from analysis.text import normalise, word_tokens

    rng = random.Random(5)
    vocabulary = ["peace", "talks", "NATO", "troops", "2024", ",", "Kyiv’s", "—", "U.S.",
                  "(the)"]
    sentences = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 12)))
                 for _ in range(300)]
    # NLTK's input: each sentence's words, None where a number or a mark intervenes
    runs = [[normalise(token) if token else None for token in word_tokens(sentence)]
            for sentence in sentences]
    assert any(None in run for run in runs)
    finders = terms._collocation_finders(sentences, {2, 3})
    bigrams = BigramCollocationFinder.from_documents(runs)
    trigrams = TrigramCollocationFinder.from_documents(runs)
    assert finders[2].word_fd == bigrams.word_fd and finders[2].ngram_fd == bigrams.ngram_fd
    for name in ("word_fd", "bigram_fd", "wildcard_fd", "ngram_fd"):
        assert getattr(finders[3], name) == getattr(trigrams, name), name
    assert sum(trigrams.ngram_fd.values()) > 100
    with pytest.raises(ValueError, match="n=.4"):
        terms._collocation_finders(sentences, {4})


@pytest.mark.parametrize("period", ["article", "quarter"])
def test_term_trends_of_undated_articles_is_an_empty_table_of_rates(period):
    docs = _corpus("NATO talk", "More NATO talk", dates=[None, None])
    trends = terms.term_trends(docs, ["nato"], period=period)
    assert trends.empty and trends["per_1000"].dtype == "float64"
