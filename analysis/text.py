"""Sentences and tokens, computed once and shared by terms, actors, quotes and demands.

Nothing here needs downloaded NLTK data, so results are the same with or without nltk_data:
- sentences: NLTK's Punkt, trained on the corpus itself (`training_sample`), with the project's
  own list of abbreviations added (a five-article corpus cannot teach Punkt that "Feb." or "Dr."
  do not end a sentence, and teaches it false ones, so only its dotted ones are kept, and no
  collocation runs into a quotation: see `fit`). Each line of the cleaned text is a paragraph;
  a sentence never crosses one, so a crosshead without a full stop stays a sentence of its own.
  A line that does not end like a sentence (a headline, crosshead or caption) is one sentence
  whole: Punkt would otherwise split "Kremlin: U.S. Military Trainers Could ..." after "U.S.",
  because a small corpus has seen "Military" only at the start of sentences.
  Punkt decides each candidate break (".", "?" or "!" before a token or punctuation) from a
  short context around it ("U.S. President", "Kyiv.”"); `_Punkt` remembers those decisions,
  walks a line's candidates itself rather than through NLTK's chain of generators, and runs
  NLTK's own patterns without the per-match timeout NLTK adds: tests check that the spans are
  those of NLTK's `span_tokenize`, and that training learns the same parameters.
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
import string
from functools import lru_cache

import pandas as pd
import regex
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import (PunktLanguageVars, PunktParameters, PunktSentenceTokenizer,
                                 PunktToken, PunktTrainer)

from .clean import SENTENCE_END
from .datafiles import data_path, read_wordlist
from .progress import with_progress

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
# A chunk of text between whitespace: no token spans one, so a text's tokens are its chunks'.
CHUNK_RE = re.compile(r"\S+")
_WORDS_RE = re.compile("(?:{url})|(?:{money})|(?:{number})|({abbreviation}|{word})|(?:{punct})"
                       .format(**TOKEN_KINDS))
# Characters read as another: the curly apostrophe and the Unicode hyphens.
FOLDED = {"\u2019": "'", "\u2010": "-", "\u2011": "-"}
POSSESSIVE = re.compile(r"'s?$")
# Capitalised forms whose lower case would be another word.
SPECIAL_FORMS = {"US": "u.s."}
# Punkt is fitted on the first million characters of a corpus. More is not better: on 10,000
# synthetic articles five million split 282 of them differently, 286 sentences fewer, merging
# sentences where it had learned more false collocations (a number, then an opening quotation
# mark: "on Feb. 24. “If ..."). And the pipeline fits before any worker starts, so the sample
# is the serial part of every run.
TRAINING_CHARS = 1_000_000


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


def _unguarded(pattern):
    """One of Punkt's own patterns, compiled by the engine NLTK uses (`regex`), without the
    per-match timeout NLTK wraps around every pattern (which triples the cost of a short match).

    The timeout guards against caller-supplied patterns that backtrack without end; these are
    NLTK's fixed ones, which do not, and the same engine gives the same matches.
    """
    return regex.compile(pattern.pattern, pattern.flags)


class _LanguageVars(PunktLanguageVars):
    """Punkt's default (English) settings, with its patterns unguarded."""
    __slots__ = ()
    re_boundary_realignment = _unguarded(PunktLanguageVars.re_boundary_realignment)
    _period_context = _unguarded(PunktLanguageVars().period_context_re())
    _word_tokenizer = _unguarded(PunktLanguageVars()._word_tokenizer_re())

    def period_context_re(self):
        return self._period_context

    def _word_tokenizer_re(self):
        return self._word_tokenizer


class _Token(PunktToken):
    """Punkt's token, with its patterns unguarded and its type remembered per token text."""
    __slots__ = ()
    _RE_ELLIPSIS = _unguarded(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _unguarded(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _unguarded(PunktToken._RE_INITIAL)
    _RE_ALPHA = _unguarded(PunktToken._RE_ALPHA)

    def __init__(self, tok, parastart=None, linestart=None):
        # PunktToken's, without its loops over annotation names: Punkt passes only these two.
        self.tok, self.type, self.period_final = tok, _punkt_type(tok), tok.endswith(".")
        self.parastart, self.linestart = parastart, linestart
        self.sentbreak = self.abbr = self.ellipsis = None


@lru_cache(maxsize=1 << 18)
def _punkt_type(tok):
    """Punkt's type of a token (lower case, numbers as ##number##); words recur, so it is kept."""
    return PunktToken._get_type(_Token, tok)  # reads nothing of the token but _RE_NUMERIC


_OPENING_QUOTES = ("“", "‘", '"', "'", "«")
# Punkt ends a candidate's word at the last ASCII whitespace before it (the search runs backward).
_LAST_WHITESPACE = regex.compile("(?r)[%s]" % re.escape(string.whitespace))


class _Punkt(PunktSentenceTokenizer):
    """NLTK's Punkt with fitted parameters, deciding each candidate context once.

    Punkt asks `text_contains_sentbreak` about the context of every ".", "?" or "!" followed by
    a token or punctuation: the answer depends only on that short context ("U.S. President",
    "Kyiv.”") and the fixed parameters, so it is remembered (at most MAX_CONTEXTS of them,
    forgotten when full, and not pickled).
    """
    MAX_CONTEXTS = 1 << 16

    def __init__(self, params):
        super().__init__(params, lang_vars=_LanguageVars(), token_cls=_Token)
        self._breaks = {}

    def __getstate__(self):
        return {**self.__dict__, "_breaks": {}}

    def text_contains_sentbreak(self, text):
        found = self._breaks.get(text)
        if found is None:
            if len(self._breaks) >= self.MAX_CONTEXTS:
                self._breaks.clear()
            found = self._breaks[text] = super().text_contains_sentbreak(text)
        return found

    def spans(self, text):
        """The (start, end) pairs of `span_tokenize(text)` (a test compares them).

        NLTK chains generators of slices (`_match_potential_end_contexts`, `_slices_from_text`,
        `_realign_boundaries`), which costs more than Punkt's remembered decisions; these are
        the same steps on plain offsets. A candidate's context runs from the start of its word
        (after the last whitespace since the previous candidate; without one, the previous
        candidate's word goes on, and that candidate is dropped) to the end of what follows it.
        """
        candidates = []  # (match, start of its word)
        pending, after, word = None, 0, 0
        for match in self._lang_vars.period_context_re().finditer(text):
            # From after + 1: NLTK ignores a whitespace at offset 0, and `after` holds a mark.
            space = _LAST_WHITESPACE.search(text, after + 1, match.start())
            next_word = space.end() if space else word
            if pending and after <= next_word:
                candidates.append((pending, word))
            pending, after, word = match, match.start(), next_word
        if pending:
            candidates.append((pending, word))
        cuts, start = [], 0
        for match, word in candidates:
            if self.text_contains_sentbreak(text[word:match.end("after_tok")]):
                cuts.append((start, match.end()))
                next_token = match.start("next_tok")
                start = next_token if next_token >= 0 else match.end()
        end = len(text.rstrip())
        if not cuts:
            return [(0, end)] if end else []
        cuts.append((start, end))
        # Closing quotes and brackets after a break belong to the sentence before it.
        realignment = self._lang_vars.re_boundary_realignment
        spans, shift = [], 0
        for (start, end), following in zip(cuts, cuts[1:] + [None]):
            start += shift
            closing = following and realignment.match(text[following[0]:following[1]])
            if closing:
                spans.append((start, following[0] + len(closing.group().rstrip())))
                shift = closing.end()
            else:
                shift = 0
                if start < end:
                    spans.append((start, end))
        return spans


class SentenceSplitter:
    """Punkt fitted on a corpus: `SentenceSplitter().fit(texts).split(text)`."""

    def __init__(self, abbreviations=None):
        self.abbreviations = abbreviations if abbreviations is not None else \
            read_wordlist(data_path("abbreviations_en.txt"))

    def fit(self, texts):
        """Learn abbreviations, collocations and sentence starters from `texts` (all of them:
        `training_sample` picks a corpus's)."""
        trainer = PunktTrainer(lang_vars=_LanguageVars(), token_cls=_Token)
        for text in texts:
            trainer.train(text, finalize=False)
        trainer.finalize_training()
        params = trainer.get_params()
        # Of the abbreviations Punkt learns, keep only dotted ones ("u.s"): on a small corpus it
        # also "learns" any word seen once before a full stop and never without ("car", "x",
        # "ii"), and would then not end a sentence there. The list covers the common rest.
        params.abbrev_types = {kind for kind in params.abbrev_types if "." in kind} \
            | set(self.abbreviations)
        # A collocation keeps a number or initial and its full stop inside the sentence when
        # the next word follows ("the 2. Bundesliga"); but a word that opens a quotation begins
        # a sentence there, however often it follows a number ("on May 5. “Only then ...").
        params.collocations = {pair for pair in params.collocations
                               if not pair[1].startswith(_OPENING_QUOTES)}
        self.tokenizer_ = _Punkt(params)
        return self

    def _tokenizer(self):
        if not hasattr(self, "tokenizer_"):
            params = PunktParameters()
            params.abbrev_types = set(self.abbreviations)
            self.tokenizer_ = _Punkt(params)
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
                for start, end in tokenizer.spans(line):
                    yield paragraph, offset + start, offset + end
            offset += len(line) + 1

    def split(self, text):
        return [text[start:end] for _, start, end in self.spans(text)]


SENTENCE_COLUMNS = ["doc_id", "sentence_id", "paragraph_id", "start", "end", "sentence"]


def training_sample(documents, max_chars=TRAINING_CHARS):
    """The texts a corpus's SentenceSplitter is fitted on: of `documents`, (doc_id, text) pairs
    in the order the corpus is read (path order), the first `max_chars` characters, the last
    text cut short, in doc_id order. Reads no further than it needs, so `documents` can be a
    generator over files. `sentences` and `analysis.pipeline` both fit on it, so they split
    alike on any corpus.
    """
    if max_chars <= 0:
        return []
    sample, used = [], 0
    for doc_id, text in documents:
        text = text[:max_chars - used]
        used += len(text)
        sample.append((doc_id, text))
        if used >= max_chars:
            break
    return [text for _, text in sorted(sample)]


def corpus_splitter(docs):
    """The SentenceSplitter fitted on a documents table's `training_sample`, its documents read
    in path order (in table order when it has no path column)."""
    read = docs.sort_values("path", kind="stable") if "path" in docs else docs
    return SentenceSplitter().fit(training_sample(zip(read["doc_id"], read["text"])))


def sentences(docs, splitter=None):
    """One row per sentence of every document's cleaned text.

    `sentence_id` counts from 0 within a document; (doc_id, sentence_id) is the key every
    evidence table points at. Without a splitter, the `corpus_splitter` of these documents.
    """
    splitter = splitter or corpus_splitter(docs)
    documents = with_progress(zip(docs["doc_id"], docs["text"]), "splitting sentences", len(docs))
    rows = [(doc_id, number, paragraph, start, end, text[start:end])
            for doc_id, text in documents
            for number, (paragraph, start, end) in enumerate(splitter.spans(text))]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def rows_by_document(table, columns):
    """{doc_id: [tuple of the row's `columns`, ...]} of a table with a doc_id column.

    Documents in order of first appearance, each one's rows in table order: what
    `groupby("doc_id", sort=False)` gives, without making a DataFrame of each document (which
    took 40% of `find_quotes`' time).
    """
    grouped = {}
    for row in zip(table["doc_id"], *(table[column] for column in columns)):
        grouped.setdefault(row[0], []).append(row[1:])
    return grouped


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
