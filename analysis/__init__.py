"""Reading news coverage as data: corpus -> terms / actors / demands -> figures -> reports.

The public functions, in pipeline order; each takes and returns tidy pandas DataFrames.
"""
from .actors import find_mentions, load_gazetteer, mention_counts
from .corpus import (corpus_files, document_lengths, load_corpus, removed_by_rule,
                     removed_lines, scan_corpus)
from .demands import category_counts, code_sentences, demand_evidence, load_codebook
from .errors import InputError
from .terms import document_term_frequency, load_stopwords, term_frequency
from .text import SentenceSplitter, sentences, tokens

__all__ = [
    "InputError",
    "scan_corpus", "load_corpus", "removed_lines", "removed_by_rule", "corpus_files",
    "document_lengths",
    "SentenceSplitter", "sentences", "tokens",
    "load_stopwords", "term_frequency", "document_term_frequency",
    "load_gazetteer", "find_mentions", "mention_counts",
    "load_codebook", "code_sentences", "category_counts", "demand_evidence",
]
