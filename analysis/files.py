"""Reading the files of a corpus folder: what is there, what each file holds, what repeats.

`list_files` walks the folder; `read_file` turns one file into its text (or the reason it has
none): size limit, magic bytes, byte-order marks, UTF-8, else charset detection, HTML article
extraction, line endings. `DuplicateFinder` spots an article saved twice. Files are only read.
"""
import codecs
import os
import re
import stat
from pathlib import PurePosixPath

DEFAULT_MAX_BYTES = 5_000_000
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_ENDINGS = tuple(HTML_SUFFIXES)

# Checked before decoding, so that a picture or archive renamed to .txt is still recognised.
MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "image (PNG)"),
    (b"\xff\xd8\xff", "image (JPEG)"),
    (b"GIF87a", "image (GIF)"),
    (b"GIF89a", "image (GIF)"),
    (b"II*\x00", "image (TIFF)"),
    (b"MM\x00*", "image (TIFF)"),
    (b"\x00\x00\x01\x00", "image (ICO)"),
    (b"%PDF-", "PDF document (convert it to text first)"),
    (b"PK\x03\x04", "ZIP archive or Office document (convert it to text first)"),
    (b"{\\rtf", "RTF document (convert it to text first)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document (convert it to text first)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
]
_MAGIC_PREFIXES = tuple(magic for magic, _ in MAGIC)
# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
# Windows-1252 and its neighbours (1250, 1257, 775) often fit a Western text about equally well:
# detector scores within these tolerances count as a tie, which Windows-1252 wins.
PREFERRED_SINGLE_BYTE = "cp1252"
CHAOS_TOLERANCE, COHERENCE_TOLERANCE = 0.01, 0.02


class Skip(Exception):
    """Raised while reading a file that cannot be used as a document; the message is the reason."""


def list_files(root):
    """Every file under `root` as (relative posix path, reason), sorted by path.

    `reason` is None for a file to read, else why it is not read: hidden (its name, or a folder
    above it, starts with "."), a symbolic link to a folder (not followed, so no loops), a broken
    link, a pipe or device, or a folder that cannot be listed (one row for the folder).
    """
    rows = []
    _walk(root, PurePosixPath(), None, rows)
    return sorted(rows)


def _walk(folder, relative, hidden_by, rows):
    try:
        with os.scandir(folder) as entries:
            entries = list(entries)
    except OSError as err:
        rows.append((f"{relative.as_posix()}/", f"unreadable folder ({err.strerror or err})"))
        return
    for entry in entries:
        path = relative / entry.name
        hidden = hidden_by or (path.as_posix() if entry.name.startswith(".") else None)
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, path, hidden, rows)
            continue
        if entry.is_symlink() and entry.is_dir():
            reason = "symbolic link to a folder, not followed"
        elif entry.is_symlink() and not os.path.exists(entry.path):
            reason = "broken symbolic link"
        elif not entry.is_file():
            reason = "not a regular file (pipe, socket or device)"
        elif hidden:
            reason = f"hidden, inside {hidden}/" if hidden_by else "hidden file"
        else:
            reason = None
        rows.append((path.as_posix(), reason))


def doc_ids(paths):
    """A unique doc_id per path: the path without its suffix ("nested/a" for nested/a.txt).

    Files whose ids would collide (a.txt and a.html) keep their full path as id.
    """
    stems = {path: str(PurePosixPath(path).with_suffix("")) for path in paths}
    counts = {}
    for stem in stems.values():
        counts[stem] = counts.get(stem, 0) + 1
    return {path: stem if counts[stem] == 1 else path for path, stem in stems.items()}


def read_file(path, max_bytes=DEFAULT_MAX_BYTES):
    """One file as a partial inventory row: status, reason, encoding, chars, raw_text.

    `status` is "loaded" (raw_text is the decoded text, line endings normalised to "\\n") or
    "skipped" (raw_text is None; reason says why). Files over `max_bytes` are skipped unread
    (None: no limit). A pure function of the file, so it can be mapped over files in parallel.
    """
    try:
        text, encoding, how = _read_document(path, max_bytes)
    except Skip as reason:
        return {"status": "skipped", "reason": str(reason), "encoding": "", "chars": 0,
                "raw_text": None}
    except OSError as err:
        return {"status": "skipped", "reason": f"unreadable ({err.strerror or err})",
                "encoding": "", "chars": 0, "raw_text": None}
    return {"status": "loaded", "reason": how, "encoding": encoding, "chars": len(text),
            "raw_text": text}


def _read_document(path, max_bytes):
    """(text, encoding, how it was read) of one file, or raise Skip with the reason."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise Skip("not a regular file (pipe, socket or device)")
    if max_bytes is not None and info.st_size > max_bytes:
        raise Skip(f"larger than {max_bytes:,} bytes, too large for one article "
                   f"(max_bytes={max_bytes})")
    with open(path, "rb", buffering=0) as handle:     # one read of the whole file: no buffer
        data = handle.read()
    if not data or data.isspace():
        raise Skip("empty file" if not data else "only whitespace")
    if data.startswith(_MAGIC_PREFIXES):
        raise Skip(next(kind for magic, kind in MAGIC if data.startswith(magic)))
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise Skip("image (WebP)")
    text, encoding = decode(data)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    how = ""
    head = _markup_head(text)
    if _looks_like_svg(head):
        raise Skip("image (SVG)")
    if _has_html_suffix(path) or _looks_like_html(head):
        text, how = html_article_text(text), "article text extracted from HTML"
        if not text.strip():
            raise Skip("HTML page without article text")
    if not text or text.isspace():     # as `not text.strip()`, without copying the text
        raise Skip("only whitespace")
    return text, encoding, how


def _has_html_suffix(path):
    # A suffix is the end of the path: only a path ending like one needs a PurePosixPath.
    path = os.fspath(path)
    return path.lower().endswith(_HTML_ENDINGS) and \
        PurePosixPath(path).suffix.lower() in HTML_SUFFIXES


def decode(data):
    """(text, encoding) of the bytes of a text file, or raise Skip for binary data.

    A byte-order mark decides; else valid UTF-8 is taken as UTF-8 without asking the detector
    (cheap, and never wrong for real UTF-8); else charset-normalizer picks the encoding.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise Skip("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _detect(data)


def _detect(data):
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise Skip("binary file (no text encoding fits)")
    # The detector's scores barely differ between code pages when a text has few non-ASCII
    # characters; there, the far more common Windows-1252 is the better bet.
    least_chaos = min(m.chaos for m in matches)
    fitting = [m for m in matches if m.chaos <= least_chaos + CHAOS_TOLERANCE]
    most_coherent = max(m.coherence for m in fitting)
    fitting = [m for m in fitting if m.coherence >= most_coherent - COHERENCE_TOLERANCE]
    try:
        western = data.decode(PREFERRED_SINGLE_BYTE)
    except UnicodeDecodeError:
        western = None
    if any(str(m) == western for m in fitting):
        return western, PREFERRED_SINGLE_BYTE
    best = min(fitting, key=lambda m: (m.chaos, -m.coherence))
    return str(best), best.encoding


def _markup_head(text):
    """The opening of a text that starts with markup, in lower case; "" for any other text."""
    head = text[:1024].lstrip()
    return head.lower() if head.startswith("<") else ""


def _looks_like_html(head):
    return "<!doctype html" in head or "<html" in head


def _looks_like_svg(head):
    return head.startswith("<svg") or (head.startswith("<?xml") and "<svg" in head)


def html_article_text(html):
    """The article text of an HTML page, one paragraph a line; "" when there is none.

    trafilatura is made for exactly this (the main text of a news page, without navigation,
    scripts, comments or footer), is deterministic and, given a string, never touches the
    network. Markup is dropped, never rendered: an escaped `&lt;script&gt;` in the page becomes
    the literal text "<script>", which every report then shows escaped again.
    """
    import trafilatura

    # Precision over recall: a menu item counted as article text would skew every count.
    extracted = trafilatura.extract(html, output_format="txt", favor_precision=True,
                                    include_comments=False, include_tables=True,
                                    include_images=False, include_links=False,
                                    with_metadata=False)
    return (extracted or "").replace("\r\n", "\n").replace("\r", "\n")


# Words and sentence ends in one pass; the ends then split the joined words into sentences.
_WORDS_AND_ENDS = re.compile(r"\w+|[.!?](?=\s)")
_END = re.compile(r" [.!?](?= |$)")


class DuplicateFinder:
    """Finds documents that repeat an earlier one: an article saved twice.

    Texts are compared as words (case, punctuation, whitespace and line endings ignored). A
    document is a duplicate when its words are those of an earlier kept one, or when at least
    `threshold` of the words in its sentences (of `min_words` words or more) are in sentences of
    one earlier kept document and the same holds the other way round: the same article with a
    changed line or a different footer. A teaser or excerpt of a longer article is not a
    duplicate. Memory is one hash per distinct sentence, so it streams over large corpora.
    """

    def __init__(self, threshold=0.9, min_words=4):
        self.threshold, self.min_words = threshold, min_words
        self._by_text = {}       # hash of all the words -> kept path
        self._by_sentence = {}   # hash of a sentence's words -> index into _kept
        self._kept = []          # (path, words in its sentences)

    def check(self, path, text):
        """The reason `text` duplicates a kept document (naming it), or None (then it is kept)."""
        sentences = [s.strip() for s in
                     _END.split(" ".join(_WORDS_AND_ENDS.findall(text.casefold())))]
        whole = hash(" ".join(sentences))
        if whole in self._by_text:
            return f"duplicate of {self._by_text[whole]} (same words)"
        keys = {}
        for sentence in sentences:
            words = sentence.count(" ") + 1
            if words >= self.min_words:
                keys[hash(sentence)] = words
        total = sum(keys.values())
        shared = {}
        for key, weight in keys.items():
            owner = self._by_sentence.get(key)
            if owner is not None:
                shared[owner] = shared.get(owner, 0) + weight
        if shared:
            owner, common = max(shared.items(), key=lambda item: (item[1], -item[0]))
            kept_path, kept_total = self._kept[owner]
            if common >= self.threshold * total and common >= self.threshold * kept_total:
                return (f"duplicate of {kept_path} ({common / max(total, kept_total):.0%} "
                        f"of the sentences the same)")
        self._by_text[whole] = path
        for key in keys:
            self._by_sentence.setdefault(key, len(self._kept))
        self._kept.append((path, total))
        return None
