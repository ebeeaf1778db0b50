"""Load a folder of articles: an inventory of every file, and one cleaned row per document.

`scan_corpus` accounts for every file under the folder (loaded, skipped with a reason, or a
duplicate); `load_corpus` keeps the loaded documents, merges `metadata.csv` when the folder has
one, and cleans each text (see `analysis.clean`). `iter_inventory` and `iter_documents` do the
same one file at a time, for corpora too large to hold, and `check_corpus` checks a folder
without holding or cleaning its texts; reading one file is `analysis.files.read_file`. Inputs
are only ever read.
"""
import os
from pathlib import Path

import pandas as pd

from .clean import clean_text
from .datafiles import read_table
from .errors import InputError
from .files import DEFAULT_MAX_BYTES, DuplicateFinder, doc_ids, list_files, read_file
from .progress import with_progress

METADATA_FILE = "metadata.csv"
# Tables, data and code kept beside the articles (a scrape's sources.csv, a notebook): text that
# decodes like an article, but never is one.
NOT_ARTICLE_SUFFIXES = frozenset({".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".yaml", ".yml",
                                  ".py", ".ipynb", ".r", ".sql"})
METADATA_COLUMNS = ["doc_id", "title", "outlet", "date", "date_note"]
INVENTORY_COLUMNS = ["path", "doc_id", "status", "reason", "encoding", "chars"]


def _corpus_root(path):
    root = Path(path)
    if not root.exists():
        raise InputError("corpus folder not found", path=root)
    if not root.is_dir():
        raise InputError("corpus path is not a folder", path=root)
    return root


def iter_inventory(path, max_bytes=DEFAULT_MAX_BYTES):
    """Inventory rows (dicts: the inventory columns plus `raw_text`) one file at a time.

    Every file under `path` gets a row, in path order: `loaded`, `skipped` with the reason, or
    `duplicate` naming the kept file (the first by path is kept). raw_text is None unless
    loaded. Streams: only the current file's text is held.
    """
    root = _corpus_root(path)
    listing = list_files(root)
    ids = doc_ids([relative for relative, _ in listing])
    duplicates = DuplicateFinder()
    for relative, reason in listing:
        row = inventory_row(root, relative, ids[relative], reason, max_bytes)
        duplicate = row["status"] == "loaded" and duplicates.check(relative, row["raw_text"])
        if duplicate:
            row.update(status="duplicate", reason=duplicate, raw_text=None)
        yield row


def inventory_row(root, relative, doc_id, reason, max_bytes=DEFAULT_MAX_BYTES):
    """The inventory row (with `raw_text`) of one file that `list_files` listed with `reason`.

    Reads the file unless the listing or the name (metadata.csv) already says why not.
    Duplicates are not flagged here: that needs the earlier texts (see `iter_inventory`).
    """
    row = {"path": relative, "doc_id": doc_id, "status": "skipped", "reason": reason or "",
           "encoding": "", "chars": 0, "raw_text": None}
    suffix = os.path.splitext(relative)[1].lower()
    if relative == METADATA_FILE:
        row["reason"] = "corpus metadata, merged into the documents"
    elif reason is None and suffix in NOT_ARTICLE_SUFFIXES:
        row["reason"] = f"a data or code file ({suffix}), not an article"
    elif reason is None:
        # A plain join: a Path object per file costs more than reading a short file.
        row.update(read_file(os.path.join(root, relative), max_bytes))
    return row


def scan_corpus(path, max_bytes=DEFAULT_MAX_BYTES):
    """One row per file under `path`: the inventory columns plus `raw_text` (None if unused).

    Files larger than `max_bytes` (default 5 MB; None for no limit) are skipped unread.
    """
    return pd.DataFrame(with_progress(iter_inventory(path, max_bytes), "reading", unit=" files"),
                        columns=INVENTORY_COLUMNS + ["raw_text"])


def read_metadata(path):
    """The corpus's metadata.csv as a DataFrame keyed by doc_id (empty if there is none)."""
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=METADATA_COLUMNS)
    rows = read_table(path, required=["doc_id"])
    seen = {}
    for line, row in rows:
        if row["doc_id"] in seen:
            raise InputError(f"doc_id '{row['doc_id']}' also on line {seen[row['doc_id']]}",
                             path=path, line=line, field="doc_id")
        seen[row["doc_id"]] = line
        if row.get("date"):
            try:
                parse_date(row["date"])
            except ValueError:
                raise InputError(f"'{row['date']}' is not a date (use YYYY-MM-DD)",
                                 path=path, line=line, field="date") from None
    table = pd.DataFrame([row for _, row in rows])
    for column in METADATA_COLUMNS:
        if column not in table:
            table[column] = ""
    return table


def parse_date(value):
    """A metadata.csv date as a Timestamp (NaT when empty). Each value is read alone, in any
    form pandas reads ("2024-03-01", "1 March 2024"), so one column may mix forms; a time zone
    is dropped and the time kept as written, since an article's date is its outlet's."""
    if not value:
        return pd.NaT
    stamp = pd.Timestamp(value)
    return stamp if stamp.tzinfo is None else stamp.tz_localize(None)


def metadata_dates(values):
    """A datetime column of a Series of metadata.csv dates (see `parse_date`)."""
    return pd.to_datetime(pd.Series([parse_date(value) for value in values], dtype=object,
                                    index=values.index))


def derive_title(text):
    """The title of a cleaned text that metadata.csv gives none (title_source "derived"): the
    first line when it reads as a headline, else the opening of the first line."""
    first = text.strip().split("\n", 1)[0].strip()
    if len(first.split()) <= 15 and not first.endswith((".", "?", "!")):
        return first
    return first if len(first) <= 80 else first[:77].rsplit(" ", 1)[0] + "…"


DOCUMENT_COLUMNS = ["doc_id", "title", "outlet", "date", "date_note", "text", "raw_text",
                    "chars", "words", "title_source", "path", "encoding", "removed"]


def _document(row, metadata):
    """One document (a dict of DOCUMENT_COLUMNS) from a loaded inventory row and the metadata."""
    meta = metadata.get(row["doc_id"], {})
    cleaned = clean_text(row["raw_text"])
    title = meta.get("title", "")
    return {"doc_id": row["doc_id"],
            "title": title or derive_title(cleaned.text),
            "outlet": meta.get("outlet", ""),
            "date": meta.get("date", ""),
            "date_note": meta.get("date_note", ""),
            "text": cleaned.text, "raw_text": row["raw_text"],
            "chars": len(cleaned.text), "words": len(cleaned.text.split()),
            "title_source": "metadata" if title else "derived",
            "path": row["path"], "encoding": row["encoding"], "removed": cleaned.removed}


def iter_documents(path, inventory=None, max_bytes=DEFAULT_MAX_BYTES):
    """The usable documents one at a time, in path order.

    Each is a dict with the columns of `load_corpus`; pass the `inventory` from `scan_corpus`
    to avoid reading the folder twice. Streams when no inventory is given.
    """
    metadata = read_metadata(_corpus_root(path) / METADATA_FILE)
    metadata = {row["doc_id"]: row for row in metadata.to_dict("records")}
    rows = iter_inventory(path, max_bytes) if inventory is None else inventory.to_dict("records")
    for row in rows:
        if row["status"] == "loaded":
            yield _document(row, metadata)


def load_corpus(path, inventory=None, max_bytes=DEFAULT_MAX_BYTES):
    """One row per usable document: doc_id, title, outlet, date, date_note, text, raw_text, ...

    `text` is the cleaned article body; `removed` lists what cleaning took out (see
    `removed_lines`). Pass the `inventory` from `scan_corpus` to avoid reading the folder twice.
    """
    inventory = scan_corpus(path, max_bytes) if inventory is None else inventory
    loaded = int(inventory["status"].eq("loaded").sum())
    docs = pd.DataFrame(list(with_progress(iter_documents(path, inventory), "cleaning", loaded)),
                        columns=DOCUMENT_COLUMNS)
    if docs.empty:
        raise InputError(_nothing_usable(inventory), path=Path(path))
    docs["date"] = metadata_dates(docs["date"])
    return docs.sort_values("doc_id", kind="stable").reset_index(drop=True)


def check_corpus(path, max_bytes=DEFAULT_MAX_BYTES, progress=False):
    """The inventory of `path` without the texts (`corpus_files`' columns), once what
    `load_corpus` refuses is ruled out: a malformed metadata.csv, or no usable document.

    Streams, one text held at a time, and cleans nothing: a first check of a large corpus takes
    the time of reading it. `progress` counts the files read on stderr.
    """
    root = _corpus_root(path)
    read_metadata(root / METADATA_FILE)
    rows = with_progress(iter_inventory(root, max_bytes), "checking files", unit=" files",
                         show=progress)
    inventory = pd.DataFrame(([row[column] for column in INVENTORY_COLUMNS] for row in rows),
                             columns=INVENTORY_COLUMNS)
    if not inventory["status"].eq("loaded").any():
        raise InputError(_nothing_usable(inventory), path=root)
    return inventory


def loaded_metadata(path, inventory):
    """doc_id, title, outlet, date and date_note of the inventory's loaded documents, as
    `load_corpus` gives them from metadata.csv (empty where it has none), without their texts."""
    metadata = read_metadata(_corpus_root(path) / METADATA_FILE)
    loaded = inventory.loc[inventory["status"].eq("loaded"), ["doc_id"]]
    documents = loaded.merge(metadata[METADATA_COLUMNS], on="doc_id", how="left").fillna("")
    documents["date"] = metadata_dates(documents["date"])
    return documents.sort_values("doc_id", kind="stable").reset_index(drop=True)


def _nothing_usable(inventory):
    """Why a folder has no usable document, in one line: counts and the first file's reason."""
    if inventory.empty:
        return "no usable documents: the corpus folder holds no files"
    counts = inventory["status"].value_counts().sort_index()
    summary = ", ".join(f"{count} {status}" for status, count in counts.items())
    first = inventory.iloc[0]
    return (f"no usable documents among {len(inventory)} files ({summary}; "
            f"e.g. {first['path']}: {first['reason']})")


def removed_lines(docs):
    """What cleaning removed: one row per line, with the rule that removed it."""
    rows = [{"doc_id": doc_id, "line": line, "rule": rule, "text": text}
            for doc_id, removed in zip(docs["doc_id"], docs["removed"])
            for line, text, rule in removed]
    return pd.DataFrame(rows, columns=["doc_id", "line", "rule", "text"])


def corpus_files(inventory):
    """The inventory without the text: what `figures/corpus_files.csv` holds."""
    return inventory[INVENTORY_COLUMNS].copy()


def unmatched_metadata(path, files):
    """The doc_ids of the corpus's metadata.csv that name no file of the inventory `files`
    (their titles and dates go nowhere): a list of (doc_id, the doc_id it may mean or None),
    the latter when it names a file with its suffix ("a.txt" for "a")."""
    ids = set(files["doc_id"])
    unmatched = []
    for doc_id in read_metadata(_corpus_root(path) / METADATA_FILE)["doc_id"]:
        if doc_id not in ids:
            stem = os.path.splitext(doc_id)[0]
            unmatched.append((doc_id, stem if stem in ids else None))
    return unmatched


def describe_inventory(path, files):
    """What a run reads, in a few lines for the console: files per status, and metadata rows
    that name no file."""
    counts = files["status"].value_counts()
    lines = [f"corpus: {counts.get('loaded', 0):,} article(s) loaded, "
             f"{counts.get('skipped', 0):,} file(s) skipped, {counts.get('duplicate', 0):,} "
             "duplicate(s); each file and its reason in figures/corpus_files.csv"]
    for doc_id, meant in unmatched_metadata(path, files):
        lines.append(f"warning: {METADATA_FILE}: doc_id '{doc_id}' names no file"
                     + (f"; did you mean '{meant}'? (a doc_id is the path without its suffix)"
                        if meant else ""))
    return lines


def inventory_summary(files):
    """Files per status and encoding: columns status, encoding, files (sorted)."""
    counts = files.groupby(["status", "encoding"]).size().rename("files").reset_index()
    return counts.sort_values(["status", "encoding"], kind="stable").reset_index(drop=True)


def removed_by_rule(removed):
    """Removed lines counted per document and rule: columns doc_id, rule, lines."""
    counts = removed.groupby(["doc_id", "rule"]).size().rename("lines").reset_index()
    return counts.sort_values(["doc_id", "rule"], kind="stable").reset_index(drop=True)


def document_lengths(docs):
    """Words per document, with a label that carries the date: doc_id, date, words, label."""
    table = docs[["doc_id", "date", "words"]].copy()
    dates = table["date"].dt.strftime("%Y-%m-%d").fillna("no date")
    table["label"] = table["doc_id"] + " (" + dates + ")"
    return table


def top_documents(table, value, n, documents):
    """The doc_ids a per-document figure shows: all of `documents` when there are at most `n`,
    else the `n` with the largest total `value` in `table` (ties by doc_id), in doc_id order.

    A figure with a bar or a column per article is unreadable (and huge) on a large corpus; the
    CSV behind it still holds every document.
    """
    documents = list(documents)
    if len(documents) <= n:
        return documents
    totals = table.groupby("doc_id")[value].sum().reindex(documents, fill_value=0)
    ranked = totals.rename("total").reset_index().sort_values(
        ["total", "doc_id"], ascending=[False, True], kind="stable")
    return sorted(ranked["doc_id"].head(n))
