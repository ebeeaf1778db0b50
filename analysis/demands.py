"""What is demanded, by whom, of whom: sentences coded with the demand codebook.

The rule (the codebook file explains it for editors): a sentence gets a category when it names
the category's topic AND says that someone wants it or objects to it. Each category has three
kinds of patterns: `demanded` topics need a demand or an objection cue in the sentence
("insist on the recognition of ..."), `opposed` topics need an objection cue ("against the
deployment of Western troops"; "Kyiv demands weapons supplies" is not a demand to halt them),
`stated` phrases are a demand or threat by themselves ("legitimate targets"). A topic with no cue
("the US announced a security assistance package") is a mention, not a demand.

Who demands (`actor`), in this order: the speaker named after the closing quotation mark; the
party whose demand it is ("Western demands", "the Kremlin's conditions"); the first actor named
before the first cue (the subject or reporting actor: "Grushko insisted that ..."); otherwise,
for a sentence inside a quotation, the speaker named where the quotation closes in the same
paragraph, or else the actor of the previous sentence of the paragraph ("He argued ...").
Persons are named; institutions by the state or bloc they belong to ("Kremlin" -> Russia).
Of whom (`target`): the first party named after the first cue that is not the actor's own side.
Both are left empty where the text does not say.

Speed: every match of a pattern holds some literals (one of "troops" or "forces", and
"ukraine"), and every cue of a kind one of its kind's literals. `code_document` finds the
sentences that hold each literal in one pass over the document's words, tries a pattern only on
the sentences that hold all of its literals (and, for a topic that needs a cue, a cue's
literal), and looks for cues and actors only in the sentences a topic matched.
"""
import html
import re
from re import _casefix, _constants, _parser
from collections import namedtuple

import pandas as pd
import yaml

from .actors import compile_gazetteer, document_mentions, load_gazetteer
from .datafiles import data_path
from .errors import InputError
from .terms import load_stopwords

CODEBOOK_FILE = data_path("demand_codebook.yaml")
CATEGORY_FIELDS = ["id", "label", "definition", "patterns"]
PATTERN_KINDS = ("stated", "opposed", "demanded")   # the order in which a sentence is coded
CUE_KINDS = ("demand", "objection")
# The cues a pattern kind needs to code a sentence, in the order `_coded` tries the kinds.
NEEDED_CUES = (("opposed", ("objection",)), ("demanded", CUE_KINDS))
# ` ... ` in a pattern: a gap of up to 50 characters that stays inside the sentence.
GAP = r"\W(?:[^.!?\n]{0,50}?\W)?"
# A sentence is tried with a category's patterns only when it holds one of the category's
# anchors (literals every match contains, read from the patterns); shorter literals than this
# are too common to narrow anything down, and a pattern without one is tried on every sentence.
MIN_ANCHOR = 4
# The words a coder remembers before it starts afresh: the memory of a long run stays bounded.
_MAX_WORDS = 200_000
_STOPWORDS = frozenset(load_stopwords())
_LITERAL, _SUBPATTERN, _BRANCH = _constants.LITERAL, _constants.SUBPATTERN, _constants.BRANCH
_MAX_REPEAT, _MIN_REPEAT = _constants.MAX_REPEAT, _constants.MIN_REPEAT
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


def _anchors(parsed, shortest=MIN_ANCHOR, common=_STOPWORDS):
    """Sets of lower-case literals such that every match of a parsed pattern holds one literal
    of each set: [] if none is usable.

    Read from the pattern's structure: a run of letters that every match must contain, or one
    per branch of a required alternation (the branch's most specific set). A literal shorter
    than `shortest` or in `common` narrows nothing down. Each set is necessary on its own, so a
    sentence must hold a literal of every one of them.
    """
    found, run = [], []

    def flush():
        literal = "".join(run).lower()
        # "İ" lower-cases to two characters and matches "i": no literal to look for.
        if run and len(literal) == len(run):
            found.append({literal})
        run.clear()

    for op, av in parsed:
        if op is _LITERAL and chr(av).isalpha():
            run.append(chr(av))
            continue
        flush()
        if op is _SUBPATTERN:
            found.extend(_anchors(av[-1], shortest, common))
        elif op is _BRANCH:
            branches = [_most_specific(_anchors(branch, shortest, common)) for branch in av[1]]
            if all(branches):
                found.append(set().union(*branches))
        elif op in (_MAX_REPEAT, _MIN_REPEAT) and av[0] >= 1:
            found.extend(_anchors(av[2], shortest, common))
    flush()
    return [anchors for anchors in found if anchors and all(
        len(anchor) >= shortest and anchor not in common for anchor in anchors)]


def _most_specific(usable):
    """Of sets of anchors, the one with the fewest literals, then the longest shortest one."""
    return max(usable, key=lambda anchors: (-len(anchors), min(map(len, anchors)),
                                            sorted(anchors)), default=None)


def _compile_patterns(category_id, patterns, path):
    """[(kind, compiled pattern, [set of anchors, ...])] of one category, in the codebook's
    order."""
    compiled = []
    for kind, items in patterns.items():
        for pattern in items:
            body = _expand(pattern)
            regex = _compile(f"(?<!\\w)(?:{body})(?!\\w)", path,
                             f"patterns.{kind} of '{category_id}'", repr(pattern))
            compiled.append((kind, regex, _anchors(_parser.parse(body, re.IGNORECASE))))
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

    `attrs` holds the compiled cues ("cues": {kind: regex}) and the parties table. Problems name
    the file and field: a missing field, a duplicate id, a pattern that does not compile.
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
    codebook.attrs.update(cues=cues, parties=_parties(data, path), path=str(path))
    return codebook


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

Coder = namedtuple("Coder", "categories cues matcher shown sides anchors folds lookups runs words")


def make_coder(codebook=None, gazetteer=None):
    """Everything `code_document` needs, compiled once: category regexes, cues, actor names.

    Actor names come from the gazetteer, with the codebook's parties added for the aliases the
    gazetteer does not have.
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
    categories = list(zip(codebook["id"], codebook["compiled"]))
    # An anchor that contains another ("weapons", "weapon") finds nothing the shorter misses.
    every = {anchor for _, compiled in categories for _, _, required in compiled
             for anchors in required for anchor in anchors}
    kept = sorted(a for a in every if not any(b != a and b in a for b in every))
    covering = {anchor: sorted(b for b in kept if b in anchor) for anchor in every}
    categories = [(category, [(kind, regex, [sorted({b for a in anchors for b in covering[a]})
                                             for anchors in required])
                              for kind, regex, required in compiled])
                  for category, compiled in categories]
    # Every cue of a kind holds one of these literals, however short or common: a sentence
    # with none of them needs no cue search of that kind.
    cues = codebook.attrs["cues"]
    cue_literals = {("cue", kind): _most_specific(_anchors(
        _parser.parse(regex.pattern, regex.flags), 1, ())) for kind, regex in cues.items()}
    lookups = [(anchor, (anchor,)) for anchor in kept] + [
        (key, tuple(sorted(literals))) for key, literals in cue_literals.items() if literals]
    # Letters that IGNORECASE matches to a literal's letter but that lower() leaves apart
    # ("ſ" for "s", "ı" for "i"): a text with one is coded without the literals' help.
    folds = "".join(sorted({chr(other) for _, literals in lookups for literal in literals
                            for letter in literal
                            for other in _casefix._EXTRA_CASES.get(ord(letter), ())}))
    # A literal lies inside a run of the letters that literals are made of.
    letters = "".join(sorted({letter for _, literals in lookups for literal in literals
                              for letter in literal}))
    return Coder(categories, cues, compile_gazetteer(names), shown, sides, kept,
                 re.compile(f"[{re.escape(folds)}]") if folds else None, lookups,
                 re.compile(f"[{re.escape(letters)}]+") if letters else None, {})


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


class _Sentences:
    """The sentences of one document, with mentions and cues computed on demand and cached."""

    def __init__(self, text, spans, coder, found):
        self.text, self.spans, self.coder, self.found = text, spans, coder, found
        self._mentions, self._cues = {}, {}

    def sentence(self, i):
        _, start, end = self.spans[i]
        return self.text[start:end]

    def cues(self, i):
        """Every cue span of the sentence, by kind."""
        if i not in self._cues:
            sentence = self.sentence(i)
            self._cues[i] = {kind: [m.span() for m in regex.finditer(sentence)]
                             if self._may_hold(kind, i) else []
                             for kind, regex in self.coder.cues.items()}
        return self._cues[i]

    def _may_hold(self, kind, i):
        """False when the sentence holds none of the literals every cue of the kind holds."""
        holding = None if self.found is None else self.found.get(("cue", kind))
        return holding is None or i in holding

    def mentions(self, i, adjectives=False):
        """(start, end, actor as shown, is a person) of the actors the sentence names.

        A state's adjective ("Russian troops") names no speaker or addressee, except as the
        holder of a demand ("Western demands"), hence `adjectives`.
        """
        if i not in self._mentions:
            types = self.coder.matcher.types
            self._mentions[i] = [
                (start, end, self.coder.shown[actor], types[actor] == "person", form)
                for _, actor, _, start, end, form in
                document_mentions([(i, self.sentence(i))], self.coder.matcher)]
        return [mention[:4] for mention in self._mentions[i]
                if adjectives or mention[4] != "adjective"]

    def _named(self, i, start=0, end=None):
        """The first person named in sentence[start:end], else the first actor, else ''.

        Not one named as the subject of a modal ("that Ukraine must ..."), who is asked, or
        after "with" ("a call with Scholz"), who is spoken to.
        """
        sentence = self.sentence(i)
        inside = [m for m in self.mentions(i)
                  if m[0] >= start and (end is None or m[0] < end)
                  and not _ADDRESSEE_AFTER.match(sentence, m[1])
                  and not _ADDRESSEE_BEFORE.search(sentence, max(0, m[0] - 6), m[0])]
        people = [m for m in inside if m[3]]
        return (people or inside or [(0, 0, "")])[0][2]

    def own_actor(self, i, ref, cue):
        """The actor the sentence itself names, `ref` being where the demand is stated.

        In order: the speaker after the quotation's closing mark; "rejected by X"; the holder of
        a noun cue ("Western demands", "the Kremlin's conditions"); the subject or reporting
        actor before `ref` (a person rather than the state the title names).
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
        return self._named(i, 0, ref)

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


def _anchor_sentences(text, spans, coder):
    """For each anchor, and each ("cue", kind) with literals, the indices of the sentences that
    hold it (one of the kind's literals); None if offsets can't map.

    A literal lies inside a run of the letters literals are made of (`coder.runs`): each
    sentence's distinct runs are looked up in `coder.words` (run -> the keys it holds), which
    learns every run once, so a document costs one regex pass and a dict look-up per run.
    """
    lowered = text.lower()
    if len(lowered) != len(text):   # a letter whose lower case is longer shifts the offsets
        return None
    if coder.folds is not None and coder.folds.search(lowered):
        return None
    words, lookups = coder.words, coder.lookups
    if len(words) > _MAX_WORDS:
        words.clear()
    found = {key: set() for key, _ in lookups}
    if not lookups:
        return found
    for i, (_, start, end) in enumerate(spans):
        for word in set(coder.runs.findall(lowered, start, end)):
            held = words.get(word)
            if held is None:
                held = words[word] = tuple(key for key, literals in lookups
                                           if any(literal in word for literal in literals))
            for key in held:
                found[key].add(i)
    return found


def code_document(text, spans, coder):
    """The coded sentences of one document, as tuples.

    `spans` are (paragraph, start, end) of each sentence in `text`, in order. Returns
    (sentence index, category, match start, match end, cue start, cue end, actor, target), with
    offsets inside the sentence (cue offsets -1 for a `stated` pattern), sorted by sentence and
    then codebook order.
    """
    found = _anchor_sentences(text, spans, coder)
    everything = range(len(spans))
    holding = {}    # the sentences that hold one of some anchors, by those anchors
    # A topic that needs a cue is looked for only where one may be: a match elsewhere codes
    # nothing (see `_coded`).
    cued = {} if found is None else {
        kind: set().union(*(found[("cue", cue)] for cue in allowed))
        for kind, allowed in NEEDED_CUES if all(("cue", cue) in found for cue in allowed)}
    hits = {}
    for order, (category, compiled) in enumerate(coder.categories):
        for kind, regex, required in compiled:
            sets = [cued[kind]] if kind in cued else []
            if found is not None:
                for anchors in required:
                    key = tuple(anchors)
                    if key not in holding:
                        holding[key] = set().union(*(found[anchor] for anchor in anchors))
                    sets.append(holding[key])
            # Any order: `hits` is sorted below.
            for i in set.intersection(*sets) if sets else everything:
                _, start, end = spans[i]
                match = regex.search(text, start, end)
                if match:
                    hits.setdefault((i, order, category), {}).setdefault(kind, match.span())
    sentences = _Sentences(text, spans, coder, found)
    rows = []
    for (i, _, category), kinds in sorted(hits.items()):
        offset = spans[i][1]
        kinds = {kind: (start - offset, end - offset) for kind, (start, end) in kinds.items()}
        coded = _coded(kinds, sentences.cues(i))
        if coded is None:
            continue
        (match_start, match_end), cue = coded
        ref = cue[0] if cue else match_start
        actor = sentences.actor(i, ref, cue)
        first_cue = min((span for spans_ in sentences.cues(i).values() for span in spans_),
                        default=(match_start, match_start))
        rows.append((i, category, match_start, match_end, *(cue or (-1, -1)), actor,
                     sentences.target(i, min(first_cue[1], match_start), actor)))
    return rows


def code_sentences(sentence_table, codebook=None, gazetteer=None, coder=None):
    """One row per coded sentence and category (EVIDENCE_COLUMNS), in document order.

    `sentence_table` is `analysis.sentences(docs)`. Each document's sentences are joined into
    one text (a line each), coded with `code_document`, and mapped back to their sentence_id.
    `coder`: a `make_coder` result to reuse across calls (building one takes about 50 ms);
    `codebook` and `gazetteer` are then not used.
    """
    coder = make_coder(codebook, gazetteer) if coder is None else coder
    table = sentence_table.sort_values(["doc_id", "sentence_id"], kind="stable")
    rows = []
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
        text = "\n".join(texts[first:last])
        for i, category, start, end, cue_start, cue_end, actor, target in \
                code_document(text, spans, coder):
            sentence = texts[first + i]
            rows.append((doc_ids[first], numbers[first + i], category, sentence,
                         sentence[start:end], sentence[cue_start:cue_end] if cue_start >= 0 else "",
                         actor, target, start, end))
        first = last
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


# --- Tables -------------------------------------------------------------------------------------

def category_counts(evidence, docs=None, categories=None):
    """Coded sentences per document and category: columns doc_id, category, sentences.

    With `docs` and `categories`, every pair appears, zeros included, so an absent category
    is visibly absent rather than missing.
    """
    counts = evidence.groupby(["doc_id", "category"]).size().rename("sentences")
    if docs is not None and categories is not None:
        index = pd.MultiIndex.from_product([sorted(docs["doc_id"]), list(categories)],
                                           names=["doc_id", "category"])
        counts = counts.reindex(index, fill_value=0)
    return counts.reset_index()


def demand_evidence(evidence):
    """The evidence table of the contract: doc_id, category, sentence, actor, target, then
    sentence_id, the matched phrase and cue, and the phrase's offsets in the sentence."""
    return evidence[["doc_id", "category", "sentence", "actor", "target", "sentence_id",
                     "matched", "cue", "match_start", "match_end"]].reset_index(drop=True)


def category_timeline(evidence, docs, categories):
    """Coded sentences per dated article and category: doc_id, date, category, sentences.

    Only pairs with at least one sentence; articles without a date are left out (the notebook
    says how many).
    """
    counts = category_counts(evidence, docs, categories)
    dated = docs.loc[docs["date"].notna(), ["doc_id", "date"]]
    table = counts[counts["sentences"] > 0].merge(dated, on="doc_id")
    order = {category: n for n, category in enumerate(categories)}
    table = table.assign(_order=table["category"].map(order))
    table = table.sort_values(["date", "doc_id", "_order"], kind="stable")
    return table[["doc_id", "date", "category", "sentences"]].reset_index(drop=True)


def actor_category_counts(evidence, top=None, unknown="(not stated)"):
    """Who demands what: actor, category, sentences. Actors ranked by their coded sentences
    (ties by name); `top` keeps the first so many, and a missing actor is shown as `unknown`."""
    actors = evidence["actor"].replace("", unknown)
    counts = evidence.assign(actor=actors).groupby(["actor", "category"]).size() \
        .rename("sentences").reset_index()
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


def evidence_html(evidence, category):
    """An HTML table of one category's evidence, the matched phrase highlighted, all escaped."""
    rows = evidence[evidence["category"] == category]
    cells = ["<tr><th>doc_id</th><th>sentence_id</th><th>sentence</th><th>actor</th>"
             "<th>target</th><th>cue</th></tr>"]
    for row in rows.itertuples(index=False):
        cells.append("<tr>" + "".join(
            f"<td>{value}</td>" for value in (
                html.escape(row.doc_id), row.sentence_id,
                highlight(row.sentence, row.match_start, row.match_end),
                html.escape(row.actor), html.escape(row.target), html.escape(row.cue)))
            + "</tr>")
    return "<table>" + "".join(cells) + "</table>"
