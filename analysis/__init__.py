"""Reading news coverage as data: corpus -> terms / actors / demands -> figures -> reports.

The public functions, in pipeline order; each takes and returns tidy pandas DataFrames.
"""
from .actors import (actor_totals, affiliation_counts, candidate_counts, compile_gazetteer,
                     cooccurrence, document_mentions, find_candidates, find_mentions,
                     load_gazetteer, mention_counts, mention_evidence)
from .corpus import (check_corpus, corpus_files, document_lengths, inventory_summary,
                     iter_documents, iter_inventory, load_corpus, loaded_metadata,
                     removed_by_rule, removed_lines, scan_corpus, top_documents,
                     unmatched_metadata)
from .demands import (actor_category_counts, category_counts, category_timeline,
                      category_totals, code_document, code_sentences, demand_evidence,
                      evidence_html, load_codebook, make_coder, select_categories)
from .errors import InputError
from .periods import check_period, period_name, resolve_period
from .pipeline import rows_folder, run_pipeline
from .progress import set_progress
from .quotes import (document_quotes, find_quotes, quote_table, speaker_counts,
                     unlisted_speakers)
from .terms import (check_count, check_terms, collocations, concordance, count_terms,
                    document_term_frequency, keyness, load_stopwords, stemmed_frequency,
                    term_frequency, term_trends)
from .text import SentenceSplitter, sentences, tokens
from .validation import annotation_for, disagreements, load_annotation, scores

__all__ = [
    "InputError", "set_progress",
    "scan_corpus", "load_corpus", "iter_inventory", "iter_documents", "check_corpus",
    "loaded_metadata", "unmatched_metadata",
    "removed_lines", "removed_by_rule", "corpus_files", "inventory_summary", "top_documents",
    "document_lengths",
    "SentenceSplitter", "sentences", "tokens",
    "load_stopwords", "term_frequency", "document_term_frequency",
    "count_terms", "stemmed_frequency", "keyness", "collocations", "concordance", "term_trends",
    "check_terms", "check_count", "check_period", "resolve_period",
    "period_name",
    "load_gazetteer", "find_mentions", "mention_counts",
    "compile_gazetteer", "document_mentions", "actor_totals", "affiliation_counts",
    "cooccurrence", "mention_evidence", "find_candidates", "candidate_counts",
    "find_quotes", "document_quotes", "quote_table", "speaker_counts", "unlisted_speakers",
    "load_codebook", "code_sentences", "category_counts", "category_totals", "demand_evidence",
    "select_categories", "make_coder", "code_document", "category_timeline",
    "actor_category_counts", "evidence_html",
    "load_annotation", "annotation_for", "scores", "disagreements",
    "run_pipeline", "rows_folder",
]
