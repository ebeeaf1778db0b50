"""Sentences and tokens, without any downloaded NLTK data."""
import pickle
import random
from collections import Counter

import pandas as pd
import pytest
from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

from analysis.terms import count_words
from analysis.text import (SentenceSplitter, _LanguageVars, _Punkt, _Token, _TOKEN_RE, _WORDS_RE,
                           TRAINING_CHARS, corpus_splitter, normalise, token_kind,
                           training_sample, word_tokenizer, word_tokens, words)
from conftest import doc


@pytest.mark.parametrize("text, expected", [
    ("Troops crossed on Feb. 24. It began.", ["Troops crossed on Feb. 24.", "It began."]),
    ("Dr. Smith met the U.S. envoy. They spoke.", ["Dr. Smith met the U.S. envoy.", "They spoke."]),
    ("“We are ready,” he said. “Are you?”", ["“We are ready,” he said.", "“Are you?”"]),
    ("Trump’s Efforts to Mediate\nTrump said so.", ["Trump’s Efforts to Mediate", "Trump said so."]),
    # A line that does not end like a sentence is a headline: never split inside it.
    ("Kremlin: U.S. Military Trainers Could Destabilize Situation\nIt said so.",
     ["Kremlin: U.S. Military Trainers Could Destabilize Situation", "It said so."]),
])
def test_sentence_splitting(text, expected):
    assert SentenceSplitter().split(text) == expected


# Pieces that exercise Punkt's candidates: abbreviations, initials, numbers, runs of marks,
# closing quotes and brackets, a mark at the very start, and every kind of whitespace.
PUNKT_PIECES = ["a", "b", "Dr", "U", "S", "The", "he", "Feb", "24", "3", ".", ".", ".", "!", "?",
                " ", " ", "  ", "\t", "\n", "\u00a0", "\x1c", "”", "“", '"', "'", ")", "(", "]",
                "-", "--", ",", ":", ";", "…", "*"]


def test_punkt_spans_are_nltks_span_tokenize(seed_docs):
    params = SentenceSplitter().fit(seed_docs["text"]).tokenizer_._params
    ours, nltks = _Punkt(params), PunktSentenceTokenizer(params)
    rng = random.Random(0)
    texts = ["".join(rng.choice(PUNKT_PIECES) for _ in range(rng.randrange(25)))
             for _ in range(20_000)]
    texts += [line for text in seed_docs["text"] for line in text.split("\n")]
    for text in texts:
        assert ours.spans(text) == list(nltks.span_tokenize(text)), text
    # Remembered decisions stay behind when the tokenizer is shipped to a worker.
    assert ours._breaks and not pickle.loads(pickle.dumps(ours))._breaks


def test_a_word_opening_a_quotation_after_a_number_begins_a_sentence():
    # Punkt learns ("##number##", "“only") as a collocation from these texts, and would then
    # never end a sentence between the two.
    texts = [f"The talks began on May {day}. “Only then can we start,” he said. Officials met "
             "again in June. Nothing was agreed." for day in range(1, 29)]
    trainer = PunktTrainer()
    trainer.train(" ".join(texts))
    assert ("##number##", "“only") in trainer.get_params().collocations
    splitter = SentenceSplitter().fit(texts)
    assert ("##number##", "“only") not in splitter.tokenizer_._params.collocations
    assert splitter.split(texts[4]) == ["The talks began on May 5.",
                                        "“Only then can we start,” he said.",
                                        "Officials met again in June.", "Nothing was agreed."]


def test_training_sample_takes_the_first_characters_read_and_reads_no_further():
    read = []

    def documents():
        for doc_id, text in [("b", "12345"), ("a", "6789"), ("c", "xyz")]:
            read.append(doc_id)
            yield doc_id, text
    assert training_sample(documents(), 7) == ["67", "12345"]   # cut, then in doc_id order
    assert read == ["b", "a"]
    assert training_sample(documents(), 100) == ["6789", "12345", "xyz"]
    assert training_sample(documents(), 0) == []


def learned(params):
    return (params.abbrev_types, params.collocations, params.sent_starters,
            dict(params.ortho_context))


def test_a_corpus_splitter_learns_from_the_first_million_characters_in_path_order():
    # "a" comes first by doc_id but second by path: only its start is read, so the word at its
    # end is not learned.
    first_by_path = "Troops moved on. " * 41_177      # 700,009 characters
    second_by_path = "Tanks rolled in. " * 41_177 + "Zebras grazed there."
    docs = pd.DataFrame({"doc_id": ["a", "b"], "path": ["2.txt", "1.txt"],
                         "text": [second_by_path, first_by_path]})
    fitted = learned(corpus_splitter(docs).tokenizer_._params)
    read = second_by_path[:TRAINING_CHARS - len(first_by_path)]
    assert fitted == learned(SentenceSplitter().fit([read, first_by_path]).tokenizer_._params)
    assert "zebras" not in fitted[3]
    assert "zebras" in learned(SentenceSplitter().fit([second_by_path[-50:]]).tokenizer_._params)[3]


def test_unguarded_patterns_learn_what_nltk_learns(seed_docs):
    def learned(trainer):
        for text in seed_docs["text"]:
            trainer.train(text, finalize=False)
        params = trainer.get_params()
        return (params.abbrev_types, params.collocations, params.sent_starters,
                dict(params.ortho_context))
    assert learned(PunktTrainer(lang_vars=_LanguageVars(), token_cls=_Token)) == \
        learned(PunktTrainer())


def test_sentence_offsets_point_into_the_text(seed_docs, seed_sentences):
    texts = dict(zip(seed_docs["doc_id"], seed_docs["text"]))
    for row in seed_sentences.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.sentence


def test_seed_sentence_counts_match_a_hand_count(seed_sentences):
    # Counted by reading each cleaned article, paragraph by paragraph (the headline is one
    # sentence; "A. B." inside one quotation is two): 000 has 15 paragraphs, six of them with
    # two sentences; 001 has 10 paragraphs, two with two sentences; 002 has 17 one-sentence
    # paragraphs; 003 has 26 paragraphs (5 crossheads), 50 sentences, among them "... posted
    # on X." and "... a passenger car.", which a Punkt that kept the abbreviations it learns from
    # five articles ("x", "car") would not end; 004: headline + 21 sentences, "Feb. 24." does
    # not end a sentence early.
    counts = seed_sentences.groupby(seed_sentences["doc_id"].str[:3]).size()
    assert counts.to_dict() == {"000": 22, "001": 12, "002": 17, "003": 50, "004": 22}


@pytest.mark.parametrize("prefix, sentence", [
    ("000", "“We are not seeking Ukraine’s capitulation."),
    ("001", "Kremlin: U.S. Military Trainers Could Destabilize Situation in Ukraine"),
    ("001", '"The participation of instructors or specialists from third countries on Ukrainian '
            'territory, where the domestic Ukrainian conflict is unresolved … could destabilize '
            'the situation," Kremlin spokesman Dmitry Peskov told reporters in Moscow during a '
            'conference call.'),
    ("003", "“Time and again they are told that peacekeepers must come from non-NATO states,” "
            "Medvedev posted on X."),
    ("003", "The region is vital to Ukraine’s maritime exports, and a recent attack caused civilian "
            "casualties, damaging a kindergarten, a residential house, and a passenger car."),
    ("003", "“That means war with NATO."),
    ("003", "Consult with Trump, scumbags,” he added."),
    ("003", "Trump told reporters aboard Air Force One: “I’ll talk to President Putin on Tuesday."),
    ("003", "A lot of work has been done over the weekend."),
    ("004", "It also has pushed for guarantees that Ukraine wouldn’t join NATO, along with vaguely "
            "formulated “demilitarization” and “denazification” goals."),
    ("004", "On Thursday, U.S. President Joe Biden also indicated he would be willing to talk "
            "with Putin if he demonstrated that he seriously wanted to end the war and pull out "
            "of Ukraine."),
])
def test_hand_checked_seed_sentences(seed_docs, seed_sentences, prefix, sentence):
    doc_id = doc(seed_docs, prefix)["doc_id"]
    assert sentence in set(seed_sentences.loc[seed_sentences["doc_id"] == doc_id, "sentence"])


def test_feb_24_ends_its_sentence_only_at_the_final_stop(seed_sentences):
    ends = [s for s in seed_sentences["sentence"] if "Feb. 24" in s]
    assert len(ends) == 1 and ends[0].startswith("The Kremlin has urged Ukraine")
    assert ends[0].endswith("into Ukraine on Feb. 24.")


@pytest.mark.parametrize("text, expected", [
    ("Putin’s and Putin's", ["putin", "and", "putin"]),
    ("the U.S. and NATO", ["the", "u.s.", "and", "nato"]),
    ("US officials told us", ["u.s.", "officials", "told", "us"]),
    ("NATO-standard, non-NATO troops", ["nato-standard", "non-nato", "troops"]),
    ("a cease\u2011fire and a cease-fire", ["a", "cease-fire", "and", "a", "cease-fire"]),
    # "billion" is a word (a stopword, so never a term); the figures are not words.
    ("a $2.5 billion package in 2024", ["a", "billion", "package", "in"]),
    ("$1.22 billion, $10,000 a month, €5bn, 10 million people",
     ["billion", "a", "month", "million", "people"]),
    ("the 1,000-kilometre front, a 30-day truce, 6,100 killed, 5% more, the 1990s",
     ["the", "front", "a", "truce", "killed", "more", "the"]),
    ("the countries’ demands", ["the", "countries", "demands"]),
    ("‘too early to talk about peacekeepers’.", ["too", "early", "to", "talk", "about",
                                                "peacekeepers"]),
    ("“We don’t shun contacts,” he said", ["we", "don't", "shun", "contacts", "he", "said"]),
    ("peaceful means—namely, the Minsk agreements", ["peaceful", "means", "namely", "the",
                                                     "minsk", "agreements"]),
    ("see https://example.org/a?b=1 now", ["see", "now"]),
])
def test_words(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize("token, kind", [
    ("$2.5", "money"), ("€5bn", "money"), ("10,000", "number"), ("30-day", "number"), ("U.S.", "abbreviation"),
    ("Putin’s", "word"), ("non-NATO", "word"), ("—", "punct"), ("www.example.org", "url"),
])
def test_token_kinds(token, kind):
    assert token_kind(token) == kind


def test_normalise_straightens_apostrophes():
    assert normalise("Don’t") == "don't"


def test_nltk_regexp_tokenizer_and_the_fast_path_agree_on_the_seeds(seed_docs):
    # The counting paths use the standard re module with NLTK's pattern; same tokens either way.
    for text in seed_docs["text"]:
        assert word_tokenizer.tokenize(text) == [m.group() for m in _TOKEN_RE.finditer(text)]


ODD_SPACING = ("NATO\u00a0troops\tand U.S.\u2009aid,\u2003“peacekeepers’\u3000$2.5\nbillion —war "
               "'tis (NATO) A. -word U.S., e.g., $abc “Putin’s” countries’ x-ray, 3D G7. –")


@pytest.mark.parametrize("which", ["seeds", "odd spacing"])
def test_chunked_counting_gives_the_tokens_of_the_whole_text(seed_docs, which):
    # Counting splits at whitespace and tokenizes each chunk; that must equal one regex pass.
    texts = list(seed_docs["text"]) if which == "seeds" else [ODD_SPACING]
    for text in texts:
        whole = _WORDS_RE.findall(text)
        assert word_tokens(text) == whole
        assert count_words(text) == Counter(normalise(token) for token in whole if token)


def test_rows_by_document_is_groupby_without_sorting(seed_sentences):
    from analysis.text import rows_by_document

    # the documents interleaved, the last one first
    table = seed_sentences.iloc[::-1].sort_values("start", kind="stable")
    columns = ["sentence_id", "start", "sentence"]
    expected = {doc_id: list(zip(*(group[column] for column in columns)))
                for doc_id, group in table.groupby("doc_id", sort=False)}
    grouped = rows_by_document(table, columns)
    assert list(grouped) == list(expected) != sorted(expected)
    assert grouped == expected
