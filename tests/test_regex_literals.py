"""Reading regex patterns: every match holds the literals read off its pattern and begins with one
of its starts (checked against re itself on random patterns and texts), and what cannot be read
gives no literal and no start."""
import random
import re
import string

import pytest

from analysis import regex_literals
from analysis.regex_literals import case_folds, literal_sets, longest, most_specific, starts_of

# The options cleaning and demand coding read patterns with, and some others.
OPTIONS = [
    dict(unicode_case=False, choose=longest),                                   # clean
    dict(letters_only=True, shortest=4, ignore={"troop", "that"}),             # demand patterns
    dict(letters_only=True),                                                    # cues
    dict(),
    dict(unicode_case=False, letters_only=True, shortest=2, choose=longest),
]


@pytest.mark.parametrize("pattern, options, sets", [
    # Cleaning: the text of a cue, spaces and punctuation included.
    (r"\bpay(?:ment|ing) methods?\b", OPTIONS[0], [("pay",), ("ment", "ing"), (" method",)]),
    (r"(?i:\bsupport us\b)", OPTIONS[0], [("support us",)]),
    (r"\b(?:make|consider) a (?:donation|contribution)\b", OPTIONS[0],
     [("make", "consider"), (" a ",), ("donation", "contribution")]),
    (r"^[^\w]*$", OPTIONS[0], []), (r"(?:ab|)", OPTIONS[0], []), (r"x*y?", OPTIONS[0], []),
    (r"(?:ab)+", OPTIONS[0], [("ab",)]), (r"[/|]{2,}", OPTIONS[0], [("/", "|")]),
    (r"[^/|]", OPTIONS[0], []), (r"About \S+", OPTIONS[0], [("about ",)]),
    # A letter with case outside ASCII ends a text when the caller checks only ASCII folds.
    (r"Σx", OPTIONS[0], [("x",)]), (r"Σx", OPTIONS[3], [("σx",)]),
    # "İ" lower-cases to two characters: no literal.
    (r"İstanbul", OPTIONS[3], []),
    # Demand patterns: runs of letters, long enough and not common, one set per branch.
    (r"(?:Western|NATO) troops? \W(?:[^.!?\n]{0,50}?\W)?Ukraine", OPTIONS[1],
     [("western", "nato"), ("ukraine",)]),
    # "deliveries" holds "deliver", which finds all it would.
    (r"(?:deliveries|deliver) of arms", OPTIONS[1], [("deliver",), ("arms",)]),
    (r"troop that (?:x|leave)", OPTIONS[1], []),
    (r"(?:pull|withdraw)(?:ing|s)? (?:all )?(?:its )?(?:forces|troop)", OPTIONS[1],
     [("pull", "withdraw")]),
    # Of a branch's sets, the most specific: fewest literals, then the longest shortest one.
    (r"(?:(?:a|b)cdef|xyz)", OPTIONS[2], [("cdef", "xyz")]),
    # Repeats: only those that must match at least once.
    (r"a{0,3}(?:bc){2}(?:de)*?(?:fg)+?(?:hi)++", OPTIONS[3], [("bc",), ("fg",), ("hi",)]),
])
def test_the_literals_read_off_a_pattern(pattern, options, sets):
    assert literal_sets(pattern, **options) == sets


def test_most_specific_and_longest_pick_a_set():
    sets = [("make", "consider"), (" a ",), ("donation", "contribution")]
    assert most_specific(sets) == (" a ",)
    assert longest(sets) == ("donation", "contribution")
    assert longest([("ab",), ("cd",)]) == ("ab",)     # the first of equals
    assert most_specific([]) is None and longest([]) is None


@pytest.mark.parametrize("pattern, starts", [
    (r"(?<!\w)(?:(?:a )?members? of NATO)(?!\w)", ["a ", "member"]),   # an optional part
    (r"(?:military |)aid", ["aid", "military aid"]),        # an empty alternative reads on
    (r"(?:no|not)+ way", ["no"]),                            # "not" begins with "no"
    (r"(?i:NATO) troops|\bKyiv", ["kyiv", "nato troops"]),
    (r"(?:ab)++c|d", ["ab", "d"]),
    # re's parser draws a shared prefix out of the alternatives: the start reads on past it.
    (r"respond|retaliate", ["respond", "retaliate"]), (r"(?:lead|led) to", ["lead to", "led to"]),
    (r"\w+ troops", None), (r"x*", None), (r"[Ww]ar", None), (r"İstanbul", None),
])
def test_the_starts_of_a_pattern_begin_each_of_its_matches(pattern, starts):
    assert starts_of(pattern, re.IGNORECASE) == starts


def test_case_folds_are_the_letters_ignorecase_adds_to_lower_case():
    assert case_folds(["support", "nato"]) == "ſ"
    assert case_folds(["militia"]) == "ı"
    assert case_folds(["σ", "ς"]) == "ςσ"
    assert case_folds(["kyiv", "war"]) == "ı"
    # Brute force: every other character that a case-insensitive letter matches lowers to the
    # letter, or to more than one character (which callers check), or is listed.
    text = "".join(chr(code) for code in range(128, 0x110000) if not 0xD800 <= code < 0xE000)
    for letter in "sikσμ":
        for other in re.findall(f"(?i){re.escape(letter)}", text):
            assert other.lower() == letter or len(other.lower()) > 1 or \
                other in case_folds([letter]), (letter, other)


# --- Every match, checked against re ------------------------------------------------------------

# Pieces of random patterns and texts: ASCII, letters that fold to other letters, letters whose
# lower case is longer, punctuation.
LEAVES = ["ab", "ks", "a", "b ", "sa", "kS", "ſ", "ı", "İs", "K", "σ", "Σa", "ß", "é", "É", "…",
          "[ab]", "[sk]", "[ſS]", "[^a]", r"\w", r"\W", r"\s", ".", r"\b", r"\B", "^", "$", "-",
          r"\.", "[a-c]", "[-.]", "(?<=a)", "(?<!s)"]
WRAPPERS = ["(?:{0})", "({0})", "(?:{0}|{1})", "(?:{0}|)", "(?:|{0})", "(?:{0})?", "(?:{0})*",
            "(?:{0})+", "(?:{0}){{2,3}}", "(?:{0}){{0,2}}", "(?:{0})+?", "(?:{0})??", "(?:{0})++",
            "(?:{0})*+", "(?>{0})", "(?={0}){1}", "(?!{0}){1}", "(?i:{0})", "(?-i:{0})", "{0}|{1}",
            "(?P<g{n}>{0})(?P=g{n})", "(?P<c{n}>{0})?(?(c{n}){1}|a)"]
TEXT_PIECES = ["ab", "ks", "a", "b", "s", "k", "S", "A", "B", "KS", "sa", "i", "I", " ", "-", ".",
               "…",
               "ſ", "ı", "İ", "K", "σ", "Σ", "ς", "ß", "ẞ", "é", "É", "c"]


def _random_pattern(rng, depth, counter):
    parts = []
    for _ in range(rng.randint(1, 3)):
        if depth == 0 or rng.random() < 0.4:
            parts.append(rng.choice(LEAVES))
        else:
            counter.append(None)
            parts.append(rng.choice(WRAPPERS).format(_random_pattern(rng, depth - 1, counter),
                                                     _random_pattern(rng, depth - 1, counter),
                                                     n=len(counter)))
    return "".join(parts)


def _random_patterns(seed, count):
    rng, found = random.Random(seed), []
    while len(found) < count:
        pattern, flags = _random_pattern(rng, 3, []), rng.choice([0, re.IGNORECASE])
        try:
            found.append((re.compile(pattern, flags), pattern, flags))
        except re.error:      # a look-behind that is not fixed-width, and the like
            continue
    return found


def _matches(regex, text):
    """The spans of what the regex matches at each place of `text`, and of each part of it that
    it matches in full (a match in a shorter text): every match, not only those a search finds."""
    spans = {match.span() for match in (regex.match(text, at) for at in range(len(text) + 1))
             if match}
    spans.update((i, j) for i in range(len(text) + 1) for j in range(i, len(text) + 1)
                 if regex.fullmatch(text, i, j))
    return spans


def _readable(text, letters):
    """Whether the lower case of `text` stands for it where a case-insensitive pattern with these
    letters is read: as long, and without a letter that folds to one of them (as callers check)."""
    lowered = text.lower()
    return len(lowered) == len(text) and not any(c in lowered for c in case_folds(letters))


@pytest.mark.parametrize("seed", range(6))
def test_every_match_of_a_random_pattern_holds_its_literals_and_begins_with_a_start(seed):
    rng = random.Random(seed)
    checked = 0
    for regex, pattern, flags in _random_patterns(seed, 60):
        readings = [(options, literal_sets(pattern, flags, **options)) for options in OPTIONS]
        starts = starts_of(pattern, flags)
        texts = ["".join(rng.choice(TEXT_PIECES) for _ in range(rng.randint(0, 7)))
                 for _ in range(40)]
        for text in texts:
            lowered = text.lower()
            spans = _matches(regex, text)
            for options, sets in readings:
                # A caller reading with unicode_case=False checks only the letters that fold to
                # ASCII (clean.FOLDS_TO_ASCII).
                letters = [string.ascii_lowercase] if options.get("unicode_case") is False else \
                    [literal for literals in sets for literal in literals]
                if not _readable(text, letters):
                    continue
                for i, j in spans:
                    checked += 1
                    for literals in sets:
                        assert any(literal in lowered[i:j] for literal in literals), \
                            (pattern, flags, options, text, (i, j), literals)
            if starts is not None and _readable(text, starts):
                for i, j in spans:
                    assert any(lowered.startswith(start, i, j) for start in starts), \
                        (pattern, flags, text, (i, j), starts)
    assert checked > 3_000     # the patterns do match the texts


def test_the_random_patterns_have_literals_and_starts():
    # The property above would hold trivially if nothing were read.
    patterns = _random_patterns(0, 200)
    assert sum(bool(literal_sets(pattern, flags, **OPTIONS[0]))
               for _, pattern, flags in patterns) > 60
    assert sum(starts_of(pattern, flags) is not None for _, pattern, flags in patterns) > 30


# --- What cannot be read ------------------------------------------------------------------------

@pytest.mark.parametrize("pattern", [
    r"(a?)\1", r"(?P<x>a?)(?P=x)", r"(?>abc)", r"(?=abc)\w+", r"(?!abc)\w+", r"(?<=abc)d?",
    r"(a)?(?(1)bc|de)", r"[^a].[^d]", r"\w+", r"\d\s\S.",
])
def test_constructs_not_read_give_no_literal(pattern):
    # A back-reference, an atomic group, look-arounds and a conditional say nothing here that a
    # match must hold (a look-around's text is outside the match).
    assert all(literal_sets(pattern, **options) == [] for options in OPTIONS), pattern


def test_an_unknown_operation_gives_no_literal_and_no_start(monkeypatch):
    tree = list(regex_literals._parse(r"ab(?:cd)+ef", 0))
    assert literal_sets(r"ab(?:cd)+ef") == [("ab",), ("cd",), ("ef",)]
    unknown = object()      # an operation a future Python might add
    monkeypatch.setattr(regex_literals, "_parse", lambda pattern, flags: [
        (unknown, av) if n == 2 else (op, av) for n, (op, av) in enumerate(tree)])
    assert literal_sets(r"ab(?:cd)+ef") == [("ab",), ("ef",)]
    monkeypatch.setattr(regex_literals, "_parse", lambda pattern, flags: [(unknown, None)] + tree)
    assert starts_of(r"ab(?:cd)+ef") is None
    # A tree of another shape: the whole pattern is unknown.
    monkeypatch.setattr(regex_literals, "_parse", lambda pattern, flags: [
        (op, "?") if n == 2 else (op, av) for n, (op, av) in enumerate(tree)])
    assert literal_sets(r"ab(?:cd)+ef") == []
    monkeypatch.setattr(regex_literals, "_parse", lambda pattern, flags: [(tree[2][0], "?")])
    assert starts_of(r"(?:cd)+") is None


def test_the_self_check_passes_on_this_python():
    # Otherwise reading is switched off, and cleaning and coding lose their speed-ups.
    assert regex_literals._READING and regex_literals._reads_right()


def test_with_reading_switched_off_cleaning_and_coding_give_the_same(monkeypatch, seed_docs,
                                                                      seed_sentences):
    from analysis import clean, demands

    coder = demands.make_coder()
    coded = demands.code_sentences(seed_sentences, coder=coder)
    cleaned = [(result.text, result.removed) for result in map(clean.clean_text,
                                                                 seed_docs["raw_text"])]
    monkeypatch.setattr(regex_literals, "_READING", False)
    assert literal_sets("abc") == [] and starts_of("abc") is None and case_folds([]) == ""
    plain = demands.make_coder()
    assert plain.literals == () and all(starts is None and not required
                                        for _, entries in plain.categories
                                        for _, _, required, starts in entries)
    assert demands.code_sentences(seed_sentences, coder=plain).equals(coded)
    # Cleaning read its rules at import: read them again, as a fresh import would.
    monkeypatch.setattr(clean, "REQUIRED", {name: required for name, pattern in clean.RULES
                                            if (required := clean.required_text(pattern.pattern))})
    monkeypatch.setattr(clean, "LONG_LINE_RULES", [
        (name, clean._Alternatives(pattern, clean.CUE_PHRASES[name]))
        if name in clean.CUE_PHRASES else (name, pattern) for name, pattern in clean.RULES])
    clean._rules_given.cache_clear()
    assert clean.REQUIRED == {}
    assert [(result.text, result.removed) for result in map(clean.clean_text,
                                                             seed_docs["raw_text"])] == cleaned
    clean._rules_given.cache_clear()
