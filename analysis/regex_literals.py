"""What every match of a regex holds, and what it begins with, read off the pattern.

Two speed-ups rest on this. Cleaning tries a rule on a line only when the line holds text that
every match of the rule holds (`analysis.clean`). Demand coding tries a pattern only on the
sentences that hold its literals, and there only where one of its starts begins
(`analysis.demands`). Both are cheap substring tests instead of a regex scan, and both only skip
places where the regex cannot match, so they change the time a search takes, never its result.

- `literal_sets(pattern)`: sets of lower-case literals such that the lower case of every match
  holds a literal of each set (one of "troops" or "forces", and "ukraine"). Its options say
  what a caller can look for: runs of letters only (looked up inside words), no letters with
  case outside ASCII (for a caller that does not check `case_folds`), a shortest literal, words
  to ignore, and which set of a required alternation to keep (`most_specific`, `longest`).
- `starts_of(pattern)`: lower-case strings one of which begins every match.
- `case_folds(strings)`: the characters a case-insensitive pattern matches to a letter of the
  strings while str.lower() does not lower them to it ("ſ" for "s"); text holding one must be
  searched without the literals' help.

A pattern whose reading is not known gives no literal ([]) and no start (None); the caller then
searches everywhere, which is slower and finds the same.
"""
# Why reading Python's private parse tree is safe. The tree is that of re's own parser
# (re._parser, re._constants and re._casefix, so named since Python 3.11, which requirements.txt
# pins), so it is exactly what re matches. Were a future Python to change it, every reading must
# fail towards "unknown", which costs speed and never results: an operation not listed here gives
# no literal and no start; a tree not shaped as expected (an error while reading it) gives none
# for the whole pattern; and if these modules are missing, or the patterns of `_SELF_CHECK` do
# not read as they must, reading is switched off for every pattern (tests/test_regex_literals.py
# checks each of these, and every reading against re's own matches).
try:
    from re import _casefix, _constants, _parser
    _LITERAL, _IN, _BRANCH, _SUBPATTERN = (_constants.LITERAL, _constants.IN, _constants.BRANCH,
                                           _constants.SUBPATTERN)
    _REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)
    _ZERO_WIDTH = (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT)
    _EXTRA_CASES = _casefix._EXTRA_CASES
    _READING = True
except (ImportError, AttributeError):   # pragma: no cover - not on the pinned Python
    _READING = False
# What a tree of another shape raises while it is read: the pattern is then unknown.
_SHAPE_ERRORS = (TypeError, ValueError, IndexError, KeyError, AttributeError)


def most_specific(sets):
    """Of sets of literals, the one with the fewest literals, then the longest shortest one (ties
    broken by the sorted literals, so the choice does not depend on their order); None if there
    is none."""
    return max(sets, key=lambda literals: (-len(literals), min(map(len, literals)),
                                           sorted(literals)), default=None)


def longest(sets):
    """Of sets of literals, the one whose shortest literal is longest (the first of equals);
    None if there is none."""
    return max(sets, key=lambda literals: min(map(len, literals)), default=None)


def literal_sets(pattern, flags=0, *, letters_only=False, unicode_case=True, shortest=1,
                 ignore=(), choose=most_specific):
    """Sets of lower-case literals (tuples) such that the lower case of every match of `pattern`
    holds a literal of each set: [] where none is known.

    Read from the pattern's structure: a run of literal characters that every match passes
    through, a class of literal characters, or one literal set from each branch of an
    alternation every match passes (the one `choose` picks from the branch's sets). A set is
    kept only when all its literals are at least `shortest` long and none is in `ignore` (too
    common to narrow anything down). In a set, a literal holding another is left out.

    letters_only: literals are runs of letters (a caller that looks them up inside words).
    unicode_case: False ends a literal at a letter with case outside ASCII, which a
    case-insensitive pattern may match to a letter that str.lower() does not give (see
    `case_folds`: True is for a caller that checks the text for those). A literal whose lower
    case is longer ("İ") is no literal.
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return []

    def keeps(character):
        return (not letters_only or character.isalpha()) and (
            unicode_case or character < "\x80" or character.lower() == character.upper())

    try:
        return _literal_sets(parsed, keeps, shortest, frozenset(ignore), choose)
    except _SHAPE_ERRORS:
        return []


def _literal_sets(items, keeps, shortest, ignore, choose):
    found, run = [], ""
    for op, av in [*items, (None, None)]:
        if op is _LITERAL and keeps(chr(av)):
            run += chr(av)
            continue
        if run:
            found.append((run,))
            run = ""
        if op is _SUBPATTERN:
            found.extend(_literal_sets(av[-1], keeps, shortest, ignore, choose))
        elif op in _REPEATS and av[0] >= 1:
            found.extend(_literal_sets(av[2], keeps, shortest, ignore, choose))
        elif op is _BRANCH:
            chosen = [choose(_literal_sets(branch, keeps, shortest, ignore, choose))
                      for branch in av[1]]
            if all(chosen):
                found.append(tuple(literal for literals in chosen for literal in literals))
        elif op is _IN and all(kind is _LITERAL and keeps(chr(code)) for kind, code in av):
            found.append(tuple(chr(code) for _, code in av))
    usable = []
    for literals in found:
        lowered = [literal.lower() for literal in literals]
        if all(len(low) == len(literal) and len(low) >= shortest and low not in ignore
               for low, literal in zip(lowered, literals)):
            usable.append(_minimal(lowered))
    return usable


def _minimal(literals):
    """The literals without repeats, and without those that hold another (which would find
    nothing the other misses), in their order."""
    unique = list(dict.fromkeys(literals))
    return tuple(literal for literal in unique
                 if not any(other != literal and other in literal for other in unique))


def starts_of(pattern, flags=0):
    """Lower-case strings one of which begins the lower case of every match of `pattern`, none
    of them starting with another (which would find no place the shorter misses), sorted; None
    where that cannot be told.

    Zero-width assertions begin nothing; a run of literals and an alternative are read on into
    what follows them, and an optional part adds what may begin after it. A pattern that may
    match the empty string, or that may begin with anything but a literal (a class, a
    back-reference), gives None. The caller checks the text for `case_folds` of the starts.
    """
    parsed = _parse(pattern, flags)
    try:
        leading = None if parsed is None else _leading(list(parsed))
    except _SHAPE_ERRORS:
        return None
    if leading is None:
        return None
    return sorted(start for start in leading
                  if not any(other != start and start.startswith(other) for other in leading))


def _leading(items):
    """The lower-case strings one of which begins every match of `items`, or None."""
    while items and items[0][0] in _ZERO_WIDTH:
        del items[0]
    if not items:
        return None
    op, av = items[0]
    rest = items[1:]
    if op is _LITERAL:
        run = ""
        while items and items[0][0] is _LITERAL:
            run += chr(items.pop(0)[1])
        lowered = run.lower()
        # "İ" lower-cases to two characters: no string to look for.
        if len(lowered) != len(run):
            return None
        # re's parser draws the prefix alternatives share out of them ("respond|retaliate" is
        # "re" then "spond|taliate"): the run goes on into what follows, where that is known.
        after = _leading(items) if items and items[0][0] in (_SUBPATTERN, _BRANCH) else None
        return {lowered + start for start in after} if after else {lowered}
    if op is _SUBPATTERN:
        return _leading(list(av[-1]) + rest)
    if op is _BRANCH:
        found = [_leading(list(branch) + rest) for branch in av[1]]
        return None if None in found else set().union(*found)
    if op in _REPEATS:
        first = _leading(list(av[2]))
        if first is None or av[0] >= 1:
            return first
        after = _leading(rest)
        return None if after is None else first | after
    return None


def case_folds(strings):
    """The characters, sorted, that a case-insensitive pattern matches to a letter of `strings`
    while str.lower() does not lower them to that letter ("ſ" for "s", "ı" for "i")."""
    if not _READING:
        return ""       # no literal and no start was read, so there is nothing to fold to
    return "".join(sorted({chr(other) for string in strings for letter in string
                           for other in _EXTRA_CASES.get(ord(letter), ())}))


def _parse(pattern, flags):
    """The parse tree of `pattern` read with `flags`, or None while reading is switched off."""
    return _parser.parse(pattern, flags) if _READING else None


# Patterns whose reading is known: if one reads otherwise, the tree is not the one this module
# was written for, and reading is switched off.
_SELF_CHECK = [
    (lambda: literal_sets(r"ab(?:cd|ef)+g?h*[ij]"), [("ab",), ("cd", "ef"), ("i", "j")]),
    (lambda: literal_sets(r"(?:x|y)z|w\b"), [("z", "w")]),
    (lambda: starts_of(r"(?<!\w)(?:(?:a )?bc|de)f++", 2), ["a ", "bc", "de"]),
    (lambda: starts_of(r"x*"), None),
]


def _reads_right():
    try:
        return all(read() == expected for read, expected in _SELF_CHECK)
    except Exception:   # noqa: BLE001 - any failure means: do not read
        return False


_READING = _READING and _reads_right()
