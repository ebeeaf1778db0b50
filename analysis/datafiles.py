"""Readers for the editable data files under analysis/data/ (and a user's own copies).

Each file starts with a header of `#` lines saying how to edit it. Every reader names the file,
the line and the field of any problem, so a researcher can fix the file without reading code.
"""
import csv
import io
from pathlib import Path

from .errors import InputError

DATA_DIR = Path(__file__).parent / "data"


def data_path(name):
    """Path of a data file shipped with the package."""
    return DATA_DIR / name


def _read_text(path):
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", path=path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text ({err.reason} at byte {err.start})", path=path) from None


def read_wordlist(path):
    """One entry per line; `#` starts a comment; blank lines are ignored. Lower-cased."""
    words = []
    for line in _read_text(path).splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if entry:
            words.append(entry)
    return words


def read_table(path, required):
    """A CSV whose leading `#` lines are its header; returns a list of (line number, row dict).

    `required` names the columns that must exist and be non-empty in every row.
    """
    text = _read_text(path)
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and (lines[skipped].startswith("#") or not lines[skipped].strip()):
        skipped += 1
    reader = csv.DictReader(io.StringIO("".join(lines[skipped:])))
    if reader.fieldnames is None:
        raise InputError("no column header row", path=path)
    header = [name.strip() for name in reader.fieldnames]
    missing = [name for name in required if name not in header]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}", path=path, line=skipped + 1)
    reader.fieldnames = header
    rows = []
    for row in reader:
        line = skipped + reader.line_num
        if None in row:
            raise InputError("more fields than the header has", path=path, line=line)
        row = {key: (value or "").strip() for key, value in row.items()}
        if not any(row.values()):
            continue
        for name in required:
            if not row.get(name):
                raise InputError("empty", path=path, line=line, field=name)
        rows.append((line, row))
    return rows
