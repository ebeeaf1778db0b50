"""What is demanded, by whom, of whom: sentences coded with the demand codebook.

The rule (the codebook file explains it for editors): a sentence gets a category when it names
the category's topic AND says that someone wants it or objects to it. Each category has three
kinds of patterns: `demanded` topics need a demand or an objection cue in the sentence
("insist on the recognition of ..."), `opposed` topics need an objection cue ("against the
deployment of Western troops"; "Kyiv demands weapons supplies" is not a demand to halt them),
`stated` phrases are a demand or threat by themselves ("legitimate targets"). A topic with no cue
("the US announced a security assistance package") is a mention, not a demand. A threat objects
to what it is about: the `stated` phrases of the codebook's `threat_category` are objection cues
too ("any European contingent would become a legitimate target" objects to foreign troops).
Patterns and cues are matched in the sentence without the quotation marks a reporter sets around
some of a phrase's words ("would “not go unanswered”"); the spans found are the text's.

Who demands (`actor`), in this order: the speaker named after the closing quotation mark; the
party whose demand it is ("Western demands", "the Kremlin's conditions"); the first actor named
before the first cue (the subject or reporting actor: "Grushko insisted that ..."); otherwise,
for a sentence inside a quotation, the speaker named where the quotation closes in the same
paragraph, or else the actor of the previous sentence of the paragraph ("He argued ...").
Persons are named; institutions by the state or bloc they belong to ("Kremlin" -> Russia).
Of whom (`target`): the first party named after the first cue that is not the actor's own side.
Both are left empty where the text does not say.

Speed: every match of a pattern holds some literals (one of "troops" or "forces", and "ukraine")
and begins with one of some strings ("troops ", "forces "), both read from the pattern
(`analysis.regex_literals`); every cue of a kind holds one of its kind's literals. The literals
of each distinct word are looked up once; a pattern is tried only on the sentences that hold all
of its literals (and, for a topic that needs a cue, a cue's literal), picked with bit sets over
a batch of documents, and only where one of its starts begins (`regex.match` there finds what
`regex.search` would); cues and actors are looked for only in the sentences a topic matched.
"""
import html
import re
from bisect import bisect_left, bisect_right
from collections import namedtuple
from itertools import chain, filterfalse

import pandas as pd
import yaml

from .actors import compile_gazetteer, document_mentions, load_gazetteer
from .counts import counted
from .datafiles import data_path
from .errors import InputError
from .periods import period_labels
from .progress import with_progress
from .quotes import REPORTING_VERBS
from .regex_literals import case_folds, literal_sets, most_specific, starts_of
from .terms import load_stopwords

CODEBOOK_FILE = data_path("demand_codebook.yaml")
CATEGORY_FIELDS = ["id", "label", "definition", "patterns"]
PATTERN_KINDS = ("stated", "opposed", "demanded")   # the order in which a sentence is coded
CUE_KINDS = ("demand", "objection")
# The cues a pattern kind needs to code a sentence, in the order `_coded` tries the kinds.
NEEDED_CUES = (("opposed", ("objection",)), ("demanded", CUE_KINDS))
# ` ... ` in a pattern: a gap of up to 50 characters that stays inside the sentence.
GAP = r"\W(?:[^.!?\n]{0,50}?\W)?"
# A sentence is tried with a pattern only when it holds one of each set of the pattern's
# anchors (literals every match contains, read from the pattern); shorter literals than this
# are too common to narrow anything down.
MIN_ANCHOR = 4
# A match begins with one of some strings read from its pattern (its starts): a start is
# looked for only in the sentences that hold its longest run of letters, when that has at least
# this many letters, and a pattern only in the sentences that hold one such run of its starts.
MIN_START = 3
# The sentences whose candidates for each pattern are picked together, with bit sets over them.
_BATCH = 4096
# The words a coder remembers before it starts afresh: the memory of a long run stays bounded.
_MAX_WORDS = 200_000
_STOPWORDS = frozenset(load_stopwords())
EVIDENCE_COLUMNS = ["doc_id", "sentence_id", "category", "sentence", "matched", "cue", "actor",
                    "target", "match_start", "match_end"]
# "Western demands", "the Kremlin's conditions": the party before a noun cue holds the demand.
_NOUN_CUE = re.compile(r"(?i)(?:demands?|objections?|conditions?|preconditions?|ultimatums?|"
                       r"goals?|objectives?|red lines?|warnings?|threats?)$")
_POSSESSIVE_GAP = re.compile(r"(?:['’]s)?\s")
# "rejected by Russian President Vladimir Putin": the actor follows the cue.
_BY_ACTOR = re.compile(r"\s+by\s+(?:\S+\s+){0,3}\S+")
# A closing quotation mark: one that follows the end of a quoted phrase.
_CLOSING_QUOTE = re.compile(r"[,.!?…][\"”’']")
_OPENING_QUOTES = "“‘\"'"
_OPENING_QUOTE = re.compile(r"(?:^|(?<=\s))[“‘\"']")
# A name that is asked or spoken to rather than speaking: "that Ukraine must ...", "with Scholz".
_ADDRESSEE_AFTER = re.compile(r"(?:['’]s)?\s+(?:\w+\s+)?(?:must|should|has to|have to|needs? to)\b")
_ADDRESSEE_BEFORE = re.compile(r"\bwith\s+$")
# A reporting clause that ends the sentence: "..., Volodymyr Zelensky said." / "..., he told
# reporters."
_TRAILING_CLAUSE = re.compile(r",\s+[^,“”\"]{1,80}?\s+(?:%s)(?:\s+\w+){0,2}\W*$"
                              % "|".join(REPORTING_VERBS))


# --- The codebook -------------------------------------------------------------------------------

def _expand(pattern):
    return re.sub(r"\s*\.\.\.\s*", lambda _: GAP, pattern)


def _compile(pattern, path, field, shown=None):
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as err:
        raise InputError(f"bad pattern {shown or repr(pattern)} ({err})", path=path,
                         field=field) from None


def _pattern_lists(entry, where, path):
    patterns = entry["patterns"]
    if not isinstance(patterns, dict) or not set(patterns) <= set(PATTERN_KINDS):
        raise InputError(f"{where}: 'patterns' must map some of {', '.join(PATTERN_KINDS)} to "
                         "lists of patterns", path=path, field="patterns")
    for kind, items in patterns.items():
        if not isinstance(items, list) or not all(isinstance(p, str) and p for p in items):
            raise InputError(f"{where}: 'patterns.{kind}' must be a list of patterns",
                             path=path, field=f"patterns.{kind}")
    return {kind: patterns.get(kind) or [] for kind in PATTERN_KINDS}


def _compile_patterns(category_id, patterns, path):
    """[(kind, compiled pattern, [set of anchors, ...])] of one category, in the codebook's
    order: every match holds an anchor of each set (`regex_literals.literal_sets`: runs of
    letters, looked up inside words, at least MIN_ANCHOR long and no stopword)."""
    compiled = []
    for kind, items in patterns.items():
        for pattern in items:
            body = _expand(pattern)
            regex = _compile(f"(?<!\\w)(?:{body})(?!\\w)", path,
                             f"patterns.{kind} of '{category_id}'", repr(pattern))
            compiled.append((kind, regex, literal_sets(
                body, re.IGNORECASE, letters_only=True, shortest=MIN_ANCHOR, ignore=_STOPWORDS)))
    return compiled


def _cue_regex(items, path, kind):
    if not isinstance(items, list) or not items or not all(isinstance(p, str) and p for p in items):
        raise InputError(f"'cues.{kind}' must be a non-empty list of patterns", path=path,
                         field=f"cues.{kind}")
    for item in items:
        _compile(_expand(item), path, f"cues.{kind}", repr(item))
    return _compile(r"(?<!\w)(?:" + "|".join(map(_expand, items)) + r")(?!\w)", path,
                    f"cues.{kind}")


def _parties(data, path):
    parties = data.get("parties") or {}
    if not isinstance(parties, dict) or not all(
            isinstance(aliases, list) and all(isinstance(a, str) and a for a in aliases)
            for aliases in parties.values()):
        raise InputError("'parties' must map each party's name to a list of aliases", path=path,
                         field="parties")
    return pd.DataFrame({"actor": list(parties), "aliases": list(parties.values()),
                         "type": "state", "affiliation": list(parties)})


def load_codebook(path=None):
    """One row per category (id, label, definition, ..., patterns, compiled); path None: the
    package's own codebook.

    `attrs` holds the compiled cues ("cues": {kind: regex}), the parties table and the threat
    category ("threat", see `_threat`). Problems name the file and field: a missing field, a
    duplicate id, a pattern that does not compile.
    """
    path = CODEBOOK_FILE if path is None else path
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
        raise InputError("expected a top-level 'categories:' list", path=path, field="categories")
    if not isinstance(data.get("cues"), dict):
        raise InputError("expected a top-level 'cues:' mapping with demand and objection lists",
                         path=path, field="cues")
    cues = {kind: _cue_regex(data["cues"].get(kind), path, kind) for kind in CUE_KINDS}
    rows, seen = [], set()
    for number, entry in enumerate(data["categories"], start=1):
        where = f"category {number}"
        if not isinstance(entry, dict):
            raise InputError(f"{where} is not a mapping", path=path)
        for name in CATEGORY_FIELDS:
            if not entry.get(name):
                raise InputError(f"{where} has no '{name}'", path=path, field=name)
        where = f"category '{entry['id']}'"
        if entry["id"] in seen:
            raise InputError(f"duplicate id '{entry['id']}'", path=path, field="id")
        seen.add(entry["id"])
        patterns = _pattern_lists(entry, where, path)
        rows.append({"id": entry["id"], "label": entry["label"],
                     "definition": entry["definition"], "includes": entry.get("includes", ""),
                     "excludes": entry.get("excludes", ""), "example": entry.get("example", ""),
                     "patterns": patterns,
                     "compiled": _compile_patterns(entry["id"], patterns, path)})
    codebook = pd.DataFrame(rows)
    codebook.attrs.update(cues=cues, parties=_parties(data, path), path=str(path),
                          threat=_threat(data.get("threat_category"), rows, path))
    return codebook


def _threat(category, rows, path):
    """None, or (the id of the codebook's `threat_category`, its compiled `stated` patterns):
    a threat objects to what it is about, so a sentence one of them matches holds an objection
    cue for every category. Kept apart from the rows, so a selection of categories keeps it."""
    if category is None:
        return None
    stated = {row["id"]: [entry for entry in row["compiled"] if entry[0] == "stated"]
              for row in rows}
    if not stated.get(category):
        raise InputError(f"'threat_category' must name a category with stated patterns (there "
                         f"are: {', '.join(stated)})", path=path, field="threat_category")
    return category, stated[category]


def select_categories(codebook, categories=None):
    """The codebook restricted to `categories` (ids, in the codebook's order); all when empty."""
    if not categories:
        return codebook
    unknown = sorted(set(categories) - set(codebook["id"]))
    if unknown:
        raise InputError(f"no category {', '.join(unknown)} (there are: "
                         f"{', '.join(codebook['id'])})", path=codebook.attrs.get("path"))
    chosen = codebook[codebook["id"].isin(categories)].reset_index(drop=True)
    chosen.attrs = dict(codebook.attrs)
    return chosen


# --- Coding -------------------------------------------------------------------------------------

Coder = namedtuple("Coder",
                   "categories threat cues matcher shown sides folds literals words relevant")


def make_coder(codebook=None, gazetteer=None):
    """Everything `code_document` needs, compiled once: category regexes, cues, actor names.

    Actor names come from the gazetteer, with the codebook's parties added for the aliases the
    gazetteer does not have. `threat`: the place in `categories` of the threat category (see
    `load_codebook`), or None; when that category is not coded, its `stated` patterns are added
    last, named None.
    """
    codebook = load_codebook() if codebook is None else codebook
    gazetteer = load_gazetteer() if gazetteer is None else gazetteer
    taken = {alias for column in ("aliases", "adjectives") for aliases in gazetteer[column]
             for alias in aliases}
    parties = codebook.attrs["parties"]
    extra = [[alias for alias in aliases if alias not in taken] for aliases in parties["aliases"]]
    # Named apart from the gazetteer's own rows; shown by their affiliation, like any state.
    parties = pd.DataFrame({"actor": [f"{party} (codebook party)" for party in parties["actor"]],
                            "aliases": extra, "guarded": [[] for _ in extra],
                            "adjectives": [[] for _ in extra], "type": "state",
                            "affiliation": list(parties["actor"])})
    names = pd.concat([gazetteer[parties.columns], parties[parties["aliases"].map(bool)]],
                      ignore_index=True)
    # Persons are named as themselves; institutions, states and blocs by their affiliation.
    shown = {actor: actor if kind == "person" or not affiliation else affiliation
             for actor, kind, affiliation in
             zip(names["actor"], names["type"], names["affiliation"])}
    sides = {shown[actor]: affiliation or shown[actor]
             for actor, affiliation in zip(names["actor"], names["affiliation"])}
    def starting(regex):
        """None, or (the starts without a word, {word: the starts with it})."""
        starts = starts_of(regex.pattern, regex.flags)
        if starts is None:
            return None
        by_word = {}
        for start in starts:
            by_word.setdefault(_word_of(start), []).append(start)
        return by_word.pop(None, []), by_word

    def entries(compiled):
        found = []
        for kind, regex, required in compiled:
            starts = starting(regex)
            # A match begins with one of its starts, so the sentence holds one of their words.
            if starts and not starts[0]:
                required = [*required, set(starts[1])]
            found.append((kind, regex, [tuple(sorted(anchors)) for anchors in required],
                          starts))
        return found

    categories = [(category, entries(compiled))
                  for category, compiled in zip(codebook["id"], codebook["compiled"])]
    threat_order = None
    if codebook.attrs.get("threat") is not None:
        threat_id, threat_patterns = codebook.attrs["threat"]
        ids = list(codebook["id"])
        if threat_id in ids:
            threat_order = ids.index(threat_id)
        else:
            # Not coded, but its threats still object: its patterns are looked for under no
            # category's name.
            categories.append((None, entries(threat_patterns)))
            threat_order = len(categories) - 1
    cues = {}
    for kind, regex in codebook.attrs["cues"].items():
        # Every cue of a kind holds one of these literals, however short or common: a sentence
        # with none of them needs no cue search of that kind.
        required = most_specific(literal_sets(regex.pattern, regex.flags, letters_only=True))
        cues[kind] = (regex, starting(regex), required and tuple(sorted(required)))
    # What sentences are looked up for: the literals above, and the starts' words.
    patterns = [entry for _, entries in categories for entry in entries]
    starts = [starts for _, _, _, starts in patterns if starts] + [
        starts for _, starts, _ in cues.values() if starts]
    literals = sorted({literal for _, _, required, _ in patterns for anchors in required
                       for literal in anchors} |
                      {literal for _, _, required in cues.values() for literal in required or ()} |
                      {word for _, by_word in starts for word in by_word})
    strings = [start for always, by_word in starts
               for start in always + [start for group in by_word.values() for start in group]]
    # Letters that IGNORECASE matches to a literal's letter but that lower() leaves apart
    # ("ſ" for "s", "ı" for "i"): a text with one is coded without the literals' help.
    folds = case_folds(literals + strings)
    return Coder(categories, threat_order, cues, compile_gazetteer(names), shown, sides, folds,
                 tuple(literals), {}, set())


def _word_of(start):
    """The longest run of letters in a string, if it has MIN_START letters, else None."""
    word = max(re.findall(r"[^\W\d_]+", start), key=len, default="")
    return word if len(word) >= MIN_START else None


def _positions(lowered, starts, start, end, held):
    """Where in lowered[start:end] one of `starts` begins (and fits), in order.

    `starts` are (strings, {word: strings holding it}): only the strings of the words among
    the sentence's `held` literals may be in it.
    """
    always, by_word = starts
    found = []
    for strings in [always, *map(by_word.get, by_word.keys() & held)]:
        for string in strings:
            at = lowered.find(string, start, end)
            while at >= 0:
                found.append(at)
                at = lowered.find(string, at + 1, end)
    found.sort()
    return found


def _first_match(regex, starts, text, lowered, start, end, held):
    """regex.search(text, start, end), tried only where one of `starts` begins in `lowered`.

    `starts` (see `make_coder`) or `lowered` (the text in lower case, None if it can't stand
    for the text) None: a plain search. A match can begin nowhere else, and a match tried at a
    place is the one a search tries there. `held`: the literals the sentence holds.
    """
    if starts is None or lowered is None:
        return regex.search(text, start, end)
    for at in _positions(lowered, starts, start, end, held):
        match = regex.match(text, at, end)
        if match:
            return match
    return None


def _all_spans(regex, starts, text, lowered, held):
    """[match.span() for match in regex.finditer(text)], tried as `_first_match` does: each
    match is the first one from the end of the previous (matches here are never empty)."""
    if starts is None or lowered is None:
        return [match.span() for match in regex.finditer(text)]
    spans, after = [], 0
    for at in _positions(lowered, starts, 0, len(text), held):
        if at >= after:
            match = regex.match(text, at)
            if match:
                spans.append(match.span())
                after = match.end()
    return spans


def _members(bits):
    """The indices of the set bits of an int, in increasing order."""
    digits = bin(bits)[:1:-1]   # lowest bit first
    at = digits.find("1")
    while at >= 0:
        yield at
        at = digits.find("1", at + 1)


def _coded(kinds, cues):
    """(match span, cue span or None) that codes the sentence, or None.

    `kinds` maps a pattern kind to its first match, `cues` a cue kind to all its spans. The cue
    is the one nearest before the topic, else the first after it.
    """
    if "stated" in kinds:
        return kinds["stated"], None
    for kind, allowed in NEEDED_CUES:
        spans = sorted(span for cue in allowed for span in cues[cue])
        if kind in kinds and spans:
            start = kinds[kind][0]
            before = [span for span in spans if span[0] < start]
            return kinds[kind], before[-1] if before else spans[0]
    return None


# Quotation marks a reporter sets around some words of a phrase ("would “not go unanswered”",
# "‘legitimate targets’"): patterns and cues are matched as if they were not there. Not an
# apostrophe after a letter ("Russia’s", "countries’ troops"), which may close nothing.
QUOTE_MARKS = re.compile(r"[\"“”«»‘]|(?<!\w)['’]")


class _Unquoted:
    """A text without its QUOTE_MARKS, and the way back to places in the text."""

    def __init__(self, text):
        cuts = [match.start() for match in QUOTE_MARKS.finditer(text)]
        self.text = QUOTE_MARKS.sub("", text) if cuts else text
        self.cuts = cuts                                        # in the text
        self.gaps = [at - k for k, at in enumerate(cuts)]       # in the text without them

    def span(self, start, end):
        """The span in the unquoted text of text[start:end]."""
        return start - bisect_left(self.cuts, start), end - bisect_left(self.cuts, end)

    def restored(self, start, end):
        """The span in the text of unquoted[start:end] (end > start)."""
        return start + bisect_right(self.gaps, start), end + bisect_right(self.gaps, end - 1)


class _Sentences:
    """The sentences of one document: the text without quotation marks (`_Unquoted`), where
    patterns and cues are matched, in lower case (None if it can't stand for it, see
    `_lowered`), the literals each sentence holds (`_held_literals`), and mentions and cues
    computed on demand and cached. Spans found are given in the text."""

    def __init__(self, text, spans, coder):
        self.text, self.spans, self.coder = text, spans, coder
        self.unquoted = _Unquoted(text)
        self.unquoted_spans = [(paragraph, *self.unquoted.span(start, end))
                               for paragraph, start, end in spans]
        self.lowered = _lowered(self.unquoted.text, coder)
        self.held, self.found = (None, None) if self.lowered is None else \
            _held_literals(self.lowered, self.unquoted_spans, coder)
        self._mentions, self._cues = {}, {}

    def rows(self, hits):
        """The tuples of `code_document` for the pattern matches `hits` ({(sentence index,
        category order, category): {kind: first match's span in the text}})."""
        rows = []
        threats = {i: kinds["stated"] for (i, order, _), kinds in hits.items()
                   if order == self.coder.threat and "stated" in kinds}
        for (i, _, category), kinds in sorted(hits.items()):
            if category is None:    # threats of a category not coded
                continue
            offset = self.spans[i][1]
            kinds = {kind: (start - offset, end - offset) for kind, (start, end) in kinds.items()}
            cues = self.cues(i)
            if i in threats:
                start, end = threats[i]
                cues = {**cues, "objection": sorted([*cues["objection"],
                                                     (start - offset, end - offset)])}
            coded = _coded(kinds, cues)
            if coded is None:
                continue
            (match_start, match_end), cue = coded
            ref = cue[0] if cue else match_start
            actor = self.actor(i, ref, cue)
            first_cue = min((span for spans in cues.values() for span in spans),
                            default=(match_start, match_start))
            rows.append((i, category, match_start, match_end, *(cue or (-1, -1)), actor,
                         self.target(i, min(first_cue[1], match_start), actor)))
        return rows

    def sentence(self, i):
        _, start, end = self.spans[i]
        return self.text[start:end]

    def cues(self, i):
        """Every cue span of the sentence, by kind (offsets in the sentence)."""
        if i not in self._cues:
            _, start, end = self.unquoted_spans[i]
            sentence = self.unquoted.text[start:end]
            if self.lowered is None:
                lowered = held = None
            else:
                lowered, held = self.lowered[start:end], self.held[i]
            offset = self.spans[i][1]

            def in_sentence(cue_start, cue_end):
                text_start, text_end = self.unquoted.restored(start + cue_start, start + cue_end)
                return text_start - offset, text_end - offset

            # A sentence without one of a kind's literals holds no cue of the kind.
            self._cues[i] = {
                kind: [in_sentence(*span)
                       for span in _all_spans(regex, starts, sentence, lowered, held)]
                if not (required and held is not None and held.isdisjoint(required))
                else [] for kind, (regex, starts, required) in self.coder.cues.items()}
        return self._cues[i]

    def mentions(self, i, adjectives=False):
        """(start, end, actor as shown, is a person) of the actors the sentence names.

        A state's adjective ("Russian troops") names no speaker or addressee, except as the
        holder of a demand ("Western demands"), hence `adjectives`.
        """
        if i not in self._mentions:
            types, shown = self.coder.matcher.types, self.coder.shown
            found = document_mentions([(i, self.sentence(i))], self.coder.matcher)
            self._mentions[i] = (
                [(start, end, shown[actor], types[actor] == "person")
                 for _, actor, _, start, end, form in found if form != "adjective"],
                [(start, end, shown[actor], types[actor] == "person")
                 for _, actor, _, start, end, _ in found])
        return self._mentions[i][adjectives]

    def _named(self, i, start=0, end=None):
        """The first person named in sentence[start:end], else the first actor, else ''.

        Not one named as the subject of a modal ("that Ukraine must ..."), who is asked, or
        after "with" ("a call with Scholz"), who is spoken to.
        """
        sentence, first = self.sentence(i), None
        for mention_start, mention_end, name, person in self.mentions(i):
            if mention_start >= start and (end is None or mention_start < end) and \
                    not _ADDRESSEE_AFTER.match(sentence, mention_end) and \
                    not _ADDRESSEE_BEFORE.search(sentence, max(0, mention_start - 6),
                                                 mention_start):
                if person:
                    return name
                if first is None:
                    first = name
        return first or ""

    def own_actor(self, i, ref, cue):
        """The actor the sentence itself names, `ref` being where the demand is stated.

        In order: the speaker after the quotation's closing mark; "rejected by X"; the holder of
        a noun cue ("Western demands", "the Kremlin's conditions"); the subject or reporting
        actor before `ref` (a person rather than the state the title names); the speaker of a
        reporting clause that ends the sentence ("..., Zelensky said.").
        """
        sentence = self.sentence(i)
        closing = _CLOSING_QUOTE.search(sentence, ref)
        if closing:
            speaker = self._speaker(i, closing)
            if speaker:
                return speaker
        if cue:
            by = _BY_ACTOR.match(sentence, cue[1])
            if by:
                speaker = self._named(i, by.start(), by.end())
                if speaker:
                    return speaker
            if _NOUN_CUE.search(sentence, cue[0], cue[1]):
                for start, end, name, _ in self.mentions(i, adjectives=True):
                    if _POSSESSIVE_GAP.fullmatch(sentence, end, cue[0]):
                        return name
        named = self._named(i, 0, ref)
        if named:
            return named
        clause = _TRAILING_CLAUSE.search(sentence, ref)
        return self._named(i, clause.start(), clause.end()) if clause else ""

    def _speaker(self, i, closing):
        """Who is named after a quotation's closing mark, before any next quotation opens."""
        opening = _OPENING_QUOTE.search(self.sentence(i), closing.end())
        return self._named(i, closing.end(), opening.start() if opening else None)

    def _in_quotation(self, i):
        paragraph, start, _ = self.spans[i]
        first = i
        while first > 0 and self.spans[first - 1][0] == paragraph:
            first -= 1
        before = self.text[self.spans[first][1]:start]
        opened = before.count("“") - before.count("”") + before.count('"') % 2
        return opened > 0 or self.sentence(i)[:1] in _OPENING_QUOTES

    def actor(self, i, ref, cue):
        """Who demands: named in the sentence, else where its quotation closes, else the actor
        of the nearest earlier sentence of the paragraph that names one ("He argued ...")."""
        actor = self.own_actor(i, ref, cue)
        if actor:
            return actor
        if self._in_quotation(i):
            j = i + 1
            while self._same_paragraph(i, j):
                closing = _CLOSING_QUOTE.search(self.sentence(j))
                if closing:
                    actor = self._speaker(j, closing)
                    if actor:
                        return actor
                    break
                j += 1
        # Earlier sentences, read outside quotation marks: a name inside a quotation is
        # someone spoken to or about ("What's the big deal, Sir Starmer?").
        j = i - 1
        while self._same_paragraph(i, j):
            closing = _CLOSING_QUOTE.search(self.sentence(j))
            actor = self._speaker(j, closing) if closing else ""
            if not actor and not self._in_quotation(j):
                opening = _OPENING_QUOTE.search(self.sentence(j))
                actor = self._named(j, 0, opening.start() if opening else None)
            if actor:
                return actor
            j -= 1
        return ""

    def _same_paragraph(self, i, j):
        return 0 <= j < len(self.spans) and self.spans[j][0] == self.spans[i][0]

    def target(self, i, ref, actor):
        """Of whom: the first party named after `ref` that is not the actor's own side."""
        own_side = self.coder.sides.get(actor, actor)
        for start, _, name, _ in self.mentions(i):
            side = self.coder.sides.get(name, name)
            if start >= ref and name != actor and side != own_side:
                return side
        return ""


def _lowered(text, coder):
    """The text in lower case, or None where a place in it can't stand for the same place in
    the text when patterns are read case-insensitively."""
    lowered = text.lower()
    if len(lowered) != len(text):   # a letter whose lower case is longer shifts the offsets
        return None
    if any(letter in lowered for letter in coder.folds):
        return None
    return lowered


def _held_literals(lowered, spans, coder):
    """(the literals each sentence holds, as sets; for each literal held, the sentences that
    hold it, as a bit set: bit i for sentence i).

    A literal lies inside a word between spaces: `coder.words` (word -> the literals it holds)
    learns every new word once, and only the words that hold one (`coder.relevant`) are read
    further, so a sentence costs a split and a set intersection.
    """
    words, relevant, literals = coder.words, coder.relevant, coder.literals
    if len(words) > _MAX_WORDS:
        words.clear()
        relevant.clear()
    tokens = [lowered[start:end].split() for _, start, end in spans]
    for word in set(filterfalse(words.__contains__, chain.from_iterable(tokens))):
        inside = words[word] = tuple(literal for literal in literals if literal in word)
        if inside:
            relevant.add(word)
    held, found = [], {}
    for i, sentence in enumerate(map(relevant.intersection, tokens)):
        inside = set()
        for word in sentence:
            inside.update(words[word])
        held.append(inside)
        for literal in inside:
            found[literal] = found.get(literal, 0) | 1 << i
    return held, found


def code_document(text, spans, coder):
    """The coded sentences of one document, as tuples.

    `spans` are (paragraph, start, end) of each sentence in `text`, in order. Returns
    (sentence index, category, match start, match end, cue start, cue end, actor, target), with
    offsets inside the sentence (cue offsets -1 for a `stated` pattern), sorted by sentence and
    then codebook order.
    """
    return _code_batch([(text, spans)], coder)[0]


def _code_documents(documents, coder):
    """`code_document` of each (text, spans), in batches of about _BATCH sentences."""
    coded, batch, size = [], [], 0
    for document in documents:
        batch.append(document)
        size += len(document[1])
        if size >= _BATCH:
            coded += _code_batch(batch, coder)
            batch, size = [], 0
    return coded + _code_batch(batch, coder)


def _code_batch(documents, coder):
    """`code_document` of each (text, spans): each pattern is tried on the sentences of all
    the documents that hold its literals (bit sets over them all)."""
    documents = [_Sentences(text, spans, coder) for text, spans in documents]
    owner, found, plain = [], {}, 0     # owner: (document, sentence index) of each sentence
    for number, document in enumerate(documents):
        first = len(owner)
        owner.extend((number, i) for i in range(len(document.spans)))
        if document.found is None:      # tried everywhere
            plain |= ((1 << len(document.spans)) - 1) << first
            continue
        for literal, bits in document.found.items():
            found[literal] = found.get(literal, 0) | bits << first
    everything = (1 << len(owner)) - 1
    holding = {}    # the sentences that hold one of some literals, by those literals

    def hold(literals):
        if literals not in holding:
            bits = plain
            for literal in literals:
                bits |= found.get(literal, 0)
            holding[literals] = bits
        return holding[literals]

    # A topic that needs a cue is looked for only where one may be: a match elsewhere codes
    # nothing (see `_coded`).
    cue_literals = {kind: required for kind, (_, _, required) in coder.cues.items()}
    cued = {kind: hold(tuple(sorted({literal for cue in allowed for literal in cue_literals[cue]})))
            for kind, allowed in NEEDED_CUES if all(cue_literals[cue] for cue in allowed)}
    hits = [{} for _ in documents]
    # The threats first: a sentence holding one may be coded with any topic that needs a cue.
    for order in sorted(range(len(coder.categories)), key=lambda order: order != coder.threat):
        category, compiled = coder.categories[order]
        # Only a kind's first match counts, and a `stated` one codes the sentence whatever
        # else matches (see `_coded`): such sentences need no further search of the kind.
        matched = {}
        for kind, regex, required, starts in compiled:
            candidates = cued.get(kind, everything) & ~(matched.get(kind, 0) |
                                                        matched.get("stated", 0))
            for literals in required:
                candidates &= hold(literals)
            for g in _members(candidates):
                number, i = owner[g]
                document = documents[number]
                _, start, end = document.unquoted_spans[i]
                match = _first_match(regex, starts, document.unquoted.text, document.lowered,
                                     start, end,
                                     None if document.held is None else document.held[i])
                if match:
                    hits[number].setdefault((i, order, category), {})[kind] = \
                        document.unquoted.restored(*match.span())
                    matched[kind] = matched.get(kind, 0) | 1 << g
        if order == coder.threat:
            cued = {kind: bits | matched.get("stated", 0) for kind, bits in cued.items()}
    return [document.rows(found) for document, found in zip(documents, hits)]


def code_sentences(sentence_table, codebook=None, gazetteer=None, coder=None, progress=None):
    """One row per coded sentence and category (EVIDENCE_COLUMNS), in document order.

    `sentence_table` is `analysis.sentences(docs)`. Each document's sentences are joined into
    one text (a line each), coded with `code_document`, and mapped back to their sentence_id.
    `coder`: a `make_coder` result to reuse across calls (building one takes about 50 ms);
    `codebook` and `gazetteer` are then not used. `progress`: show a progress bar (None: as
    `analysis.set_progress` says).
    """
    coder = make_coder(codebook, gazetteer) if coder is None else coder
    table = sentence_table.sort_values(["doc_id", "sentence_id"], kind="stable")
    rows, documents, firsts = [], [], []
    doc_ids, numbers = table["doc_id"].tolist(), table["sentence_id"].tolist()
    paragraphs, texts = table["paragraph_id"].tolist(), table["sentence"].tolist()
    first = 0
    while first < len(doc_ids):
        last = first
        while last < len(doc_ids) and doc_ids[last] == doc_ids[first]:
            last += 1
        spans, offset = [], 0
        for k in range(first, last):
            spans.append((paragraphs[k], offset, offset + len(texts[k])))
            offset += len(texts[k]) + 1
        firsts.append(first)
        documents.append(("\n".join(texts[first:last]), spans))
        first = last
    coded_documents = _code_documents(with_progress(documents, "coding demands", len(documents),
                                                    show=progress), coder)
    for first, coded in zip(firsts, coded_documents):
        for i, category, start, end, cue_start, cue_end, actor, target in coded:
            sentence = texts[first + i]
            rows.append((doc_ids[first], numbers[first + i], category, sentence,
                         sentence[start:end], sentence[cue_start:cue_end] if cue_start >= 0 else "",
                         actor, target, start, end))
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


# --- Tables -------------------------------------------------------------------------------------

def category_counts(evidence, docs=None, categories=None):
    """Coded sentences per document and category: columns doc_id, category, sentences.
    `evidence`: code_sentences' rows, or their counts (the pipeline's evidence_counts).

    With `docs` and `categories`, every pair appears, zeros included, so an absent category
    is visibly absent rather than missing.
    """
    counts = counted(evidence, ["doc_id", "category"], "sentences") \
        .set_index(["doc_id", "category"])["sentences"]
    if docs is not None and categories is not None:
        index = pd.MultiIndex.from_product([sorted(docs["doc_id"]), list(categories)],
                                           names=["doc_id", "category"])
        counts = counts.reindex(index, fill_value=0)
    return counts.reset_index()


def category_totals(counts, codebook):
    """Each category of `codebook` over the whole corpus, from category_counts' table: category,
    label, sentences (coded), articles (with at least one), most coded first; a category
    never coded is kept, with zeros."""
    coded = counts[counts["sentences"] > 0]
    totals = coded.groupby("category").agg(sentences=("sentences", "sum"),
                                           articles=("doc_id", "nunique"))
    totals = totals.reindex(codebook["id"], fill_value=0).rename_axis("category").reset_index()
    totals["label"] = codebook["label"].to_numpy()
    return totals.sort_values(["sentences", "category"], ascending=[False, True],
                              kind="stable").reset_index(drop=True)[
        ["category", "label", "sentences", "articles"]]


def demand_evidence(evidence):
    """The evidence table of the contract: doc_id, category, sentence, actor, target, then
    sentence_id, the matched phrase and cue, and the phrase's offsets in the sentence."""
    return evidence[["doc_id", "category", "sentence", "actor", "target", "sentence_id",
                     "matched", "cue", "match_start", "match_end"]].reset_index(drop=True)


def category_timeline(evidence, docs, categories, period="article"):
    """Coded sentences over the articles' dates, by category.

    period "article" (see analysis.periods): one row per dated article and category, columns
    doc_id, date, category, sentences. "month", "quarter" or "year": one row per period and
    category, columns date (the period's first day), label ("2022-03", "2022Q1", "2022"),
    category, sentences, articles (those with a sentence of the category). Only rows with at
    least one sentence; articles without a date are left out (the notebook says how many).
    """
    counts = category_counts(evidence, docs, categories)
    dated = docs.loc[docs["date"].notna(), ["doc_id", "date"]]
    table = counts[counts["sentences"] > 0].merge(dated, on="doc_id")
    order = {category: n for n, category in enumerate(categories)}
    table = table.assign(_order=table["category"].map(order))
    if period == "article":
        table = table.sort_values(["date", "doc_id", "_order"], kind="stable")
        return table[["doc_id", "date", "category", "sentences"]].reset_index(drop=True)
    table["date"], table["label"] = period_labels(table["date"], period)
    return table.groupby(["date", "label", "_order", "category"]) \
        .agg(sentences=("sentences", "sum"), articles=("doc_id", "size")) \
        .reset_index().drop(columns="_order")


def actor_category_counts(evidence, top=None, unknown="(not stated)"):
    """Who demands what: actor, category, sentences. Actors ranked by their coded sentences
    (ties by name); `top` keeps the first so many, and a missing actor is shown as `unknown`.
    `evidence`: code_sentences' rows, or their counts (the pipeline's evidence_counts)."""
    actors = evidence["actor"].replace("", unknown)
    counts = counted(evidence.assign(actor=actors), ["actor", "category"], "sentences")
    totals = counts.groupby("actor")["sentences"].sum()
    ranked = sorted(totals.index, key=lambda actor: (-totals[actor], actor))[:top]
    counts = counts[counts["actor"].isin(ranked)]
    rank = {actor: n for n, actor in enumerate(ranked)}
    return counts.assign(_rank=counts["actor"].map(rank)) \
        .sort_values(["_rank", "category"], kind="stable") \
        .drop(columns="_rank").reset_index(drop=True)


def highlight(sentence, start, end):
    """HTML of a sentence with sentence[start:end] in <mark>; the text is escaped (untrusted)."""
    return (html.escape(sentence[:start]) + "<mark>" + html.escape(sentence[start:end])
            + "</mark>" + html.escape(sentence[end:]))


def evidence_html(evidence, category, max_rows=None):
    """An HTML table of one category's evidence, the matched phrase highlighted, all escaped.

    With `max_rows`, only the first so many sentences, and a last line saying how many more
    there are (a report of a large corpus stays readable; the evidence CSV holds them all).
    """
    rows = evidence[evidence["category"] == category]
    hidden = len(rows) - max_rows if max_rows is not None and len(rows) > max_rows else 0
    rows = rows.head(len(rows) - hidden)
    cells = ["<tr><th>doc_id</th><th>sentence_id</th><th>sentence</th><th>actor</th>"
             "<th>target</th><th>cue</th></tr>"]
    for row in rows.itertuples(index=False):
        cells.append("<tr>" + "".join(
            f"<td>{value}</td>" for value in (
                html.escape(row.doc_id), row.sentence_id,
                highlight(row.sentence, row.match_start, row.match_end),
                html.escape(row.actor), html.escape(row.target), html.escape(row.cue)))
            + "</tr>")
    if hidden:
        cells.append(f'<tr><td colspan="6">… and {hidden:,} more sentences of this category '
                     "in the evidence table (CSV)</td></tr>")
    return "<table>" + "".join(cells) + "</table>"
