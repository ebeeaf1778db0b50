"""What the coverage talks about: term frequencies over the cleaned texts.

Terms are the normalised words of `analysis.text` (lower case, possessive endings dropped),
minus the project's stopword list (`analysis/data/stopwords_en.txt`) and any extra stopwords
a notebook passes. Numbers, money and punctuation are never terms.
"""
from collections import Counter

import pandas as pd

from .datafiles import data_path, read_wordlist
from .text import words

STOPWORDS_FILE = data_path("stopwords_en.txt")


def load_stopwords(path=STOPWORDS_FILE, extra=()):
    """The stopword set from a word-list file, plus `extra` words (any case)."""
    return set(read_wordlist(path)) | {word.lower().replace("’", "'") for word in extra}


def count_terms(text, stopwords):
    """Counter of the terms of one text."""
    return Counter(term for term in words(text) if term not in stopwords)


def _sorted_counts(counter, top_n=None):
    table = pd.DataFrame(counter.items(), columns=["term", "count"])
    table = table.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return (table.head(top_n) if top_n else table).reset_index(drop=True)


def term_frequency(docs, stopwords=None, top_n=None):
    """Corpus-wide term counts: columns term, count, most frequent first (ties by term)."""
    stopwords = load_stopwords() if stopwords is None else stopwords
    total = Counter()
    for text in docs["text"]:
        total.update(count_terms(text, stopwords))
    return _sorted_counts(total, top_n)


def document_term_frequency(docs, stopwords=None, top_n=None):
    """Term counts per document: columns doc_id, term, count (top_n per document if given)."""
    stopwords = load_stopwords() if stopwords is None else stopwords
    tables = []
    for doc_id, text in zip(docs["doc_id"], docs["text"]):
        table = _sorted_counts(count_terms(text, stopwords), top_n)
        table.insert(0, "doc_id", doc_id)
        tables.append(table)
    return pd.concat(tables, ignore_index=True)
