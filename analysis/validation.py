"""The demand coding against a hand-coded annotation: precision, recall, F1, disagreements.

The annotation (analysis/data/validation/seeds_demands.csv, rules in GUIDE.md) is keyed by
doc_id and sentence text, not sentence_id, so it survives a change in how sentences are split:
a sentence of the current split gets the categories of every annotated sentence of the same
document that it equals, contains or lies inside.
"""
import re

import pandas as pd

from .datafiles import data_path, read_table
from .errors import InputError

ANNOTATION_FILE = data_path("validation/seeds_demands.csv")
SCORE_COLUMNS = ["category", "annotated", "coded", "agreed", "precision", "recall", "f1"]
DISAGREEMENT_COLUMNS = ["doc_id", "sentence_id", "category", "disagreement", "sentence"]


def _key(sentence):
    return re.sub(r"\s+", " ", sentence).strip()


def load_annotation(path=None, categories=None):
    """One row per annotated sentence: doc_id, sentence, categories (a tuple of ids).

    `path` None is the package's annotation of the seeds. With `categories`, an id outside
    them is an error naming the file, line and field.
    """
    path = ANNOTATION_FILE if path is None else path
    rows = []
    for line, row in read_table(path, required=["doc_id", "sentence"]):
        ids = tuple(sorted(set(row.get("categories", "").split())))
        unknown = [i for i in ids if categories is not None and i not in set(categories)]
        if unknown:
            raise InputError(f"unknown category {', '.join(unknown)}", path=path, line=line,
                             field="categories")
        rows.append((row["doc_id"], _key(row["sentence"]), ids))
    return pd.DataFrame(rows, columns=["doc_id", "sentence", "categories"])


def annotation_for(docs, path=None, categories=None):
    """The annotation to score the coding of `docs` against (`load_annotation`), or None when
    some annotated document is not in the corpus: the scores would mean nothing. Its category
    ids are checked against `categories` only then, as another codebook, used on another
    corpus, has other ids than the package's annotation."""
    annotation = load_annotation(path)
    if annotation.empty or not set(annotation["doc_id"]) <= set(docs["doc_id"]):
        return None
    return load_annotation(path, categories)


def gold_codes(sentence_table, annotation):
    """The annotation mapped onto the current sentences: doc_id, sentence_id, category."""
    by_doc = {}
    for doc_id, sentence, ids in annotation.itertuples(index=False):
        by_doc.setdefault(doc_id, []).append((sentence, ids))
    rows = set()
    for doc_id, sentence_id, sentence in \
            sentence_table[["doc_id", "sentence_id", "sentence"]].itertuples(index=False):
        current = _key(sentence)
        for annotated, ids in by_doc.get(doc_id, ()):
            if ids and (annotated in current or current in annotated):
                rows.update((doc_id, sentence_id, category) for category in ids)
    return pd.DataFrame(sorted(rows), columns=["doc_id", "sentence_id", "category"])


def _compare(evidence, sentence_table, annotation):
    """Coded and annotated (doc_id, sentence_id, category) of the annotated documents, joined;
    `_merge` says "both", "left_only" (annotated only) or "right_only" (coded only)."""
    annotated_docs = set(annotation["doc_id"])
    gold = gold_codes(sentence_table[sentence_table["doc_id"].isin(annotated_docs)], annotation)
    coded = evidence.loc[evidence["doc_id"].isin(annotated_docs),
                         ["doc_id", "sentence_id", "category"]].drop_duplicates()
    return gold.merge(coded, how="outer", indicator=True)


def _f1(precision, recall):
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def scores(evidence, sentence_table, annotation, categories):
    """Sentence-level agreement per category, plus a `micro` row over all of them.

    precision = agreed / coded, recall = agreed / annotated; empty (NaN) where the
    denominator is 0. Only documents the annotation covers are scored.
    """
    both = _compare(evidence, sentence_table, annotation)
    rows = []
    for category in list(categories) + ["micro"]:
        part = both if category == "micro" else both[both["category"] == category]
        agreed = int((part["_merge"] == "both").sum())
        n_gold = agreed + int((part["_merge"] == "left_only").sum())
        n_coded = agreed + int((part["_merge"] == "right_only").sum())
        precision = agreed / n_coded if n_coded else float("nan")
        recall = agreed / n_gold if n_gold else float("nan")
        f1 = _f1(precision, recall) if n_coded and n_gold else float("nan")
        rows.append((category, n_gold, n_coded, agreed, precision, recall, f1))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def disagreements(evidence, sentence_table, annotation, categories):
    """Every sentence and category where the coding and the annotation differ.

    `disagreement` is "missed" (annotated, not coded) or "extra" (coded, not annotated).
    """
    both = _compare(evidence, sentence_table, annotation)
    both = both[(both["_merge"] != "both") & both["category"].isin(list(categories))]
    both = both.assign(disagreement=both["_merge"].map({"left_only": "missed",
                                                        "right_only": "extra"}).astype(str))
    table = both.merge(sentence_table[["doc_id", "sentence_id", "sentence"]],
                       on=["doc_id", "sentence_id"])
    return table[DISAGREEMENT_COLUMNS].sort_values(["doc_id", "sentence_id", "category"]) \
        .reset_index(drop=True)
