"""Separate the article from what a web page wraps around it.

Text copied from news sites carries navigation, labels, bylines, donation appeals, newsletter
boxes, comment forms and teasers for other articles. The rules below work on the shape of a
line and on cue phrases that such page furniture uses across outlets, never on the wording of
particular articles. Every removed line is reported with the rule that removed it, so a reader
can check that nothing of the article was lost (`analysis.corpus.removed_lines`).

Order of work:
1. rejoin a paragraph broken in the middle of a sentence (a line that does not end a sentence,
   followed, perhaps after blank lines, by one that starts in lower case);
2. classify each line with the line rules (first match wins);
3. remove short runs of lines enclosed by two lines of the same boilerplate block (the body of
   a donation appeal between its greeting and its button, a teaser headline between "Check
   also" and the teaser's truncated text);
4. drop later copies of a line already kept (a headline printed twice).
"""
import functools
import re
from dataclasses import dataclass, field

from .regex_literals import literal_sets, longest

SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "…", "*")


def _cues(*phrases):
    return r"(?i:" + "|".join(phrases) + r")"


# Cue phrases of block boilerplate. A line matching one belongs to that block.
CUE_PHRASES = {
    "donation appeal": (
        r"\bsupport us\b", r"\byour support\b", r"\bsupport (?:independent|our) journalism",
        r"\b(?:make|consider|making) a (?:donation|contribution)\b",
        r"\bdonate (?:now|today|here|to us|monthly)\b", r"\bdonations? (?:keeps?|helps?|allows?)\b",
        r"\bevery contribution\b", r"\bmake a contribution\b",
        r"\bad-free\b", r"\bdear readers?\b", r"^a message from\b", r"\bwe need your help\b",
        r"\bnot ready to (?:support|donate|give)\b", r"\bremind me later\b",
        r"\bpay(?:ment|ing) methods?\b", r"\bbecome a (?:patron|supporter|paying member)\b",
        r"\bsupport (?:us|our work) (?:monthly|today)\b"),
    "newsletter box": (
        r"\bnewsletters?\b", r"\bsign up (?:for|to|now|here)\b", r"\bsubscribers? agree\b",
        r"\bsubscribe (?:now|here|today|to (?:our|the))\b", r"\bprivacy policy\b",
        r"\b(?:in|to) your (?:mailbox|inbox)\b", r"\bnever miss\b", r"\bunsubscribe\b"),
    "comment form": (
        r"^leave a (?:reply|comment)\b", r"\bemail address will not be published\b",
        r"\brequired fields are marked\b", r"^post (?:a )?comment\b", r"^\d* ?comments?$",
        r"\blog ?in to (?:comment|reply)\b", r"^cancel reply$"),
    "teaser": (
        r"^(?:read|see|show|load) (?:more|all|also)\b\W*$", r"^check also$",
        r"^related(?: articles?| stories| news| posts?| coverage)?:?$", r"^more (?:from|on|in) ",
        r"^(?:recommended|you may also like|you might also like|also read|most read|"
        r"most popular|trending|editor'?s picks)\b", r"(?:…|\.\.\.)$"),
}
BLOCK_CUES = {**{name: _cues(*phrases) for name, phrases in CUE_PHRASES.items()},
              "author box": r"^About \S+(?: \S+){0,3}$"}

# Line rules for page furniture that stands alone (checked before the block cues).
LINE_RULES = {
    "no words": r"^[^\w]*$",
    "breadcrumb": r"^[^/›»>|]{1,60}(?:\s[/›»>|]\s[^/›»>|]{1,80}){2,}$",
    "read time": r"^(?i:reading time:? )?\d+\s*(?i:min(?:ute)?s?)\.?(?i: read)?$",
    "byline": r"^(?i:authors?|by|written by|posted by|reporting by)"
              r"(?::|\s+[A-Z][\w.'’-]*(?:\s+(?:and\s+)?[A-Z][\w.'’-]*){0,5})?\s*$",
    "label": r"^(?i:categor(?:y|ies)|tags?|topics?|section|image description|image caption|photo|"
             r"image|video|advertisement|share(?: this)?(?: article| story)?|print|"
             r"listen(?: to this article)?|follow us)\s*:?\s*$",
    "photo credit": r"(?i:\((?:source|photo|image|credit|picture)s?:[^)]*\)\s*$|"
                    r"^(?:photo|image|credit|picture)s?:\s|"
                    r"\b(?:getty images|afp via getty|ap photo|shutterstock)\)?\s*$)",
}
# Checked in this order, first match wins: stand-alone furniture before block cues.
RULES = [(name, re.compile(pattern)) for name, pattern in {**LINE_RULES, **BLOCK_CUES}.items()]
# Page furniture is mostly short lines, and short lines are few, so every rule may match them
# (REQUIRED below only skips the rules that provably cannot).
# A longer line is tried against a rule only when it contains one of the rule's triggers (lower
# case text that every long match contains): a substring test is far cheaper than the regex, and
# most article lines contain none. Rules without triggers only ever match short lines. Written
# by hand, not read off the patterns: which cues may remove a long line is a decision the
# patterns do not state (a long teaser line must end in "…"; one that starts "More from" stays).
SHORT_LINE_MAX_WORDS = 20
TRIGGERS = {
    "photo credit": ("source", "photo", "image", "credit", "picture", "getty", "shutterstock"),
    "donation appeal": ("support", "donat", "contribution", "ad-free", "dear reader",
                        "message from", "your help", "not ready to", "remind me later",
                        "payment method", "paying method", "patron", "paying member"),
    "newsletter box": ("newsletter", "sign up", "subscri", "privacy policy", "mailbox", "inbox",
                       "never miss"),
    "comment form": ("leave a", "email address", "required fields", "comment", "log in", "login"),
    "teaser": ("…", "..."),
}


def required_text(pattern):
    """Lower-case texts one of which the lower case of every match of `pattern` holds, or None.

    Read off the pattern by `regex_literals.literal_sets`: of the sets of texts every match
    holds one of, the one whose shortest text is longest. Characters with case outside ASCII end
    a text: re may fold them to others that lower() does not, and cleaning checks a document
    only for the characters that fold to ASCII (FOLDS_TO_ASCII).
    """
    return longest(literal_sets(pattern, unicode_case=False, choose=longest))


# Rules that fail on a line's first few characters (anchored at its start): looking for their
# text first would cost more than it saves (measured), so they are tried on every short line.
FAIL_FAST = ("read time", "byline", "label", "author box")
# Lower-case text that every match of a rule contains, short or long, read off its pattern: a
# line containing none of it cannot match, so the rule is not tried there (and not in a document
# that lacks it, see `_present`). A cheap substring test instead of a regex. "no words" has none:
# it matches lines without any given text.
REQUIRED = {name: required for name, pattern in RULES
            if name not in FAIL_FAST and (required := required_text(pattern.pattern)) is not None}


class _Alternatives:
    """A cue rule searched alternative by alternative, for long lines.

    Scanning a long line with every alternative at once is the costly part of cleaning; each
    alternative is tried only on a line whose lower case holds its `required_text`. A line with
    a character that re folds but lower() does not (FOLDS_TO_ASCII) gets the whole pattern.
    """

    def __init__(self, pattern, phrases):
        self.pattern = pattern
        self.parts = [(re.compile(_cues(phrase)), required_text(_cues(phrase)))
                      for phrase in phrases]

    def search(self, line):
        if _holds_any(line, FOLDS_TO_ASCII):
            return self.pattern.search(line)
        lowered = line.lower()
        return any((required is None or any(text in lowered for text in required))
                   and part.search(line) for part, required in self.parts)


LONG_LINE_RULES = [(name, _Alternatives(pattern, CUE_PHRASES[name]) if name in CUE_PHRASES
                    else pattern) for name, pattern in RULES]
# Looked for in each whole document; the other required text is only looked for in short lines.
DOCUMENT_TRIGGERS = {trigger for triggers in TRIGGERS.values() for trigger in triggers}
# The characters a case-insensitive pattern matches to an ASCII letter while str.lower() does
# not lower them to it ("ſ" matches "s"): a document with one is tried against every rule.
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
LABELS_WITH_VALUE = re.compile(r"(?i)^(?:categor(?:y|ies)|tags?|topics?|section)\s*:?\s*$")
# str.split() already folds no-break and other Unicode spaces; zero-width characters must go.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_WITHOUT_ZERO_WIDTH = str.maketrans(dict.fromkeys(ZERO_WIDTH))
MAX_LONG_LINES_INSIDE_BLOCK = 2
SHORT_LINE_WORDS = 3


@dataclass
class CleanResult:
    text: str
    removed: list = field(default_factory=list)  # (line number, line, rule)


def _ends_sentence(line):
    return line.rstrip().endswith(SENTENCE_END)


def _holds_any(text, characters):
    # One fast substring search per character: far cheaper than a regex or str.translate on
    # text with curly quotes, where neither can work byte by byte.
    return any(character in text for character in characters)


def _single_spaced(line):
    """The line's words separated by single spaces."""
    # Most lines already are: printable means no whitespace but " " (cheaper than splitting).
    if line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " ":
        return line
    return " ".join(line.split())


def _single_spaced_lines(raw):
    """The lines of `raw`, each with its words separated by single spaces."""
    lines = raw.split("\n")
    # Most documents are already: the test of `_single_spaced`, once for the whole text.
    if "  " not in raw and " \n" not in raw and "\n " not in raw and raw[:1] != " " \
            and raw[-1:] != " " and raw.replace("\n", "").isprintable():
        return lines
    return [_single_spaced(line) for line in lines]


def _logical_lines(raw):
    """Lines with their 1-based numbers, broken paragraphs rejoined."""
    if _holds_any(raw, ZERO_WIDTH):
        raw = raw.translate(_WITHOUT_ZERO_WIDTH)
    merged = []
    for number, line in enumerate(_single_spaced_lines(raw), start=1):
        if not line:
            continue
        if merged and line[0].islower() and not _ends_sentence(merged[-1][1]):
            merged[-1] = (merged[-1][0], merged[-1][1] + " " + line)
        else:
            merged.append((number, line))
    return merged


def _line_rules(joined):
    """The rule of each line of `joined` (logical lines joined by "\\n"): first match, or None."""
    if not joined:
        return []      # no lines (a logical line is never empty)
    # The document's lower case split at "\n" is each line's lower case: str.lower() never makes
    # or removes a "\n", and its one context rule (final sigma) does not look across one.
    lowered = joined.lower()
    short_rules, long_rules = _document_rules(joined, lowered)
    return [_line_rule(line, lower, short_rules, long_rules)
            for line, lower in zip(joined.split("\n"), lowered.split("\n"))]


def _document_rules(joined, lowered):
    """(rules for short lines, rules for long lines) of one document, as (name, pattern, triggers).

    A line is tried against a rule only when its lower case holds one of the triggers (None: it
    always is): REQUIRED for a short line, TRIGGERS for a long one. Only the triggers that occur
    in the document (`lowered`) are kept, as a line can only contain what its document does, and
    a rule left without any is dropped.
    """
    present = frozenset(trigger for trigger in DOCUMENT_TRIGGERS if trigger in lowered)
    return _rules_given(present, _holds_any(joined, FOLDS_TO_ASCII))


# Few documents hold any trigger, so a few sets of them recur in any corpus: built once each.
@functools.lru_cache(maxsize=1024)
def _rules_given(present, folds):
    """`_document_rules` of a document holding the DOCUMENT_TRIGGERS `present`; `folds`: one
    holding a FOLDS_TO_ASCII character."""
    if folds:
        short_rules = [(name, pattern, None) for name, pattern in RULES]
    else:
        short_rules = [(name, pattern, _present(REQUIRED.get(name), present))
                       for name, pattern in RULES]
        short_rules = [rule for rule in short_rules if rule[2] != []]
    long_rules = [(name, pattern, _present(TRIGGERS.get(name, ()), present))
                  for name, pattern in LONG_LINE_RULES]
    return short_rules, [rule for rule in long_rules if rule[2]]


def _present(triggers, present):
    """The triggers that may be in a line of a document whose DOCUMENT_TRIGGERS are `present`:
    not one that is or holds a DOCUMENT_TRIGGER the document lacks ("afp via getty", "getty")."""
    if triggers is None:
        return None
    return [trigger for trigger in triggers if _document_triggers_in(trigger) <= present]


@functools.lru_cache(maxsize=None)      # called with the texts of REQUIRED and TRIGGERS only
def _document_triggers_in(text):
    return frozenset(trigger for trigger in DOCUMENT_TRIGGERS if trigger in text)


def _line_rule(line, lowered, short_rules, long_rules):
    """The first rule matching a logical line (words separated by single spaces), or None.

    `lowered` is the line's lower case; the rules are those of its document (`_document_rules`).
    """
    rules = short_rules if line.count(" ") < SHORT_LINE_MAX_WORDS else long_rules
    for name, pattern, triggers in rules:
        if triggers is not None:
            for trigger in triggers:    # a loop, not any(): no generator for every line and rule
                if trigger in lowered:
                    break
            else:
                continue
        if pattern.search(line):
            return name
    return None


def _is_long(line):
    return len(line.split()) > SHORT_LINE_WORDS


def _remove_block_interiors(lines, rules):
    """Remove short runs of kept lines enclosed by two lines of the same block rule."""
    enclosing = [i for i, rule in enumerate(rules) if rule in BLOCK_CUES]
    for before, after in zip(enclosing, enclosing[1:]):
        inside = range(before + 1, after)
        if not inside or rules[before] != rules[after]:
            continue
        if any(rules[i] is not None for i in inside):
            continue
        if sum(_is_long(lines[i][1]) for i in inside) <= MAX_LONG_LINES_INSIDE_BLOCK:
            for i in inside:
                rules[i] = f"{rules[before]} (inside the block)"


def clean_text(raw):
    """Return the article text (one paragraph a line) and the removed lines with their rules."""
    lines = _logical_lines(raw)
    if not lines:
        return CleanResult(text="", removed=[])
    joined = "\n".join(line for _, line in lines)
    rules = _line_rules(joined)
    for i in range(len(lines) - 1):
        if rules[i] == "label" and LABELS_WITH_VALUE.match(lines[i][1]) and rules[i + 1] is None \
                and not _is_long(lines[i + 1][1]) and not _ends_sentence(lines[i + 1][1]):
            rules[i + 1] = "label"
    _remove_block_interiors(lines, rules)
    seen = set()
    # Logical lines are already single-spaced; casefolding has no context, so the document's
    # casefold split at "\n" is each line's (one call instead of one a line).
    for i, key in enumerate(joined.casefold().split("\n")):
        if rules[i] is None:
            if key in seen:
                rules[i] = "repeated line"
            seen.add(key)
    kept = [line for (_, line), rule in zip(lines, rules) if rule is None]
    removed = [(number, line, rule) for (number, line), rule in zip(lines, rules) if rule]
    return CleanResult(text="\n".join(kept), removed=removed)
