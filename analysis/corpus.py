"""Load a folder of articles: an inventory of every file, and one cleaned row per document.

`scan_corpus` accounts for every file under the folder (loaded, skipped with a reason, or a
duplicate); `load_corpus` keeps the loaded documents, merges `metadata.csv` when the folder has
one, and cleans each text (see `analysis.clean`). Inputs are only ever read.
"""
from pathlib import Path

import pandas as pd

from .clean import clean_text
from .datafiles import read_table
from .errors import InputError

METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ["doc_id", "title", "outlet", "date", "date_note"]
INVENTORY_COLUMNS = ["path", "doc_id", "status", "reason", "encoding", "chars"]


class Skip(Exception):
    """Raised while reading a file that cannot be used as a document; the message is the reason."""


def _decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _read_document(path):
    """Return (text, encoding) of one file, or raise Skip with the reason."""
    data = path.read_bytes()
    if not data.strip():
        raise Skip("empty file")
    if b"\x00" in data[:4096]:
        raise Skip("binary file (contains NUL bytes)")
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Skip("only whitespace")
    return text, encoding


def _doc_id(relative_path):
    """The file stem; files in sub-folders keep their folder so that ids stay unique."""
    parent = relative_path.parent.as_posix()
    return relative_path.stem if parent == "." else f"{parent}/{relative_path.stem}"


def scan_corpus(path):
    """One row per file under `path`: the inventory columns plus `raw_text` (None if unused)."""
    root = Path(path)
    if not root.exists():
        raise InputError("corpus folder not found", path=root)
    if not root.is_dir():
        raise InputError("corpus path is not a folder", path=root)
    rows = []
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = file.relative_to(root)
        row = {"path": relative.as_posix(), "doc_id": _doc_id(relative), "status": "loaded",
               "reason": "", "encoding": "", "chars": 0, "raw_text": None}
        if relative.as_posix() == METADATA_FILE:
            row.update(status="skipped", reason="corpus metadata, merged into the documents")
        else:
            try:
                text, encoding = _read_document(file)
                row.update(encoding=encoding, chars=len(text), raw_text=text)
            except Skip as reason:
                row.update(status="skipped", reason=str(reason))
            except OSError as err:
                row.update(status="skipped", reason=f"unreadable: {err.strerror or err}")
        rows.append(row)
    return pd.DataFrame(rows, columns=INVENTORY_COLUMNS + ["raw_text"])


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
                pd.Timestamp(row["date"])
            except ValueError:
                raise InputError(f"'{row['date']}' is not a date (use YYYY-MM-DD)",
                                 path=path, line=line, field="date") from None
    table = pd.DataFrame([row for _, row in rows])
    for column in METADATA_COLUMNS:
        if column not in table:
            table[column] = ""
    return table


def _derive_title(text):
    """The first line when it reads as a headline, else the opening of the first line."""
    first = text.strip().split("\n", 1)[0].strip()
    if len(first.split()) <= 15 and not first.endswith((".", "?", "!")):
        return first
    return first if len(first) <= 80 else first[:77].rsplit(" ", 1)[0] + "…"


def load_corpus(path, inventory=None):
    """One row per usable document: doc_id, title, outlet, date, date_note, text, raw_text, ...

    `text` is the cleaned article body; `removed` lists what cleaning took out (see
    `removed_lines`). Pass the `inventory` from `scan_corpus` to avoid reading the folder twice.
    """
    inventory = scan_corpus(path) if inventory is None else inventory
    loaded = inventory[inventory["status"] == "loaded"]
    if loaded.empty:
        raise InputError("no usable documents in the corpus folder", path=Path(path))
    docs = loaded[["doc_id", "path", "encoding", "raw_text"]].reset_index(drop=True)
    metadata = read_metadata(Path(path) / METADATA_FILE)
    docs = docs.merge(metadata, on="doc_id", how="left")
    for column in METADATA_COLUMNS[1:]:
        docs[column] = docs[column].fillna("")
    cleaned = [clean_text(raw) for raw in docs["raw_text"]]
    docs["text"] = [result.text for result in cleaned]
    docs["removed"] = [result.removed for result in cleaned]
    docs["title_source"] = ["metadata" if title else "derived" for title in docs["title"]]
    docs["title"] = [title or _derive_title(text) for title, text in zip(docs["title"], docs["text"])]
    docs["date"] = pd.to_datetime(docs["date"].replace("", None), errors="coerce")
    docs["chars"] = docs["text"].str.len()
    docs["words"] = docs["text"].str.split().str.len()
    columns = ["doc_id", "title", "outlet", "date", "date_note", "text", "raw_text",
               "chars", "words", "title_source", "path", "encoding", "removed"]
    return docs[columns].sort_values("doc_id", kind="stable").reset_index(drop=True)


def removed_lines(docs):
    """What cleaning removed: one row per line, with the rule that removed it."""
    rows = [{"doc_id": doc_id, "line": line, "rule": rule, "text": text}
            for doc_id, removed in zip(docs["doc_id"], docs["removed"])
            for line, text, rule in removed]
    return pd.DataFrame(rows, columns=["doc_id", "line", "rule", "text"])


def corpus_files(inventory):
    """The inventory without the text: what `figures/corpus_files.csv` holds."""
    return inventory[INVENTORY_COLUMNS].copy()


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
