"""What the coverage talks about: term counts, keyness, collocations, concordance and trends.

Terms are the normalised words of `analysis.text` (lower case, straight apostrophes, possessive
endings dropped), minus the project's stopword list (`analysis/data/stopwords_en.txt`), any
extra stopwords a notebook passes, and single letters (initials such as the "J." of a middle
name). Numbers, money, web addresses and punctuation are never terms.

Counting is cheap: no token spans whitespace, so a Counter counts a text's whitespace-separated
chunks ("Ukraine’s", "war,", "“We") through a table that gives each chunk's terms, and a chunk
is tokenized, normalised and checked against the stopwords only the first time it is seen
(`count_terms(text, stopwords)` is the per-document step; Counters add up across documents).
"""
import heapq
from bisect import bisect_right
from collections import Counter

import numpy as np
import pandas as pd
from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures
from nltk.probability import FreqDist
from nltk.stem.snowball import SnowballStemmer

from .datafiles import data_path, read_wordlist
from .errors import InputError
from .periods import period_labels
from .progress import with_progress
from .text import CHUNK_RE, chunk_tokens, normalise, sentences, word_spans, word_tokens

STOPWORDS_FILE = data_path("stopwords_en.txt")
# Dunning's G2 above 3.84 means p < 0.05 with one degree of freedom.
SIGNIFICANT_G2 = 3.84
COLLOCATION_MEASURES = {2: BigramAssocMeasures, 3: TrigramAssocMeasures}
# Distinct chunks remembered per stopword set (bounds memory). The frequent chunks come early,
# so chunks met after the table is full are looked up without being remembered.
CHUNK_TABLE_SIZE = 1_000_000
# Marks that are a token of their own wherever they stand next to the letters of a word.
EDGE_PUNCTUATION = ".,;:!?\"'“”‘’()[]{}…—–-*/"


def check_terms(value, name):
    """A notebook parameter that lists words: a list of strings (one string is a list of one)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(word, str) and word.strip()
                                                       for word in value):
        raise InputError(f"parameter {name} must be a list of words, got {value!r}")
    return [word.strip() for word in value]


def check_count(value, name):
    """A notebook parameter that counts something: a whole number of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"parameter {name} must be a whole number of at least 1, got {value!r}")
    return value


def load_stopwords(path=None, extra=()):
    """The stopword set from a word-list file (None: the package's own), plus `extra` words,
    normalised like terms.

    Normalising the entries ("let's" -> let, "Ukraine’s" -> ukraine) makes an entry match every
    form the tokenizer reads as that term.
    """
    path = STOPWORDS_FILE if path is None else path
    return frozenset(normalise(word) for word in [*read_wordlist(path), *extra])


def is_term(term, stopwords):
    return len(term) > 1 and term not in stopwords


class _ChunkTerms(dict):
    """chunk -> its term (a str), or its terms (a tuple: none, or two or more), found once."""

    def __init__(self, stopwords):
        super().__init__()
        self.stopwords = stopwords

    def __missing__(self, chunk):
        # Most chunks are a word of letters with punctuation around it ("war,", "“We"), each
        # mark a token of its own: the word is what is left when they are stripped. Anything
        # else goes to the tokenizer.
        core = chunk.strip(EDGE_PUNCTUATION)
        tokens = (core,) if core.isalpha() else [token for token in chunk_tokens(chunk) if token]
        found = [term for term in map(normalise, tokens)
                 if self.stopwords is None or is_term(term, self.stopwords)]
        value = found[0] if len(found) == 1 else tuple(found)
        if len(self) < CHUNK_TABLE_SIZE:
            self[chunk] = value
        return value


_CHUNK_TABLES = {}


def _chunk_table(stopwords):
    """The chunk table for a stopword set (None: every word, stopwords and single letters too)."""
    key = stopwords if stopwords is None or isinstance(stopwords, frozenset) \
        else frozenset(stopwords)
    if key not in _CHUNK_TABLES:
        _CHUNK_TABLES[key] = _ChunkTerms(key)
    return _CHUNK_TABLES[key]


def _spread(counts):
    """Replace the tuple keys of counts made through a chunk table by the terms they hold."""
    for key in [key for key in counts if isinstance(key, tuple)]:
        count = counts.pop(key)
        for term in key:
            counts[term] += count
    return counts


def count_words(text):
    """Counter of every normalised word of one text, stopwords and single letters included."""
    return _spread(Counter(map(_chunk_table(None).__getitem__, text.split())))


def count_terms(text, stopwords):
    """Counter of the terms of one text: the per-document step of `term_frequency`."""
    return _spread(Counter(map(_chunk_table(stopwords).__getitem__, text.split())))


def _sorted_counts(counter, top_n=None, key="term"):
    table = pd.DataFrame(list(counter.items()), columns=[key, "count"])
    table = table.sort_values(["count", key], ascending=[False, True], kind="stable")
    return (table.head(top_n) if top_n else table).reset_index(drop=True)


def _stopwords(stopwords):
    return load_stopwords() if stopwords is None else stopwords


def term_frequency(docs, stopwords=None, top_n=None):
    """Corpus-wide term counts: columns term, count, most frequent first (ties by term)."""
    chunks = Counter()
    for text in docs["text"]:
        chunks.update(text.split())
    table = _chunk_table(_stopwords(stopwords))
    counts = Counter()
    for chunk, count in chunks.items():
        counts[table[chunk]] += count
    return _sorted_counts(_spread(counts), top_n)


def ranked_terms(counts, n=None):
    """(term, count) of a Counter, most frequent first, ties by term; the first n if given."""
    if n is None:
        return sorted(counts.items(), key=_by_rank)
    # Only the terms counted at least as often as the n-th most frequent can be among the first
    # n: sorting just those saves sorting every term of the document.
    least = min(heapq.nlargest(n, counts.values()), default=0)
    return sorted(((term, count) for term, count in counts.items() if count >= least),
                  key=_by_rank)[:n]


def _by_rank(item):
    return -item[1], item[0]


def document_term_frequency(docs, stopwords=None, top_n=None):
    """Term counts per document: columns doc_id, term, count (top_n per document if given).

    Documents in the order of `docs`, each one's terms most frequent first (ties by term).
    """
    stopwords = _stopwords(stopwords)
    documents = with_progress(zip(docs["doc_id"], docs["text"]), "counting terms", len(docs))
    return _counts_table((doc_id, ranked_terms(count_terms(text, stopwords), top_n))
                         for doc_id, text in documents)


def _counts_table(documents):
    """A doc_id, term, count table of (doc_id, [(term, count), ...]) pairs, built as columns:
    on 100,000 articles it has some 25 million rows, which a tuple each (or a table each,
    concatenated) would take gigabytes and minutes to build."""
    doc_ids, terms, counts = [], [], []
    for doc_id, pairs in documents:
        doc_ids.extend([doc_id] * len(pairs))
        terms.extend(term for term, _ in pairs)
        counts.extend(count for _, count in pairs)
    return pd.DataFrame({"doc_id": pd.Series(doc_ids, dtype=object),
                         "term": pd.Series(terms, dtype=object),
                         "count": pd.Series(counts, dtype="int64")})


def stemmed_frequency(counts, top_n=None):
    """Term counts merged by Snowball stem: stem, label, count, forms.

    `counts` is a `term_frequency` table. `label` is the stem's most frequent surface form (ties
    by alphabet), so a chart reads "training" rather than "train"; `forms` lists every form
    with its count, so the merge can be checked.
    """
    stemmer = SnowballStemmer("english")
    counts = counts.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    forms = {}
    for term, count in zip(counts["term"], counts["count"]):
        forms.setdefault(stemmer.stem(term), []).append((term, count))
    rows = [(stem, found[0][0], sum(count for _, count in found),
             "; ".join(f"{term} {count}" for term, count in found))
            for stem, found in forms.items()]
    table = pd.DataFrame(rows, columns=["stem", "label", "count", "forms"])
    table = table.sort_values(["count", "label"], ascending=[False, True], kind="stable")
    return (table.head(top_n) if top_n else table).reset_index(drop=True)


def keyness(docs, stopwords=None, min_count=2, top_n=None, min_g2=SIGNIFICANT_G2):
    """Terms over-represented in each document against the rest of the corpus.

    Dunning's log-likelihood G2 compares a term's count in the document with its count in all
    other documents, given their sizes in words. Unlike TF-IDF, it weighs the evidence: a term
    used 6 times in one article and twice elsewhere can still be distinctive, which a document
    frequency over a handful of articles cannot say; and unlike a chi-square test it stays
    reliable for the small counts of short articles. Only over-use is kept (the document's rate
    above the rest's), with at least `min_count` occurrences and G2 >= `min_g2` (3.84: p < 0.05).

    Columns: doc_id, term, count, rest_count, per_1000, rest_per_1000, g2, log_ratio
    (log2 of the ratio of the two rates, with 0.5 in place of a zero count: the effect size).
    """
    stopwords = _stopwords(stopwords)
    sizes = {}

    def document_terms():
        for doc_id, text in with_progress(zip(docs["doc_id"], docs["text"]), "keyness", len(docs)):
            words = count_words(text)
            sizes[doc_id] = sum(words.values())
            yield doc_id, [(term, count) for term, count in words.items()
                           if is_term(term, stopwords)]

    table = _counts_table(document_terms())
    table["rest_count"] = table.groupby("term")["count"].transform("sum") - table["count"]
    corpus_words = sum(sizes.values())
    size = table["doc_id"].map(sizes).to_numpy(dtype=float)
    rest_size = corpus_words - size
    count = table["count"].to_numpy(dtype=float)
    rest = table["rest_count"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = size * (count + rest) / corpus_words
        rest_expected = rest_size * (count + rest) / corpus_words
        table["g2"] = 2 * (count * np.log(count / expected)
                           + np.where(rest > 0, rest * np.log(rest / rest_expected), 0.0))
        table["per_1000"] = 1000 * count / size
        table["rest_per_1000"] = 1000 * rest / rest_size
        table["log_ratio"] = np.log2((count / size) / (np.maximum(rest, 0.5) / rest_size))
    keep = ((table["count"] >= min_count) & (rest_size > 0) & (table["g2"] >= min_g2)
            & (table["per_1000"] > table["rest_per_1000"]))
    table = table[keep].sort_values(["doc_id", "g2", "term"], ascending=[True, False, True],
                                    kind="stable")
    if top_n:
        table = table.groupby("doc_id", sort=False).head(top_n)
    columns = ["doc_id", "term", "count", "rest_count", "per_1000", "rest_per_1000", "g2",
               "log_ratio"]
    return table[columns].round(3).reset_index(drop=True)


def _word_runs(sentences):
    """The runs of consecutive words of each sentence, normalised: a number or a punctuation
    mark ends a run, so that no n-gram spans one."""
    for sentence in sentences:
        run = []
        for token in word_tokens(sentence):
            if token:
                run.append(normalise(token))
            elif run:
                yield run
                run = []
        if run:
            yield run


def _collocation_finders(sentences, sizes):
    """{n: NLTK's collocation finder of n-grams} for n in `sizes` (2, 3), built from the
    frequency distributions that NLTK's `from_documents` would count from the word runs.

    They are counted here with Counters, in one pass and without holding the runs:
    `from_documents` adds one to a FreqDist per n-gram in Python, about ten times slower.
    """
    unknown = sorted(set(sizes) - {2, 3})
    if unknown:
        raise ValueError(f"collocations are word pairs (n=2) or triples (n=3), not n={unknown}")
    words, pairs, triples = Counter(), Counter(), Counter()
    for run in _word_runs(sentences):
        words.update(run)
        pairs.update(zip(run, run[1:]))
        if 3 in sizes:
            triples.update(zip(run, run[1:], run[2:]))
    finders = {}
    if 2 in sizes:
        finders[2] = BigramCollocationFinder(FreqDist(words), FreqDist(pairs))
    if 3 in sizes:
        # NLTK's "wildcard" pairs: the first and last words of each triple
        ends = Counter()
        for (first, _, last), count in triples.items():
            ends[first, last] += count
        finders[3] = TrigramCollocationFinder(FreqDist(words), FreqDist(pairs), FreqDist(ends),
                                              FreqDist(triples))
    return finders


def collocations(sentence_table, stopwords=None, n=(2, 3), min_count=3, top_n=None,
                 measure="likelihood_ratio"):
    """Word pairs (n=2) and triples (n=3) that occur together more often than chance.

    Scored with NLTK's collocation finders on the project's own tokens, one sentence at a time,
    so no n-gram spans a sentence, a number or a punctuation mark. N-grams with a stopword or a
    single letter in them are left out, as are those seen fewer than `min_count` times. `measure`
    names an NLTK association measure; the default, Dunning's likelihood ratio, does not
    inflate rare pairs the way PMI does, which matters at small counts. `top_n` applies to each n.

    Columns: n, collocation (words joined by spaces), count, score, measure; by n, then score.
    """
    stopwords = _stopwords(stopwords)
    sizes = {n} if isinstance(n, int) else set(n)
    finders = _collocation_finders(with_progress(sentence_table["sentence"], "collocations",
                                                 len(sentence_table), unit=" sentences"), sizes)
    rows = []
    for size, finder in sorted(finders.items()):
        finder.apply_freq_filter(min_count)
        finder.apply_word_filter(lambda word: not is_term(word, stopwords))
        scored = sorted(((-value, " ".join(ngram), finder.ngram_fd[ngram])
                         for ngram, value in finder.score_ngrams(
                             getattr(COLLOCATION_MEASURES[size], measure))))
        rows.extend((size, phrase, count, round(-negative, 3), measure)
                    for negative, phrase, count in scored[:top_n])
    return pd.DataFrame(rows, columns=["n", "collocation", "count", "score", "measure"])


def _matcher(query):
    """A test for normalised words: the query's own term, or with a final "*" a prefix."""
    if query.endswith("*"):
        prefix = normalise(query[:-1])
        return lambda word: word.startswith(prefix)
    term = normalise(query)
    return lambda word: word == term


def _context(text, start, end, width):
    """`width` characters before and after a span, cut at a space, paragraphs shown as ¶."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    if start > width:
        left = "…" + left.split(" ", 1)[-1]
    if end + width < len(text):
        right = right.rsplit(" ", 1)[0] + "…"
    return left.replace("\n", " ¶ "), right.replace("\n", " ¶ ")


def concordance(docs, terms, width=70, sentence_table=None):
    """Keyword in context: every occurrence of `terms` with the text around it.

    A term matches the normalised word ("peacekeepers" matches "Peacekeepers’"); a term ending
    in "*" matches every word that starts with it ("peacekeep*"). Rows are grouped by the term
    asked for, in the order given, then by document and position. Columns: query (the term
    asked for), doc_id, sentence_id, term (the normalised word found), left, keyword (as
    written), right, start (its offset in the cleaned text). `sentence_id` points into
    `sentences(docs)`; ¶ in the context marks a paragraph break.
    """
    queries = [(query, _matcher(query)) for query in terms]
    sentence_table = sentences(docs) if sentence_table is None else sentence_table
    starts = {doc_id: list(group["start"])
              for doc_id, group in sentence_table.groupby("doc_id", sort=False)}

    def hits(chunk):
        """(start, end, token, word, rank of the query) of each token of a chunk a query finds."""
        found = []
        for start, end, token in word_spans(chunk):
            word = normalise(token)
            rank = next((rank for rank, (_, matches) in enumerate(queries) if matches(word)),
                        None)
            if rank is not None:
                found.append((start, end, token, word, rank))
        return found

    # No token spans whitespace, so a text's tokens are those of its chunks, and what a chunk
    # holds is worked out once: most recur ("the", "said", "NATO’s").
    chunk_hits, rows = {}, []
    for doc_id, text in with_progress(zip(docs["doc_id"], docs["text"]), "concordance", len(docs)):
        for chunk in CHUNK_RE.finditer(text):
            found = chunk_hits.get(chunk.group())
            if found is None:
                found = hits(chunk.group())
                if len(chunk_hits) < CHUNK_TABLE_SIZE:
                    chunk_hits[chunk.group()] = found
            for start_in_chunk, end_in_chunk, token, word, rank in found:
                start, end = chunk.start() + start_in_chunk, chunk.start() + end_in_chunk
                left, right = _context(text, start, end, width)
                sentence_id = bisect_right(starts.get(doc_id, []), start) - 1
                rows.append((rank, queries[rank][0], doc_id, sentence_id, word, left, token,
                             right, start))
    columns = ["query", "doc_id", "sentence_id", "term", "left", "keyword", "right", "start"]
    table = pd.DataFrame(rows, columns=["rank", *columns])
    table = table.sort_values(["rank", "doc_id", "start"], kind="stable")
    return table[columns].reset_index(drop=True)


def term_trends(docs, terms, period="article"):
    """How often each of `terms` occurs in each dated article, or each period, per 1,000 words.

    A rate, not a raw count, because articles differ in length. Terms are matched like
    `concordance` matches them (normalised; a final "*" matches a prefix), whatever the
    stopwords. Undated documents are left out: they have no place in a sequence of dates.
    period "article" (see analysis.periods): one row per document and term, columns doc_id,
    date, label ("doc_id (date)"), term, count, words, per_1000. "month", "quarter" or
    "year": one row per period that has articles and term, columns date (the period's first
    day), label ("2022-03", "2022Q1", "2022"), term, count, words, articles, per_1000, the
    rate of all the period's articles together. Zeros included, in date order.
    """
    dated = docs[docs["date"].notna()].sort_values(["date", "doc_id"], kind="stable")
    matchers = {term: _matcher(term) for term in terms}
    rows = []
    for doc_id, date, text in with_progress(zip(dated["doc_id"], dated["date"], dated["text"]),
                                            "term trends", len(dated)):
        counts = count_words(text)
        words = sum(counts.values())
        for term, matches in matchers.items():
            found = sum(count for word, count in counts.items() if matches(word))
            rows.append((doc_id, date, f"{doc_id} ({date:%Y-%m-%d})", term, found, words))
    # Typed even without rows (no dated article), so that the arithmetic below still holds.
    table = pd.DataFrame(rows, columns=["doc_id", "date", "label", "term", "count", "words"]) \
        .astype({"date": "datetime64[ns]", "count": "int64", "words": "int64"})
    if period != "article":
        table["date"], table["label"] = period_labels(table["date"], period)
        table = table.groupby(["date", "label", "term"], sort=False) \
            .agg(count=("count", "sum"), words=("words", "sum"), articles=("doc_id", "size")) \
            .reset_index()
    table["per_1000"] = (1000 * table["count"] / table["words"].where(table["words"] > 0)).round(2)
    return table
