"""Folders the package did not make: every file accounted for, bad input answered, nothing lost.

Every fixture is written here, in tmp_path: encoded text, binaries, images, HTML, links.
"""
import hashlib
import os
import random
import re
import subprocess
import sys
from collections import Counter
from functools import partial

import pandas as pd
import pytest

from analysis import InputError, iter_documents, load_corpus, scan_corpus
from analysis.files import DEFAULT_MAX_BYTES, DuplicateFinder, read_file
from conftest import ROOT, SEEDS, wire_story_files

ENGLISH = ("The minister\u2019s \u201cfinal offer\u201d was rejected in Z\u00fcrich, where the "
           "caf\u00e9 owners \u2014 and the na\u00efve \u2014 had gathered on Tuesday. Officials "
           "said the r\u00e9sum\u00e9 of the talks would be published next week, according to a "
           "statement from the ministry\u2026 \u00a9 Reuters.\n")
FRENCH = ("Le ministre a d\u00e9clar\u00e9 que les n\u00e9gociations reprendraient \u00e0 "
          "Gen\u00e8ve, o\u00f9 l'h\u00f4tel \u00e9tait ferm\u00e9 depuis une semaine. \u00c7a a "
          "\u00e9t\u00e9 tr\u00e8s difficile pour l'\u00e9quipe, a-t-il ajout\u00e9.\n")
RUSSIAN = ("\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0438\u043d\u043e\u0441\u0442\u0440"
           "\u0430\u043d\u043d\u044b\u0445 \u0434\u0435\u043b \u0420\u043e\u0441\u0441\u0438\u0438 "
           "\u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e \u043f\u0435\u0440\u0435\u0433"
           "\u043e\u0432\u043e\u0440\u044b \u0431\u0443\u0434\u0443\u0442 \u043f\u0440\u043e\u0434"
           "\u043e\u043b\u0436\u0435\u043d\u044b \u043d\u0430 \u0441\u043b\u0435\u0434\u0443\u044e"
           "\u0449\u0435\u0439 \u043d\u0435\u0434\u0435\u043b\u0435 \u0432 \u0421\u0442\u0430\u043c"
           "\u0431\u0443\u043b\u0435. \u041a\u0440\u0435\u043c\u043b\u044c \u043e\u0442\u043a\u0430"
           "\u0437\u0430\u043b\u0441\u044f \u043e\u0442 \u043a\u043e\u043c\u043c\u0435\u043d\u0442"
           "\u0430\u0440\u0438\u0435\u0432.\n")
GREEK = ("\u039f \u03c5\u03c0\u03bf\u03c5\u03c1\u03b3\u03cc\u03c2 \u0395\u03be\u03c9\u03c4\u03b5"
         "\u03c1\u03b9\u03ba\u03ce\u03bd \u03b4\u03ae\u03bb\u03c9\u03c3\u03b5 \u03cc\u03c4\u03b9 "
         "\u03bf\u03b9 \u03c3\u03c5\u03bd\u03bf\u03bc\u03b9\u03bb\u03af\u03b5\u03c2 \u03b8\u03b1 "
         "\u03c3\u03c5\u03bd\u03b5\u03c7\u03b9\u03c3\u03c4\u03bf\u03cd\u03bd \u03c4\u03b7\u03bd "
         "\u03b5\u03c0\u03cc\u03bc\u03b5\u03bd\u03b7 \u03b5\u03b2\u03b4\u03bf\u03bc\u03ac\u03b4"
         "\u03b1 \u03c3\u03c4\u03b7\u03bd \u0391\u03b8\u03ae\u03bd\u03b1.\n")
ARTICLE = ("Kremlin Rejects Peacekeepers\n\n"
           "The Kremlin said on Tuesday that it would not accept Western peacekeepers in "
           "Ukraine, calling the idea a provocation. Dmitry Peskov told reporters that "
           "Moscow's demands had not changed since the start of the year. Officials in Kyiv "
           "said talks would continue next week in Istanbul. The foreign ministry added that "
           "any deployment of NATO troops would be treated as a direct threat. Analysts said "
           "the statement repeated positions Moscow has held for months.\n")
OTHER_ARTICLE = ("Grain Deal Talks Resume\n\n"
                 "Negotiators from Turkey and the United Nations met in Istanbul on Friday to "
                 "discuss shipping corridors in the Black Sea. Diplomats said progress was slow "
                 "but steady. A spokesperson declined to give a timetable for an agreement.\n")
SEED = (SEEDS / "003_1014bcaf17bbe8a0.txt").read_text(encoding="utf-8")
HOSTILE_MARK = "xss-marker-7f3a"
HOSTILE = (f"Kremlin <script>alert('{HOSTILE_MARK}')</script> statement "
           f"<img src=x onerror=alert('{HOSTILE_MARK}')>\n\n"
           f"The Kremlin said NATO must halt the training of Ukrainian troops, Peskov told "
           f"reporters. <script>alert('{HOSTILE_MARK}')</script> Lavrov said Western "
           f"peacekeepers should not be deployed to Ukraine <b onmouseover=alert(1)>at all</b>.\n")
PAGE = f"""<!DOCTYPE html>
<html><head><title>Kremlin rejects peacekeepers | Example News</title>
<script>document.write('{HOSTILE_MARK}')</script><style>p {{ color: red }}</style></head>
<body><nav><a href="/">Home</a> | <a href="/world">World news</a> | <a href="/sport">Sport</a></nav>
<article><h1>Kremlin rejects peacekeepers</h1>
<p>The Kremlin said on Tuesday that it would not accept Western peacekeepers in Ukraine,
calling the idea a provocation and a threat to security in Europe.</p>
<p>Officials quoted the line &lt;script&gt;alert(1)&lt;/script&gt; from a hacked chat.
<img src=x onerror="alert('{HOSTILE_MARK}')"> Dmitry Peskov said talks would continue.</p>
<p>Moscow's demands had not changed since the start of the year, the spokesman added.</p>
<script>alert('{HOSTILE_MARK}')</script>
</article>
<footer>Copyright 2025 Example News Ltd. All rights reserved. Privacy policy.</footer>
</body></html>
"""
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def inventory(folder, **kwargs):
    return scan_corpus(folder, **kwargs).set_index("path")


def folder_hash(folder):
    """Names, modes and bytes of everything under `folder`, links as their targets."""
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in sorted(os.walk(folder)):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            digest.update(f"{os.path.relpath(path, folder)}\0{info.st_mode}\0".encode())
            if os.path.islink(path):
                digest.update(os.readlink(path).encode())
            elif os.path.isfile(path):
                digest.update(open(path, "rb").read())
    return digest.hexdigest()


# --- Encodings and line endings -------------------------------------------------------------

@pytest.mark.parametrize("text, encoding, recorded", [
    (ENGLISH, "utf-8", "utf-8"),
    (RUSSIAN, "utf-8", "utf-8"),
    (ENGLISH, "utf-8-sig", "utf-8-sig"),
    (RUSSIAN, "utf-16", "utf-16"),
    (ENGLISH, "utf-16-be", None),  # with the mark written by hand below
    (ENGLISH, "cp1252", "cp1252"),
    (FRENCH, "latin-1", "cp1252"),  # Latin-1 text is read as its superset Windows-1252
    (RUSSIAN, "cp1251", "cp1251"),
    (RUSSIAN, "koi8-r", "koi8_r"),
    (GREEK, "cp1253", "cp1253"),
])
def test_text_is_decoded_right_and_the_encoding_recorded(tmp_path, text, encoding, recorded):
    data = text.encode(encoding)
    if recorded is None:
        data, recorded = b"\xfe\xff" + data, "utf-16"
    write(tmp_path / "a.txt", data)
    row = inventory(tmp_path).loc["a.txt"]
    assert row["status"] == "loaded", row["reason"]
    assert row["raw_text"] == text
    assert row["encoding"] == recorded
    assert row["chars"] == len(text)


def test_valid_utf8_is_taken_without_asking_the_detector(tmp_path, monkeypatch):
    import charset_normalizer

    def fail(*args, **kwargs):
        raise AssertionError("the detector was asked")

    monkeypatch.setattr(charset_normalizer, "from_bytes", fail)
    write(tmp_path / "a.txt", ENGLISH + RUSSIAN)
    assert read_file(tmp_path / "a.txt")["raw_text"] == ENGLISH + RUSSIAN


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_bare_cr_become_newlines(tmp_path, newline):
    write(tmp_path / "a.txt", ARTICLE.replace("\n", newline).encode("cp1252"))
    row = inventory(tmp_path).loc["a.txt"]
    assert row["raw_text"] == ARTICLE
    docs = load_corpus(tmp_path)
    assert "\r" not in docs.loc[0, "text"] and docs.loc[0, "title"] == "Kremlin Rejects Peacekeepers"


# --- Skipped, with the reason ---------------------------------------------------------------

@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \r\n\t\n  ", "only whitespace"),
    ("bom-only.txt", "\ufeff \n".encode("utf-8"), "only whitespace"),
    ("binary.txt", b"\x01\x02\x00\x00\x07abc\x00" * 20, "binary file"),
    ("photo.jpg", JPEG, "image (JPEG)"),
    ("renamed-image.txt", PNG, "image (PNG)"),
    ("animation.txt", b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "image (GIF)"),
    ("drawing.svg", '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>',
     "image (SVG)"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
    ("letter.docx", b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    ("sources.csv", "url,title\nhttps://example.org/a,Talks resume\n",
     "a data or code file (.csv)"),
    ("scrape/items.JSON", '[{"title": "Talks resume", "text": "The talks resumed."}]',
     "a data or code file (.json)"),
])
def test_unusable_files_are_skipped_with_the_reason(tmp_path, name, data, reason):
    write(tmp_path / "good.txt", ARTICLE)
    write(tmp_path / name, data)
    table = inventory(tmp_path)
    assert table.loc[name, "status"] == "skipped"
    assert table.loc[name, "reason"].startswith(reason), table.loc[name, "reason"]
    assert list(load_corpus(tmp_path)["doc_id"]) == ["good"]


def test_metadata_rows_that_name_no_file_are_reported_with_the_id_they_may_mean(tmp_path):
    from analysis.corpus import describe_inventory, unmatched_metadata

    write(tmp_path / "talks.txt", ARTICLE)
    write(tmp_path / "metadata.csv", "doc_id,title\ntalks.txt,Talks\nno_such_file,Other\n")
    files = inventory(tmp_path).reset_index()
    assert unmatched_metadata(tmp_path, files) == [("talks.txt", "talks"), ("no_such_file", None)]
    lines = describe_inventory(tmp_path, files)
    assert lines[0].startswith("corpus: 1 article(s) loaded, 1 file(s) skipped, 0 duplicate(s)")
    assert lines[1:] == [
        "warning: metadata.csv: doc_id 'talks.txt' names no file; did you mean 'talks'? "
        "(a doc_id is the path without its suffix)",
        "warning: metadata.csv: doc_id 'no_such_file' names no file"]


def test_files_over_max_bytes_are_skipped_by_a_stated_rule(tmp_path):
    write(tmp_path / "long.txt", ARTICLE * 20)
    size = (tmp_path / "long.txt").stat().st_size
    assert DEFAULT_MAX_BYTES == 5_000_000 and size < DEFAULT_MAX_BYTES
    assert inventory(tmp_path).loc["long.txt", "status"] == "loaded"
    row = inventory(tmp_path, max_bytes=size - 1).loc["long.txt"]
    assert row["status"] == "skipped"
    assert row["reason"].startswith(f"larger than {size - 1:,} bytes")
    assert inventory(tmp_path, max_bytes=None).loc["long.txt", "status"] == "loaded"


def test_hidden_files_and_folders_are_listed_and_skipped(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(tmp_path / "sub" / ".ipynb_checkpoints" / "a-checkpoint.txt", ARTICLE)
    table = inventory(tmp_path)
    assert table.loc[".DS_Store", "reason"] == "hidden file"
    assert (table.loc["sub/.ipynb_checkpoints/a-checkpoint.txt", "reason"]
            == "hidden, inside sub/.ipynb_checkpoints/")
    assert list(table["status"]) == ["skipped", "loaded", "skipped"]


def test_links_pipes_and_unreadable_files_are_accounted_for(tmp_path, monkeypatch):
    write(tmp_path / "articles" / "a.txt", ARTICLE)
    write(tmp_path / "outside" / "b.txt", OTHER_ARTICLE)
    corpus = tmp_path / "articles"
    (corpus / "linked.txt").symlink_to(tmp_path / "outside" / "b.txt")
    (corpus / "folder-link").symlink_to(tmp_path / "outside", target_is_directory=True)
    (corpus / "self-loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(corpus / "pipe")
    write(corpus / "locked.txt", ARTICLE)
    real_open = open

    def locked(path, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", locked)
    table = inventory(corpus)
    assert table["reason"].to_dict() == {
        "a.txt": "",
        "broken.txt": "broken symbolic link",
        "folder-link": "symbolic link to a folder, not followed",
        "linked.txt": "",
        "locked.txt": "unreadable (Permission denied)",
        "pipe": "not a regular file (pipe, socket or device)",
        "self-loop": "symbolic link to a folder, not followed",
    }
    assert table.loc["linked.txt", "raw_text"] == OTHER_ARTICLE


def test_a_folder_that_cannot_be_listed_is_one_row(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "private" / "b.txt", OTHER_ARTICLE)
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("private"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    table = inventory(tmp_path)
    assert table.loc["private/", "status"] == "skipped"
    assert table.loc["private/", "reason"] == "unreadable folder (Permission denied)"


def test_every_file_in_nested_folders_is_in_the_inventory(tmp_path):
    names = ["a.txt", "2024/03/b.txt", "2024/03/c.md", "x/y/z/d", "x/.hidden/e.txt"]
    for number, name in enumerate(names):
        write(tmp_path / name, f"Article {number}: the Kremlin said talks had stalled again.\n")
    table = scan_corpus(tmp_path)
    assert sorted(table["path"]) == sorted(names)
    assert list(table["path"]) == sorted(names)
    assert table["doc_id"].is_unique
    assert set(table.loc[table["status"] == "loaded", "doc_id"]) == {
        "a", "2024/03/b", "2024/03/c", "x/y/z/d"}


def test_files_that_would_share_an_id_keep_their_full_name(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "a.html", PAGE)
    write(tmp_path / "b.txt", OTHER_ARTICLE)
    assert scan_corpus(tmp_path)["doc_id"].tolist() == ["a.html", "a.txt", "b"]


# --- Duplicates -----------------------------------------------------------------------------

def test_exact_and_near_exact_copies_are_duplicates_counted_once(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b-copy.txt", ARTICLE.encode("utf-16"))
    reformatted = ARTICLE.upper().replace("\n", "\r\n").replace(". ", ".  \n").replace("'", "\u2019")
    write(tmp_path / "c-reformatted.txt", reformatted.encode("cp1252"))
    # the same article again, one word changed and a newsletter box added: 93% the same
    write(tmp_path / "a2.txt", SEED)
    edited = SEED.replace("Tuesday", "Wednesday", 1) + "Sign up for our newsletter today.\n"
    assert edited.count("Wednesday") == 1
    write(tmp_path / "d-edited.txt", edited)
    write(tmp_path / "e-other.txt", OTHER_ARTICLE)
    teaser = "The Kremlin said on Tuesday that it would not accept Western peacekeepers in Ukraine."
    write(tmp_path / "f-teaser.txt", teaser + " Read the full story on our site.\n")
    table = inventory(tmp_path)
    assert table["status"].to_dict() == {
        "a.txt": "loaded", "a2.txt": "loaded", "b-copy.txt": "duplicate",
        "c-reformatted.txt": "duplicate", "d-edited.txt": "duplicate", "e-other.txt": "loaded",
        "f-teaser.txt": "loaded"}
    for name in ("b-copy.txt", "c-reformatted.txt"):
        assert table.loc[name, "reason"] == "duplicate of a.txt (same words)", name
        assert table.loc[name, "raw_text"] is None
    assert re.fullmatch(r"duplicate of a2.txt \(9\d% of the sentences the same\)",
                        table.loc["d-edited.txt", "reason"])
    assert list(load_corpus(tmp_path)["doc_id"]) == ["a", "a2", "e-other", "f-teaser"]


def test_the_first_copy_by_path_is_kept_wherever_it_is(tmp_path):
    write(tmp_path / "z.txt", ARTICLE)
    write(tmp_path / "2025" / "a.txt", ARTICLE)
    table = inventory(tmp_path)
    assert table.loc["2025/a.txt", "status"] == "loaded"
    assert table.loc["z.txt", "reason"] == "duplicate of 2025/a.txt (same words)"


def test_duplicate_finder_streams_one_text_at_a_time():
    finder = DuplicateFinder()
    assert finder.check("a.txt", ARTICLE) is None
    assert finder.check("b.txt", OTHER_ARTICLE) is None
    assert finder.check("c.txt", ARTICLE.lower()) == "duplicate of a.txt (same words)"
    assert finder.check("d.txt", "Short.") is None
    assert finder.check("e.txt", "short!") == "duplicate of d.txt (same words)"


def _sentence_words_by_regex(text):
    """sentence_words as its docstring defines it, with regular expressions on the str."""
    pieces = re.split(r"[.!?](?=\s)", text.casefold())
    return [" ".join(re.findall(r"\w+", piece)).encode() for piece in pieces
            if re.search(r"\w", piece)]


TRICKY = list("aZ9_ .!?,;'\"-\n\t\r\x0b\x0c\x1c\x1f\x00") + [
    "\xa0", "\u2009", "\u2028", "\x85", "\u2019", "\u201c", "\u2014", "\u2026", "\u200b",
    "\xe9", "\xc9", "\xdf", "\u1e9e", "\u0130", "\ufb01", "\u0307", "\u0627", "\xb2", "\xbd",
    "\u03a3", "\u03c2", "\u212a", "\u212b", "\u216b", "\u0663", "\U0001f642", "\u01c5",
    "\u0149", "\u0390", "\ud800", "\u203f"]


def test_sentence_words_are_the_regex_definition_on_random_texts():
    from analysis.files import sentence_words

    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 30)))
        assert sentence_words(text) == _sentence_words_by_regex(text), repr(text)
    for text in (ARTICLE, SEED, ENGLISH, FRENCH, RUSSIAN, GREEK):
        assert sentence_words(text) == _sentence_words_by_regex(text)
    # an end mark counts only before whitespace: not inside "U.S." nor before a closing quote
    assert sentence_words("U.S. officials said: \u201cNo.\u201d Talks\u2014again? Yes!") == [
        b"u s", b"officials said no talks again", b"yes"]


def test_sentence_words_treat_every_character_as_the_regex_does():
    from analysis.files import sentence_words

    rng = random.Random(6)
    points = list(range(0x3000)) + rng.sample(range(0x3000, sys.maxunicode + 1), 20000)
    for point in points:
        char = chr(point)
        for text in (f"ab{char}Cd. x", f"ab.{char}cd", f"{char}{char}A"):
            assert sentence_words(text) == _sentence_words_by_regex(text), hex(point)


def test_signatures_are_the_same_in_every_process():
    from analysis.files import signature

    script = ("import sys; from analysis.files import signature; "
              "s = signature(sys.stdin.read()); "
              "print(s.whole, list(s.sentences), list(s.words))")
    printed = {subprocess.run([sys.executable, "-c", script], input=SEED, text=True,
                              capture_output=True, check=True, cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")}
    here = signature(SEED)
    assert printed == {f"{here.whole} {list(here.sentences)} {list(here.words)}\n"}
    assert len(here.sentences) > 10 and len(set(here.sentences)) == len(here.sentences)


def test_find_duplicates_gives_the_finder_s_answers_in_path_order():
    from analysis.files import Signatures, find_duplicates, signature

    rng = random.Random(7)
    words = SEED.split()
    pool = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 9))) + "."
            for _ in range(60)]
    texts = {}
    for number in range(150):
        kind = rng.random()
        earlier = list(texts.values())
        if earlier and kind < 0.15:
            text = rng.choice(earlier).upper()                   # the same words
        elif earlier and kind < 0.35:
            lines = rng.choice(earlier).split("\n")             # one line changed or added
            lines[rng.randrange(len(lines))] = rng.choice(pool)
            text = "\n".join(lines + [rng.choice(pool)] * rng.randint(0, 1))
        else:
            text = "\n".join(rng.sample(pool, rng.randint(1, 12)))
        texts[f"{rng.choice('abc')}/{number:03d}.txt"] = text
    expected = {}
    finder = DuplicateFinder()
    for path in sorted(texts):
        reason = finder.check(path, texts[path])
        if reason:
            expected[path] = reason
    assert 20 < len(expected) < 100
    assert any("same words" in reason for reason in expected.values())
    assert any("sentences the same" in reason for reason in expected.values())
    for order in range(3):
        paths = list(texts)
        random.Random(order).shuffle(paths)
        halves = Signatures(), Signatures()
        for number, path in enumerate(paths):
            halves[number % 2].append(path, signature(texts[path]))
        halves[0].extend(halves[1])
        assert find_duplicates(halves[0]) == expected


def test_a_copy_is_found_when_its_original_shares_sentences_with_an_earlier_article(tmp_path):
    # Outlets A and B run one wire story with intros of their own; C is B's article saved again
    # with another footer. C's words in common are split between A (the wire story) and B (the
    # intro): C repeats B, all of whose sentences it holds, not A.
    for name, text in wire_story_files().items():
        write(tmp_path / name, text)
    table = inventory(tmp_path)
    assert table["status"].to_dict() == {"a.txt": "loaded", "b.txt": "loaded",
                                         "c.txt": "duplicate", "teaser.txt": "loaded"}
    assert re.fullmatch(r"duplicate of b.txt \(9\d% of the sentences the same\)",
                        table.loc["c.txt", "reason"])


def _story(number):
    return " ".join(f"Story {number} line {line} tells its own news about the town of "
                    f"Town{number} today." for line in range(14))


BOILERPLATE = " ".join(f"Our newsroom standard paragraph number {number} explains how we cover "
                       f"the war in Ukraine." for number in range(8))


def test_a_sentence_in_more_than_max_owners_kept_documents_names_no_original():
    from analysis.files import Signatures, find_duplicates, signature

    texts = {f"1-story{number:02d}.txt": f"{_story(number)} {BOILERPLATE}"
             for number in range(33)}    # 33 kept articles with the same 8 closing sentences
    bridge = "The mayor of Kramatorsk said the bridge would reopen in May."
    texts.update({
        # Mostly boilerplate, but a sentence of its own: found through that one, and the
        # boilerplate still counts in the words in common (96% of both the same).
        "2-original.txt": f"{BOILERPLATE} {bridge} Subscribe to our weekly edition.",
        "3-copy.txt": f"{BOILERPLATE} {bridge} Follow our live coverage online.",
        # Nothing but boilerplate (and a footer): not compared with one another.
        "4-bare.txt": f"{BOILERPLATE} Sign up for our newsletter.",
        "5-bare-again.txt": f"{BOILERPLATE} Follow us on social media.",
        "6-bare-copy.txt": f"{BOILERPLATE} Sign up for our newsletter.".upper()})
    expected = {
        "3-copy.txt": "duplicate of 2-original.txt (96% of the sentences the same)",
        "6-bare-copy.txt": "duplicate of 4-bare.txt (same words)"}
    # with a higher bound, the boilerplate is not boilerplate yet: the near copy is found
    unbounded = {**expected,
                 "5-bare-again.txt": "duplicate of 4-bare.txt (96% of the sentences the same)"}
    for finder, answers in ((DuplicateFinder, expected),
                            (partial(DuplicateFinder, max_owners=64), unbounded)):
        checker = finder()
        assert {path: checker.check(path, texts[path]) for path in sorted(texts)} == {
            path: answers.get(path) for path in sorted(texts)}
        signatures = Signatures()
        for path in reversed(sorted(texts)):
            signatures.append(path, signature(texts[path]))
        assert find_duplicates(signatures, finder()) == answers


def _duplicates_by_definition(texts, max_owners, threshold=0.9):
    """DuplicateFinder's answers for {path: text}, read off its docstring and found the slow way:
    each document, in path order, compared with every kept one."""
    from analysis.files import signature

    kept, reasons = [], {}
    for path in sorted(texts):
        found = signature(texts[path])
        mine = dict(zip(found.sentences, found.words))
        total = sum(mine.values())
        same = [kept_path for kept_path, whole, _ in kept if whole == found.whole]
        if same:
            reasons[path] = f"duplicate of {same[0]} (same words)"
            continue
        holders = Counter(key for _, _, theirs in kept for key in theirs)
        best = None
        for kept_path, _, theirs in kept:
            keys = mine.keys() & theirs.keys()
            common, kept_total = sum(mine[key] for key in keys), sum(theirs.values())
            if (any(holders[key] <= max_owners for key in keys) and common >= threshold * total
                    and common >= threshold * kept_total and (best is None or common > best[0])):
                best = common, kept_path, kept_total
        if best:
            common, kept_path, kept_total = best
            reasons[path] = (f"duplicate of {kept_path} ({common / max(total, kept_total):.0%} "
                             f"of the sentences the same)")
        else:
            kept.append((path, found.whole, mine))
    return reasons


def _syndicated_texts(rng, count):
    """{path: text} of articles made of shared sentences: new ones, other outlets' versions of
    earlier ones (part of the sentences replaced), copies of earlier ones with a sentence
    changed or added, so that copies share sentences with several earlier articles, and exact
    copies (upper-cased)."""
    words = SEED.split()
    pool = [" ".join(rng.choice(words) for _ in range(rng.randint(4, 12))) + "."
            for _ in range(150)]
    common = pool[:6]       # in many articles
    articles = []
    for _ in range(count):
        kind = rng.random()
        if articles and kind < 0.05:
            sentences = [sentence.upper() for sentence in rng.choice(articles)]
        elif articles and kind < 0.35:
            sentences = list(rng.choice(articles))
            for _ in range(max(1, len(sentences) * rng.randint(25, 50) // 100)):
                sentences[rng.randrange(len(sentences))] = rng.choice(pool)
        elif articles and kind < 0.7:
            sentences = list(rng.choice(articles))
            if rng.random() < 0.5:
                sentences[rng.randrange(len(sentences))] = rng.choice(pool)
            else:
                sentences.append(rng.choice(pool))
        else:
            sentences = rng.sample(pool, rng.randint(4, 14))
            sentences += rng.sample(common, rng.randint(0, 3))
        articles.append(sentences)
    return {f"{rng.choice('abc')}/{number:03d}.txt": "\n".join(sentences)
            for number, sentences in enumerate(articles)}


@pytest.mark.parametrize("max_owners", [1, 3, 32, 10**9])
def test_the_finder_and_find_duplicates_give_the_definition_s_answers(max_owners):
    from analysis.files import Signatures, find_duplicates, signature

    rng = random.Random(11)
    texts = _syndicated_texts(rng, 250)
    expected = _duplicates_by_definition(texts, max_owners)
    near = [reason for reason in expected.values() if "sentences the same" in reason]
    assert len(near) >= 3 and len(expected) - len(near) >= 5 and len(expected) < 200
    finder = DuplicateFinder if max_owners == 32 else partial(DuplicateFinder,   # 32: default
                                                              max_owners=max_owners)
    checker = finder()
    assert {path: reason for path in sorted(texts)
            if (reason := checker.check(path, texts[path]))} == expected
    paths = list(texts)
    rng.shuffle(paths)
    signatures = Signatures()
    for path in paths:
        signatures.append(path, signature(texts[path]))
    assert find_duplicates(signatures, finder()) == expected


# --- HTML -----------------------------------------------------------------------------------

def test_html_article_text_is_extracted_without_page_furniture(tmp_path):
    write(tmp_path / "page.html", PAGE)
    write(tmp_path / "saved" / "page.txt", PAGE)  # HTML by its content, not its name
    for folder, name in ((tmp_path, "page.html"), (tmp_path / "saved", "page.txt")):
        row = inventory(folder).loc[name]
        assert row["status"] == "loaded" and row["reason"] == "article text extracted from HTML"
        text = row["raw_text"]
        assert "not accept Western peacekeepers in Ukraine" in text
        assert "the spokesman added" in text
        # the page's escaped text is text; its markup, scripts and furniture are gone
        assert "<script>alert(1)</script>" in text
        for gone in (HOSTILE_MARK, "onerror", "World news", "Copyright", "color: red", "<p>"):
            assert gone not in text, gone


def test_html_without_article_text_is_skipped_with_the_reason(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "scripts.htm", "<html><head><script>alert(1)</script></head><body>"
                                    "<img src=x onerror=alert(2)><script>x()</script></body></html>")
    row = inventory(tmp_path).loc["scripts.htm"]
    assert row["status"] == "skipped" and row["reason"] == "HTML page without article text"


def test_plain_text_that_mentions_tags_is_not_taken_for_html(tmp_path):
    write(tmp_path / "a.txt", HOSTILE)
    row = inventory(tmp_path).loc["a.txt"]
    assert row["reason"] == "" and row["raw_text"] == HOSTILE


# --- Streaming ------------------------------------------------------------------------------

def test_iter_documents_yields_what_load_corpus_holds():
    docs = load_corpus(SEEDS)
    streamed = pd.DataFrame(list(iter_documents(SEEDS)))
    streamed["date"] = pd.to_datetime(streamed["date"])
    pd.testing.assert_frame_equal(streamed[docs.columns].drop(columns="removed"),
                                  docs.drop(columns="removed"))


def test_a_folder_with_nothing_usable_says_why_in_one_line(tmp_path):
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "photo.txt", PNG)
    with pytest.raises(InputError) as error:
        load_corpus(tmp_path)
    message = str(error.value)
    assert "\n" not in message
    assert message.endswith("no usable documents among 2 files (2 skipped; "
                            "e.g. empty.txt: empty file)")


# --- Data files owned by other modules: their errors name file, line and field --------------

def broken_codebook(change):
    """The shipped codebook with one category changed, so the fixture follows its format."""
    import yaml

    from analysis.demands import CODEBOOK_FILE

    data = yaml.safe_load(CODEBOOK_FILE.read_text(encoding="utf-8"))
    change(data["categories"])
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def break_first_pattern(container, key):
    """Put an unclosed group into the first pattern, however the patterns are nested."""
    value = container[key]
    if isinstance(value, str):
        container[key] = "(unclosed" + value
        return True
    keys = value if isinstance(value, dict) else range(len(value))
    return any(break_first_pattern(value, k) for k in keys)


@pytest.mark.parametrize("change, expected", [
    (lambda categories: break_first_pattern(categories[1], "patterns"),
     r"codebook.yaml, field 'patterns[^:]*: bad pattern '\(unclosed"),
    (lambda categories: categories[1].pop("patterns"),
     r"codebook.yaml, field 'patterns': category 2 has no 'patterns'"),
    (lambda categories: categories[1].update(id=categories[0]["id"]),
     r"codebook.yaml, field 'id': duplicate id"),
])
def test_codebook_errors_name_the_file_and_field(tmp_path, change, expected):
    from analysis import load_codebook

    path = write(tmp_path / "codebook.yaml", broken_codebook(change))
    with pytest.raises(InputError, match=expected):
        load_codebook(path)


@pytest.mark.parametrize("row, expected", [
    ("Putin,Putin,person,Russia,President,extra", r"line 3: more fields than the header has"),
    ("Putin,,person,Russia,President", r"line 3, field 'aliases': empty"),
    ("Lavrov,Lavrov,person,Russia,Minister", r"line 3, field 'actor': actor 'Lavrov' also on line 2"),
    ("Putin,Putin,persons,Russia,President", r"line 3, field 'type'"),
])
def test_gazetteer_errors_name_the_file_line_and_field(tmp_path, row, expected):
    from analysis import load_gazetteer

    path = write(tmp_path / "actors.csv", "actor,aliases,type,affiliation,role\n"
                                          f"Lavrov,Lavrov,person,Russia,Minister\n{row}\n")
    with pytest.raises(InputError, match=f"actors.csv, {expected}"):
        load_gazetteer(path)


# --- The batch runner on a messy folder -----------------------------------------------------

def run_report(*args):
    return subprocess.run([sys.executable, "-m", "analysis.report", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)


def messy_corpus(folder):
    """Files of every kind the issue names; returns {path: expected status}."""
    for seed in sorted(SEEDS.glob("*.txt")):
        write(folder / seed.name, seed.read_bytes())
    write(folder / "metadata.csv", (SEEDS / "metadata.csv").read_bytes())
    write(folder / "hostile.txt", HOSTILE)
    write(folder / "web" / "page.html", PAGE)
    write(folder / "web" / "cyrillic.txt", RUSSIAN.encode("cp1251"))
    write(folder / "web" / "windows.txt", (ENGLISH + ARTICLE).replace("\n", "\r\n").encode("cp1252"))
    write(folder / "web" / "old-mac.txt", OTHER_ARTICLE.replace("\n", "\r"))
    write(folder / "copies" / "seed-again.txt",
          (SEEDS / "001_b55cd9ee8da52b46.txt").read_text(encoding="utf-8").replace("\n", "\r\n"))
    write(folder / "empty.txt", "")
    write(folder / "picture.txt", PNG)
    write(folder / ".DS_Store", b"\x00\x00\x00\x01Bud1\x00")
    write(folder / "huge.txt", "word " * (DEFAULT_MAX_BYTES // 5 + 1))
    return {"copies/seed-again.txt": "duplicate", "empty.txt": "skipped",
            "picture.txt": "skipped", ".DS_Store": "skipped", "huge.txt": "skipped",
            "metadata.csv": "skipped"}


@pytest.fixture(scope="module")
def messy_run(tmp_path_factory):
    corpus, out = tmp_path_factory.mktemp("messy"), tmp_path_factory.mktemp("messy-out")
    expected = messy_corpus(corpus)
    before = folder_hash(corpus)
    result = run_report("--corpus", corpus, "--out", out)
    assert result.returncode == 0, result.stderr
    return {"corpus": corpus, "out": out, "expected": expected, "before": before}


def test_runner_lists_every_file_with_its_status(messy_run):
    table = pd.read_csv(messy_run["out"] / "figures" / "corpus_files.csv",
                        keep_default_na=False).set_index("path")
    on_disk = sorted(p.relative_to(messy_run["corpus"]).as_posix()
                     for p in messy_run["corpus"].rglob("*") if p.is_file())
    assert list(table.index) == on_disk
    statuses = {path: messy_run["expected"].get(path, "loaded") for path in on_disk}
    assert table["status"].to_dict() == statuses
    assert table.loc["web/cyrillic.txt", "encoding"] == "cp1251"
    assert table.loc["web/windows.txt", "encoding"] == "cp1252"


def test_runner_leaves_the_corpus_unchanged(messy_run):
    assert folder_hash(messy_run["corpus"]) == messy_run["before"]


def test_corpus_markup_is_text_in_every_report(messy_run):
    pages = sorted((messy_run["out"] / "reports").glob("*.html"))
    assert pages
    shown = False
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # no live tag carries the corpus's script or an event handler from it
        assert not re.search(r"<script[^>]*>[^<]*" + HOSTILE_MARK, html), page.name
        assert not re.search(r"<[a-zA-Z][^<>]*\son(?:error|mouseover)\s*=", html), page.name
        shown = shown or "&lt;script&gt;alert(&#x27;" + HOSTILE_MARK in html \
            or "&lt;script&gt;alert('" + HOSTILE_MARK in html
    assert shown, "the hostile title is shown, escaped, in at least one report"


def test_interrupted_run_keeps_the_last_good_outputs(messy_run, monkeypatch):
    from analysis import report

    out = messy_run["out"]
    before = folder_hash(out)

    def interrupted(notebook, staging, *args):
        (staging / "figures" / "term_frequency.csv").write_text("half-written")
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "run_notebook", interrupted)
    assert report.main(["--corpus", str(SEEDS), "--out", str(out), "--jobs", "1"]) == 130
    assert folder_hash(out) == before


# --- Runner errors: one line, non-zero, no traceback ----------------------------------------

def assert_one_line_error(result, *expected):
    assert result.returncode != 0
    assert result.stderr.startswith("error: ") and result.stderr.strip().count("\n") == 0, \
        result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr


def test_runner_on_an_empty_folder(tmp_path):
    (tmp_path / "corpus").mkdir()
    result = run_report("--corpus", tmp_path / "corpus", "--out", tmp_path / "out")
    assert_one_line_error(result, str(tmp_path / "corpus"), "holds no files")
    assert not (tmp_path / "out").exists()


def test_runner_on_a_folder_without_usable_documents(tmp_path):
    write(tmp_path / "corpus" / "photo.jpg", JPEG)
    write(tmp_path / "corpus" / "notes" / "blank.txt", "\n\n")
    result = run_report("--corpus", tmp_path / "corpus", "--out", tmp_path / "out")
    assert_one_line_error(result, "no usable documents among 2 files",
                          "notes/blank.txt: only whitespace")


def test_runner_on_a_file_instead_of_a_folder(tmp_path):
    result = run_report("--corpus", write(tmp_path / "a.txt", ARTICLE), "--out", tmp_path / "out")
    assert_one_line_error(result, "a.txt: corpus path is not a folder")


def test_runner_with_an_unwritable_output_folder(tmp_path):
    write(tmp_path / "corpus" / "a.txt", ARTICLE)
    blocker = write(tmp_path / "not-a-folder", "a file where the output folder should be")
    result = run_report("--corpus", tmp_path / "corpus", "--out", blocker / "out")
    assert_one_line_error(result, "output folder is not writable", str(blocker / "out"))


@pytest.mark.parametrize("metadata, expected", [
    ("doc_id,title,date\na,T,30/06/2025x\n", "metadata.csv, line 2, field 'date'"),
    ("doc_id,title\na,T\na,U\n", "metadata.csv, line 3, field 'doc_id': doc_id 'a' also on line 2"),
    ("title,date\nT,2025-01-01\n", "metadata.csv, line 1: missing column(s) doc_id"),
    ("doc_id,title\na,T,extra\n", "metadata.csv, line 2: more fields than the header has"),
])
def test_runner_with_malformed_metadata(tmp_path, metadata, expected):
    write(tmp_path / "corpus" / "a.txt", ARTICLE)
    write(tmp_path / "corpus" / "metadata.csv", metadata)
    result = run_report("--corpus", tmp_path / "corpus", "--out", tmp_path / "out")
    assert_one_line_error(result, expected)


def test_html_suffix_is_the_suffix_pathlib_reads():
    from pathlib import PurePosixPath

    from analysis.files import HTML_SUFFIXES, _has_html_suffix

    paths = ["a.html", "a.HTM", "dir.html/a.txt", "a.html.txt", "a.txt.xhtml", "..html", ".htm",
             "x/.shtml", "html", "a.", "a.HTML ", "nested/page.Shtml", "İ.htm"]
    for path in paths:
        assert _has_html_suffix(path) == (PurePosixPath(path).suffix.lower() in HTML_SUFFIXES), path
    assert _has_html_suffix(PurePosixPath("corpus/a.htm"))
