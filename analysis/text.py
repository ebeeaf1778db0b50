"""Sentences and tokens, computed once and shared by terms, actors, quotes and demands.

Nothing here needs downloaded NLTK data, so results are the same with or without nltk_data:
- sentences: NLTK's Punkt, trained on the corpus itself, with the project's own list of
  abbreviations added (a five-article corpus cannot teach Punkt that "Feb." or "Dr." do not end
  a sentence). Each line of the cleaned text is a paragraph; a sentence never crosses one, so a
  crosshead without a full stop stays a sentence of its own.
- words: NLTK's RegexpTokenizer with the pattern below. Decisions, so counts can be checked:
  * curly apostrophes count as straight ones, and a possessive ending is dropped from the term
    ("Putin’s", "Putin's" -> putin; "countries’" -> countries);
  * dotted abbreviations stay whole ("U.S." -> u.s.);
  * hyphenated words stay whole ("NATO-standard" -> nato-standard, "non-NATO" -> non-nato),
    because splitting them would count "non-NATO" as a mention of NATO;
  * money and numbers are tokens of their own kind ("$2.5", "1,000-kilometre") and are never
    terms; "billion" after "$2.5" is an ordinary word.
"""
import re

import pandas as pd
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktTrainer

from .datafiles import data_path, read_wordlist

TOKEN_PATTERN = r"""(?x)
    (?P<money>[$€£]\d+(?:[.,]\d+)*)
  | (?P<abbreviation>(?:[^\W\d_]\.){2,})
  | (?P<number>\d+(?:[.,:]\d+)*%?(?:-[^\W\d_]+)*)
  | (?P<word>\w+(?:['’][^\W\d_]+)*(?:-\w+(?:['’][^\W\d_]+)*)*)
  | (?P<punct>[^\w\s])
"""
_TOKEN_RE = re.compile(TOKEN_PATTERN)
word_tokenizer = RegexpTokenizer(TOKEN_PATTERN)
POSSESSIVE = re.compile(r"'s?$")
TRAINING_CHARS = 5_000_000


def normalise(token):
    """The term a word token counts as: lower case, straight apostrophe, no possessive ending."""
    return POSSESSIVE.sub("", token.lower().replace("’", "'"))


def token_kind(token):
    return _TOKEN_RE.fullmatch(token).lastgroup


class SentenceSplitter:
    """Punkt fitted on a corpus: `SentenceSplitter().fit(texts).split(text)`."""

    def __init__(self, abbreviations=None):
        self.abbreviations = abbreviations if abbreviations is not None else \
            read_wordlist(data_path("abbreviations_en.txt"))

    def fit(self, texts):
        """Learn abbreviations, collocations and sentence starters from the corpus's texts.

        At most TRAINING_CHARS characters are used (taken in order), which is enough for Punkt's
        statistics and keeps fitting cheap on a large archive.
        """
        trainer = PunktTrainer()
        used = 0
        for text in texts:
            if used >= TRAINING_CHARS:
                break
            trainer.train(text[:TRAINING_CHARS - used], finalize=False)
            used += len(text)
        trainer.finalize_training()
        params = trainer.get_params()
        params.abbrev_types.update(self.abbreviations)
        self.tokenizer_ = PunktSentenceTokenizer(params)
        return self

    def _tokenizer(self):
        if not hasattr(self, "tokenizer_"):
            params = PunktParameters()
            params.abbrev_types = set(self.abbreviations)
            self.tokenizer_ = PunktSentenceTokenizer(params)
        return self.tokenizer_

    def spans(self, text):
        """(paragraph number, start, end) of every sentence, as offsets into `text`."""
        tokenizer = self._tokenizer()
        offset = 0
        for paragraph, line in enumerate(text.split("\n")):
            for start, end in tokenizer.span_tokenize(line):
                yield paragraph, offset + start, offset + end
            offset += len(line) + 1

    def split(self, text):
        return [text[start:end] for _, start, end in self.spans(text)]


SENTENCE_COLUMNS = ["doc_id", "sentence_id", "paragraph_id", "start", "end", "sentence"]


def sentences(docs, splitter=None):
    """One row per sentence of every document's cleaned text.

    `sentence_id` counts from 0 within a document; (doc_id, sentence_id) is the key every
    evidence table points at. Without a splitter, one is fitted on these documents.
    """
    splitter = splitter or SentenceSplitter().fit(docs["text"])
    rows = [(doc_id, number, paragraph, start, end, text[start:end])
            for doc_id, text in zip(docs["doc_id"], docs["text"])
            for number, (paragraph, start, end) in enumerate(splitter.spans(text))]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def tokens(sentence_table):
    """One row per token: doc_id, sentence_id, token, kind, term (the normalised word or '')."""
    rows = []
    for doc_id, sentence_id, sentence in sentence_table[["doc_id", "sentence_id", "sentence"]] \
            .itertuples(index=False):
        for match in _TOKEN_RE.finditer(sentence):
            kind, token = match.lastgroup, match.group()
            term = normalise(token) if kind in ("word", "abbreviation") else ""
            rows.append((doc_id, sentence_id, token, kind, term))
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "token", "kind", "term"])


def words(text):
    """The normalised word terms of a text, in order (no numbers, money or punctuation)."""
    return [normalise(match.group()) for match in _TOKEN_RE.finditer(text)
            if match.lastgroup in ("word", "abbreviation")]
