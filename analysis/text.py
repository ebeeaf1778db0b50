"""Sentences and tokens, computed once and shared by terms, actors, quotes and demands.

Nothing here needs downloaded NLTK data, so results are the same with or without nltk_data:
- sentences: NLTK's Punkt, trained on the corpus itself, with the project's own list of
  abbreviations added (a five-article corpus cannot teach Punkt that "Feb." or "Dr." do not end
  a sentence, and teaches it false ones, so only its dotted ones are kept: see `fit`). Each line of the cleaned text is a paragraph; a sentence never crosses one, so a
  crosshead without a full stop stays a sentence of its own. A line that does not end like a
  sentence (a headline, crosshead or caption) is one sentence whole: Punkt would otherwise split
  "Kremlin: U.S. Military Trainers Could ..." after "U.S.", because a small corpus has seen
  "Military" only at the start of sentences.
- words: NLTK's RegexpTokenizer with TOKEN_PATTERN below (`word_tokenizer`). No token spans
  whitespace, so the counting paths split a text at whitespace (fast, in C), and run the same
  pattern, through the standard `re` module, once per distinct chunk ("Ukraine’s", "war,",
  "“We"), remembering the result: chunks repeat, so most are never tokenized twice. Tests check
  that this gives exactly the tokens of NLTK's tokenizer on the whole text. Decisions, so
  counts can be checked:
  * curly apostrophes count as straight ones, and a possessive ending is dropped from the term
    ("Putin’s", "Putin's" -> putin; "countries’" -> countries); quotation marks are punctuation;
  * dotted abbreviations stay whole ("U.S." -> u.s.), and the capitalised "US" counts as u.s.
    too, since lower-casing it would turn the country into the stopword "us";
  * hyphenated words stay whole ("NATO-standard" -> nato-standard, "non-NATO" -> non-nato,
    "cease-fire" -> cease-fire), because splitting them would count "non-NATO" as a mention of
    NATO; the Unicode hyphens (U+2010, U+2011) count as "-", dashes separate words;
  * money and numbers are tokens of their own kind and are never terms, with their unit
    ("$2.5", "$5bn", "10,000", "30-day", "1,000-kilometre", "1990s", "5%"); the "billion" of
    "$2.5 billion" is a word, and number words are in the stopword list, so that numbers are
    never terms whether written in figures or in words;
  * web addresses are tokens of their own kind, never terms.
"""
import re
from functools import lru_cache

import pandas as pd
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktTrainer

from .clean import SENTENCE_END
from .datafiles import data_path, read_wordlist

_LETTER = r"[^\W\d_]"
_ALNUM = r"[^\W_]"
_HYPHENS = "-\u2010\u2011"
_APOSTROPHES = "'\u2019"
# Token kinds, tried in this order at each position (the first that matches wins).
TOKEN_KINDS = {
    "url": r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\"().,;:!?'’”]",
    "money": rf"[$€£¥]\d+(?:[.,]\d+)*(?:{_ALNUM}+)?",
    "number": rf"\d+(?:[.,:]\d+)*(?:%|{_ALNUM}+)?(?:[{_HYPHENS}]{_ALNUM}+)*",
    "abbreviation": rf"(?:{_LETTER}\.){{2,}}(?:[{_HYPHENS}]{_ALNUM}+)*",
    "word": rf"{_LETTER}{_ALNUM}*(?:[{_APOSTROPHES}]{_LETTER}+)*"
            rf"(?:[{_HYPHENS}]{_ALNUM}+(?:[{_APOSTROPHES}]{_LETTER}+)*)*",
    "punct": r"[^\w\s]",
}
WORD_KINDS = ("abbreviation", "word")
# Without groups, for NLTK's RegexpTokenizer (its findall would return tuples of groups).
TOKEN_PATTERN = "|".join(f"(?:{pattern})" for pattern in TOKEN_KINDS.values())
word_tokenizer = RegexpTokenizer(TOKEN_PATTERN)
# Named groups, so a match says its kind (`tokens`).
_TOKEN_RE = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in TOKEN_KINDS.items()))
# The same alternation with one capturing group around the word kinds: findall gives each word
# token, and "" for every other token, which marks where a run of words is interrupted.
_WORDS_RE = re.compile("(?:{url})|(?:{money})|(?:{number})|({abbreviation}|{word})|(?:{punct})"
                       .format(**TOKEN_KINDS))
# Characters read as another: the curly apostrophe and the Unicode hyphens.
FOLDED = {"\u2019": "'", "\u2010": "-", "\u2011": "-"}
POSSESSIVE = re.compile(r"'s?$")
# Capitalised forms whose lower case would be another word.
SPECIAL_FORMS = {"US": "u.s."}
TRAINING_CHARS = 5_000_000


@lru_cache(maxsize=1 << 20)
def normalise(token):
    """The term a word token counts as: lower case, straight apostrophe, no possessive ending."""
    special = SPECIAL_FORMS.get(token)
    if special:
        return special
    term = token.lower()
    if term.isalpha():  # most words: nothing to fold, no apostrophe
        return term
    for character, replacement in FOLDED.items():
        term = term.replace(character, replacement)
    return POSSESSIVE.sub("", term)


def token_kind(token):
    """'word', 'abbreviation', 'number', 'money', 'url' or 'punct': how the tokenizer reads it."""
    return _TOKEN_RE.match(token).lastgroup


@lru_cache(maxsize=1 << 18)
def chunk_tokens(chunk):
    """The word tokens of a chunk of text without whitespace, "" for each other token."""
    return tuple(_WORDS_RE.findall(chunk))


def word_tokens(text):
    """The word tokens of a text as written, in order, with "" where other tokens interrupt."""
    return [token for chunk in text.split() for token in chunk_tokens(chunk)]


def word_spans(text):
    """(start, end, token) of every word token of a text, as written."""
    for match in _WORDS_RE.finditer(text):
        if match.group(1):
            yield match.start(), match.end(), match.group(1)


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
        # Of the abbreviations Punkt learns, keep only dotted ones ("u.s"): on a small corpus it
        # also "learns" any word seen once before a full stop and never without ("car", "x",
        # "ii"), and would then not end a sentence there. The list covers the common rest.
        params.abbrev_types = {kind for kind in params.abbrev_types if "." in kind} \
            | set(self.abbreviations)
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
            stripped = line.strip()
            if stripped and not stripped.endswith(SENTENCE_END):
                start = len(line) - len(line.lstrip())
                yield paragraph, offset + start, offset + start + len(stripped)
            else:
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
            term = normalise(token) if kind in WORD_KINDS else ""
            rows.append((doc_id, sentence_id, token, kind, term))
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "token", "kind", "term"])


def words(text):
    """The normalised word terms of a text, in order (no numbers, money or punctuation)."""
    return [normalise(token) for chunk in text.split() for token in chunk_tokens(chunk)
            if token]
