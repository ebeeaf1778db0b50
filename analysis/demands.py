"""What is demanded: sentences coded with the categories of the demand codebook."""
import re

import pandas as pd
import yaml

from .datafiles import data_path
from .errors import InputError

CODEBOOK_FILE = data_path("demand_codebook.yaml")
CATEGORY_FIELDS = ["id", "label", "definition", "patterns"]
EVIDENCE_COLUMNS = ["doc_id", "sentence_id", "category", "sentence", "matched"]


def load_codebook(path=CODEBOOK_FILE):
    """One row per category with compiled `patterns`; problems name the file, entry and field."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(f"not valid YAML ({getattr(err, 'problem', err)})", path=path,
                         line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or not isinstance(data.get("categories"), list):
        raise InputError("expected a top-level 'categories:' list", path=path)
    rows, seen = [], set()
    for number, entry in enumerate(data["categories"], start=1):
        where = f"category {number}"
        if not isinstance(entry, dict):
            raise InputError(f"{where} is not a mapping", path=path)
        for name in CATEGORY_FIELDS:
            if not entry.get(name):
                raise InputError(f"{where} has no '{name}'", path=path, field=name)
        if entry["id"] in seen:
            raise InputError(f"duplicate id '{entry['id']}'", path=path, field="id")
        seen.add(entry["id"])
        compiled = []
        for pattern in entry["patterns"]:
            try:
                compiled.append(re.compile(pattern, re.IGNORECASE))
            except re.error as err:
                raise InputError(f"category '{entry['id']}': bad pattern {pattern!r} ({err})",
                                 path=path, field="patterns") from None
        rows.append({**entry, "patterns": compiled})
    return pd.DataFrame(rows)


def code_sentences(sentence_table, codebook=None):
    """One row per coded sentence and category: doc_id, sentence_id, category, sentence, matched."""
    codebook = load_codebook() if codebook is None else codebook
    rows = []
    for doc_id, sentence_id, sentence in \
            sentence_table[["doc_id", "sentence_id", "sentence"]].itertuples(index=False):
        for category, patterns in zip(codebook["id"], codebook["patterns"]):
            match = next((m for m in (p.search(sentence) for p in patterns) if m), None)
            if match:
                rows.append((doc_id, sentence_id, category, sentence, match.group()))
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def category_counts(evidence, docs=None, categories=None):
    """Coded sentences per document and category: columns doc_id, category, sentences.

    With `docs` and `categories`, every pair appears, zeros included, so an absent category
    is visibly absent rather than missing.
    """
    counts = evidence.groupby(["doc_id", "category"]).size().rename("sentences")
    if docs is not None and categories is not None:
        index = pd.MultiIndex.from_product([sorted(docs["doc_id"]), list(categories)],
                                           names=["doc_id", "category"])
        counts = counts.reindex(index, fill_value=0)
    return counts.reset_index()


def demand_evidence(evidence):
    """The evidence table of the contract: doc_id, category, sentence, actor, target (+ ids).

    `actor` (who demands) and `target` (of whom) are left empty where the text does not say.
    """
    table = evidence.copy()
    for column in ("actor", "target"):
        if column not in table:
            table[column] = ""
    return table[["doc_id", "category", "sentence", "actor", "target", "sentence_id", "matched"]]
