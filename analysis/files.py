"""Reading the files of a corpus folder: what is there, what each file holds, what repeats.

`list_files` walks the folder; `read_file` turns one file into its text (or the reason it has
none): size limit, magic bytes, byte-order marks, UTF-8, else charset detection, HTML article
extraction, line endings. `DuplicateFinder` spots an article saved twice. Files are only read.
"""
import codecs
import os
import stat
import sys
from array import array
from hashlib import blake2b as _blake2b
from pathlib import PurePosixPath
from typing import NamedTuple

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


# A text as its sentences' words, computed on its UTF-8 bytes: a few passes of C code (translate,
# replace, split) instead of a regex match per word, which cost about as much as cleaning.
# Each ASCII byte maps to its case-folded form, "." for a sentence-end mark, " " for whitespace
# or "#" for any other non-word character; each distinct non-ASCII character the same way, by
# a replace; then ". " ends a sentence and the other marks separate words.
_ENDS = ".!?"
_ASCII = bytes(range(128))
_SEPARATORS = bytes.maketrans(b"#.", b"  ")
_folded = {}    # non-ASCII character -> its bytes as above


def _fold(char):
    """The bytes of one character as above: case-folded word characters, ".", " " or "#"."""
    return "".join(part if part.isalnum() or part == "_" else " " if part.isspace()
                   else "." if part in _ENDS else "#"
                   for part in char.casefold()).encode("utf-8", "surrogatepass")


_ASCII_CLASSES = b"".join(_fold(chr(byte)) for byte in range(128)) + bytes(range(128, 256))


def sentence_words(text):
    """The sentences of `text` as their words, each sentence one bytes string (UTF-8).

    The text is case-folded; a sentence ends at ".", "!" or "?" followed by whitespace; its
    words are its runs of word characters (letters, digits and "_", as the regex class \\w),
    joined by one space; sentences without words are dropped. Punctuation, whitespace and line
    endings do not count, so two copies of an article saved differently give the same list.
    """
    data = text.encode("utf-8", "surrogatepass")
    others = data.translate(None, _ASCII)
    if others:
        # sorted: the same order in every process (a set's order depends on the hash seed)
        for char in sorted(set(others.decode("utf-8", "surrogatepass"))):
            folded = _folded.get(char)
            if folded is None:
                folded = _folded[char] = _fold(char)
            encoded = char.encode("utf-8", "surrogatepass")
            if folded != encoded:
                data = data.replace(encoded, folded)
    data = data.translate(_ASCII_CLASSES).replace(b". ", b"\x00").translate(_SEPARATORS)
    # one space between words, then cut at the ends (bytes.split: ASCII whitespace only)
    sentences = (sentence.strip() for sentence in b" ".join(data.split()).split(b"\x00"))
    return [sentence for sentence in sentences if sentence]


def stable_hash(data):
    """A 64-bit signed hash of bytes that is the same in every process and on every machine
    (Python's `hash` of str and bytes changes with each process's PYTHONHASHSEED)."""
    return int.from_bytes(_blake2b(data, digest_size=8).digest(), "little", signed=True)


class Signature(NamedTuple):
    """What `DuplicateFinder` compares of one text: the hash of all its words, and the hash and
    word count of each distinct sentence of at least `min_words` words (int64 and int arrays:
    12 bytes a sentence, and comparable across processes)."""
    whole: int
    sentences: array
    words: array


def signature(text, min_words=4):
    """The Signature of `text` (see `sentence_words`). A pure function of the text, so it can be
    computed wherever the text is read (the pipeline's workers) and checked later."""
    sentences = sentence_words(text)
    weights = {}
    for sentence in sentences:
        words = sentence.count(b" ") + 1
        if words >= min_words:
            weights[_blake2b(sentence, digest_size=8).digest()] = words
    hashes = array("q")
    hashes.frombytes(b"".join(weights))
    if sys.byteorder != "little":
        hashes.byteswap()     # digests read as little-endian numbers, as in stable_hash
    return Signature(stable_hash(b"\x00".join(sentences)), hashes, array("i", weights.values()))


class DuplicateFinder:
    """Finds documents that repeat an earlier one: an article saved twice.

    Documents are checked one after the other (in path order in `analysis.corpus` and
    `find_duplicates`, so the first by path is kept); one that is not a duplicate is kept, and
    only kept documents are compared with. Texts are compared as words (see `sentence_words`:
    case, punctuation, whitespace and line endings ignored). A document is a duplicate of a
    kept one when its words are those of the kept one ("same words"), or when at least
    `threshold` of the words in its sentences are in sentences of that one kept document and
    the same holds the other way round ("N% of the sentences the same"): the same article with
    a changed line or a different footer. Only distinct sentences of `min_words` words or more
    count, each with its number of words. A teaser or excerpt of a longer article is not a
    duplicate: too little of the longer one is in it. When several kept documents qualify, the
    reason names the one with the most words in common with it, then the one kept first.

    The bound: a sentence that more than `max_owners` kept documents hold is boilerplate (a wire
    service's standard paragraph, a newsletter box) and, from then on, names no document to
    compare with; its words still count in full in every comparison. So a document is compared,
    exactly, with every kept document with which it shares at least one sentence that at most
    `max_owners` kept documents hold. The only near copies missed are those whose every shared
    sentence with the original is boilerplate, which takes `threshold` or more of the words of
    both to be boilerplate; a copy with the same words is always found. Memory is a dict entry
    per distinct sentence, listing at most `max_owners` kept documents, and 12 bytes a sentence
    of each kept document; a check counts the words in common through at most `max_owners`
    documents a sentence, then goes through the sentences of only those documents that could
    reach the threshold with its boilerplate, stopping as soon as one cannot. Without the bound,
    sentences in thousands of documents (on synthetic corpora, every sentence) would make the
    time grow with the square of the corpus.

    `check(path, text)` is `check_signature(path, signature(text))`: the signature is a pure
    function of the text, the check the sequential part, so the two can run in different
    processes (see `find_duplicates`).
    """

    def __init__(self, threshold=0.9, min_words=4, max_owners=32):
        if max_owners < 1:
            raise ValueError(f"max_owners must be 1 or more, not {max_owners!r}")
        self.threshold, self.min_words, self.max_owners = threshold, min_words, max_owners
        self._by_text = {}       # hash of all the words -> kept path
        # hash of a sentence's words -> the number of the one kept document that holds it, a
        # list of the numbers of the 2 to max_owners that do, or _BOILERPLATE if more do
        self._owners = {}
        self._paths = []                 # kept path by number
        self._totals = array("q")        # words in its sentences, by number
        # each kept document's sentence hashes and their words, one document after the other:
        # number n's are _hashes[_starts[n]:_starts[n + 1]]
        self._hashes, self._words, self._starts = array("q"), array("i"), array("q", [0])

    def signature(self, text):
        """The Signature of `text` that `check_signature` takes."""
        return signature(text, self.min_words)

    def check(self, path, text):
        """The reason `text` duplicates a kept document (naming it), or None (then it is kept)."""
        return self.check_signature(path, self.signature(text))

    def check_signature(self, path, signature):
        """`check` of the text whose Signature (from `signature`) this is."""
        return self._check(path, signature.whole, signature.sentences, signature.words,
                           sum(signature.words))

    def _check(self, path, whole, sentences, words, total):
        """`check_signature` of a document whose sentences' words add up to `total`: `sentences`
        and `words` may leave out sentences that no other document holds (they change nothing)."""
        kept = self._by_text.get(whole)
        if kept is not None:
            return f"duplicate of {kept} (same words)"
        found = self._original(sentences, words, total)
        if found is not None:
            number, common = found
            kept_total = self._totals[number]
            return (f"duplicate of {self._paths[number]} ({common / max(total, kept_total):.0%} "
                    f"of the sentences the same)")
        self._keep(path, whole, sentences, words, total)
        return None

    def _original(self, sentences, words, total):
        """(number, words in common) of the kept document that this one repeats, or None."""
        owners_of = self._owners
        counted = {}    # kept number -> words in common, through sentences not boilerplate
        spare = 0       # words in this document's boilerplate sentences
        for key, weight in zip(sentences, words):
            owners = owners_of.get(key)
            if owners is None:
                continue
            if owners is _BOILERPLATE:
                spare += weight
            elif owners.__class__ is int:
                counted[owners] = counted.get(owners, 0) + weight
            else:
                for owner in owners:
                    counted[owner] = counted.get(owner, 0) + weight
        if not counted:
            return None
        # A sentence that is not boilerplate lists every kept document that holds it, so
        # `counted` is exact but for the boilerplate sentences. A kept document that could
        # reach the threshold with all of them is compared sentence by sentence.
        threshold, totals = self.threshold, self._totals
        need = threshold * total
        mine = best = None
        for number, common in counted.items():
            if common + spare < need:
                continue
            kept_need = threshold * totals[number]
            if common + spare < kept_need:
                continue
            least = need if need > kept_need else kept_need
            if spare:
                mine = dict(zip(sentences, words)) if mine is None else mine
                common = self._in_common(number, mine, least)
                if common is None:
                    continue
            if common >= least and (best is None or common > best[1] or
                                    (common == best[1] and number < best[0])):
                best = (number, common)
        return best

    def _in_common(self, number, mine, least):
        """The words kept document `number` has in common with the document whose sentences
        are `mine` ({hash: words}), or None as soon as it is clear they are fewer than `least`."""
        start, end = self._starts[number], self._starts[number + 1]
        common, possible = 0, self._totals[number]
        for key, weight in zip(self._hashes[start:end], self._words[start:end]):
            if key in mine:
                common += weight
            else:
                possible -= weight
                if possible < least:
                    return None
        return common

    def _keep(self, path, whole, sentences, words, total):
        number = len(self._paths)
        self._by_text[whole] = path
        owners_of, most = self._owners, self.max_owners
        for key in sentences:
            owners = owners_of.get(key)
            if owners is None:
                owners_of[key] = number
            elif owners is _BOILERPLATE:
                continue
            elif owners.__class__ is int:
                owners_of[key] = [owners, number] if most > 1 else _BOILERPLATE
            elif len(owners) < most:
                owners.append(number)
            else:
                owners_of[key] = _BOILERPLATE
        self._paths.append(path)
        self._totals.append(total)
        self._hashes.extend(sentences)
        self._words.extend(words)
        self._starts.append(len(self._hashes))


# In DuplicateFinder._owners: a sentence that more than max_owners kept documents hold.
_BOILERPLATE = "boilerplate"


class Signatures:
    """The Signatures of many documents, with their paths, in five flat arrays: about 12 bytes
    a sentence and 20 a document besides its path, cheap to send between processes and to
    merge (`extend`)."""

    def __init__(self):
        self.paths = []
        self.wholes = array("q")
        self.counts = array("i")       # sentences per document
        self.sentences = array("q")    # every document's sentence hashes, one after the other
        self.words = array("i")

    def __len__(self):
        return len(self.paths)

    def append(self, path, signature):
        self.paths.append(path)
        self.wholes.append(signature.whole)
        self.counts.append(len(signature.sentences))
        self.sentences.extend(signature.sentences)
        self.words.extend(signature.words)

    def extend(self, other):
        for name in ("paths", "wholes", "counts", "sentences", "words"):
            getattr(self, name).extend(getattr(other, name))


def find_duplicates(signatures, finder=None):
    """{path: reason} of the duplicates among `signatures` (a Signatures, in any order): what
    `finder` (default a new DuplicateFinder) says of each, checked in path order, the order in
    which `analysis.corpus` reads the files.

    Only the documents that share their whole hash or a sentence hash with another document go
    through the (sequential, Python) finder, each with only its sentences that another
    document holds too (its total of words still counts them all). Any other document is kept,
    and no document can be found to repeat it; a sentence that no other document holds is in
    no one's words in common and never becomes boilerplate. So leaving them out changes no
    result, while the finder's memory and time grow with the text that documents share, not
    with the corpus. Which hashes repeat is found by sorting them (numpy).
    """
    import numpy as np

    finder = DuplicateFinder() if finder is None else finder
    counts = np.frombuffer(signatures.counts, dtype=np.intc)
    starts = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    hashes = np.frombuffer(signatures.sentences, dtype=np.int64)
    repeated = _repeated(hashes)             # first: its peak memory is the largest here
    words = np.frombuffer(signatures.words, dtype=np.intc)
    running = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(words, out=running[1:])
    totals = (running[starts[1:]] - running[starts[:-1]]).tolist()    # words in its sentences
    np.cumsum(repeated, out=running[1:])     # now the running count of repeated sentences
    bounds = running[starts]                 # document i's are shared[bounds[i]:bounds[i + 1]]
    del running
    sharing = bounds[1:] > bounds[:-1]
    sharing |= _repeated(np.frombuffer(signatures.wholes, dtype=np.int64))
    shared, shared_words = array("q"), array("i")
    shared.frombytes(hashes[repeated].view(np.uint8))     # array takes bytes, not int64s
    shared_words.frombytes(words[repeated].view(np.uint8))
    del repeated
    bounds = bounds.tolist()
    reasons = {}
    for index in sorted(np.flatnonzero(sharing).tolist(), key=signatures.paths.__getitem__):
        start, end = bounds[index], bounds[index + 1]
        reason = finder._check(signatures.paths[index], signatures.wholes[index],
                               shared[start:end], shared_words[start:end], totals[index])
        if reason:
            reasons[signatures.paths[index]] = reason
    return reasons


def _repeated(values):
    """A boolean array: True where the value occurs more than once in the int64 array."""
    import numpy as np

    ordered = np.sort(values)
    same = ordered[1:] == ordered[:-1]
    twice = ordered[1:][same]        # sorted, each repeated value once or more
    del ordered, same
    if not len(twice):
        return np.zeros(len(values), dtype=bool)
    found = np.searchsorted(twice, values)
    np.minimum(found, len(twice) - 1, out=found)    # past the last value: compare with it
    return twice[found] == values
