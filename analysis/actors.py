"""Who is spoken of: actor mentions found with the gazetteer (`analysis/data/actors.csv`).

Rules (the gazetteer's header says the same for the people who edit it):
- one regex, all aliases in one alternation, longest first: "Vladimir Putin" is one mention;
- whole words: no letter, digit or hyphen on either side, so "Putin’s" counts and
  "NATO-standard", "non-NATO", "pro-Russian" do not;
- a lower-case word of an alias also matches capitalised ("Kremlin spokesman" / "Kremlin
  Spokesman"), and ' matches ’;
- an alias marked ~ (an everyday word, place or common surname: ~Austin) counts only after the
  actor was named in the same document by an unmarked alias, or right after a title
  ("Secretary Austin"); one shared by several actors (~Johnson) goes to the one named last;
- a state's adjective ("Russian") is a mention of the state with form "adjective";
- a title and a name of the same actor side by side ("Kremlin spokesman Dmitry Peskov",
  "Russia's foreign minister, Sergei Lavrov") are one mention;
- a news agency credited in a dateline ("MOSCOW, March 3 (Reuters) -", "KYIV (AP) —",
  "MOSCOW, December 5. /TASS/.") filed the story and is not a mention.

`document_mentions` does one document's sentences (for a pipeline that maps documents);
`find_mentions` and the other functions are the DataFrame wrappers the notebooks call.
"""
import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from .datafiles import data_path, read_table
from .errors import InputError
from .progress import with_progress
from .terms import load_stopwords
from .text import CHUNK_RE, rows_by_document

GAZETTEER_FILE = data_path("actors.csv")
GAZETTEER_COLUMNS = ["actor", "aliases", "type", "affiliation", "role"]
ACTOR_TYPES = {"person", "organisation", "state", "group"}
PRONOUNS = {"he", "she"}
MENTION_COLUMNS = ["doc_id", "sentence_id", "actor", "alias", "start", "end", "form"]
GUARD = "~"

# Words that, right before a ~alias, make it name the actor ("President Duda"). Bare
# honorifics (Mr, Ms) are not enough: any Johnson is a Mr Johnson.
TITLES = ("President", "Vice President", "Prime Minister", "Chancellor", "Secretary",
          "Minister", "Senator", "Speaker", "Governor", "General", "Gen.", "Admiral", "Envoy",
          "Ambassador", "Mayor", "Chair", "Chairman", "Chairwoman", "Commissioner", "Director",
          "Commander", "Spokesman", "Spokeswoman", "Lord", "Sir", "Dame", "King", "Queen")
_TITLE_BEFORE = re.compile(r"(?:%s)\s+$" % "|".join(map(re.escape, TITLES)), re.IGNORECASE)
_TITLE_WINDOW = 30
# What may stand between a title and a name of the same actor for them to be one mention.
_SAME_MENTION_GAP = re.compile(r"[\s,]*")
_APOSTROPHE = re.compile("['’]")
# A dateline: a place in capitals that opens a sentence, perhaps a date, then the agency in
# brackets or slashes, then a dash or the story (sentences are joined by "\n", and the splitter
# may end one after the date).
_DATELINE_BEFORE = re.compile(r"^[A-Z][A-Z.’' -]*[A-Z](?:,[^()/\n]{1,40})?\s[(/]$", re.MULTILINE)
_DATELINE_AFTER = re.compile(r"[)/]\.?\s*(?:[-—–]|[A-Z])")
_DATELINE_WINDOW = 60


def _split_aliases(value):
    return [alias.strip() for alias in value.split("|") if alias.strip()]


def load_gazetteer(path=None):
    """One row per actor: actor, aliases, guarded, adjectives (lists), type, affiliation, role,
    pronoun ("he", "she" or ""); path None: the package's own gazetteer.

    `aliases` holds every alias without its ~ mark; `guarded` the ones that had it.
    Problems name the file, line and field.
    """
    path = GAZETTEER_FILE if path is None else path
    rows, seen, unguarded = [], {}, {}
    for line, row in read_table(path, required=GAZETTEER_COLUMNS):
        if row["actor"] in seen:
            raise InputError(f"actor '{row['actor']}' also on line {seen[row['actor']]}",
                             path=path, line=line, field="actor")
        if row["type"] not in ACTOR_TYPES:
            raise InputError(f"'{row['type']}' is not one of {', '.join(sorted(ACTOR_TYPES))}",
                             path=path, line=line, field="type")
        seen[row["actor"]] = line
        written = _split_aliases(row["aliases"])
        aliases = [alias.lstrip(GUARD).strip() for alias in written]
        guarded = [alias.lstrip(GUARD).strip() for alias in written if alias.startswith(GUARD)]
        if len(guarded) == len(aliases):
            raise InputError("every alias is marked ~, so the actor can never be named first; "
                             "add its full name without ~", path=path, line=line, field="aliases")
        pronoun = row.get("pronoun") or ""
        if pronoun and (pronoun not in PRONOUNS or row["type"] != "person"):
            raise InputError(f"'{pronoun}' is not a pronoun of a person: write he, she, or "
                             "leave it empty", path=path, line=line, field="pronoun")
        adjectives = _split_aliases(row.get("adjectives") or "")
        for alias in [a for a in aliases if a not in guarded] + adjectives:
            if alias in unguarded and unguarded[alias][0] != row["actor"]:
                other, other_line = unguarded[alias]
                raise InputError(f"alias '{alias}' also names '{other}' (line {other_line}); "
                                 f"mark it ~{alias} in both rows so the context decides",
                                 path=path, line=line, field="aliases")
            unguarded[alias] = (row["actor"], line)
        rows.append({"actor": row["actor"], "aliases": aliases, "guarded": guarded,
                     "adjectives": adjectives, "type": row["type"],
                     "affiliation": row["affiliation"], "role": row["role"],
                     "pronoun": pronoun})
    return pd.DataFrame(rows, columns=["actor", "aliases", "guarded", "adjectives", "type",
                                       "affiliation", "role", "pronoun"])


def _alias_regex(alias):
    """The pattern of one alias: lower-case words also capitalised, ' as ' or ’, any spacing."""
    def word_regex(word):
        escaped = _APOSTROPHE.sub("['’]", re.escape(word))
        return f"[{word[0]}{word[0].upper()}]{escaped[1:]}" if word[0].islower() else escaped
    return r"\s+".join(word_regex(word) for word in alias.split())


@dataclass(frozen=True)
class Matcher:
    """A gazetteer compiled for matching: build once (`compile_gazetteer`), use per document.

    `pattern` defines what matches; `lookup` finds the same matches faster (see `_matches`).
    """
    pattern: re.Pattern
    entries: dict         # group name -> (alias, actors, form), form: name / guarded / adjective
    types: dict           # actor -> type
    lookup: "_Lookup"
    pronouns: dict        # person -> "he" or "she", where the gazetteer gives one


# Where an alias's last word may end inside a whitespace-separated token ("Putin" in "Putin’s").
_CUT = re.compile(r"[^\w-]")
_NEXT_TOKEN = re.compile(r"\s+(\S+)")
# An alias's first character and, if that is a word character, the word characters after it.
_LEAD = re.compile(r".(?:(?<=[\w-])[\w-]*)?")
# Tokens remembered per Matcher: the distinct ones that start like an alias ("Putin’s,").
_MEMO_SIZE = 100_000


def _word_key(word):
    """A word as the lookup tables hold it: ’ read as ', first letter in lower case."""
    word = word.replace("’", "'")
    return word[:1].lower() + word[1:]


@dataclass(frozen=True)
class _Lookup:
    """The pattern's matches by dictionary: the pattern tries, at each word start, the aliases
    of its first letter one by one; here a token's possible alias texts are looked up whole.
    A key is too loose (case of first letters), so each hit is confirmed with its alias's own
    regex, and of the confirmed the one earliest in the pattern's alternation wins, as there.
    Most word starts are dismissed by their lead (first letter and the word characters after
    it), which an alias's text shares with the alias up to a first letter made upper case."""
    starts: re.Pattern    # the lead at every place the pattern may start at (see _lower_lead);
                          # group 1: the rest of its token
    leads: frozenset      # the leads of the aliases, first letter also upper case
    singles: dict         # key of a one-word alias -> [(rank, group name, regex)], by rank
    multis: dict          # key of a longer alias -> the same
    prefixes: frozenset   # keys of the first words (1..n-1) of longer aliases
    memo: dict            # token -> what _match_at found at its start, where the token decides

    def __reduce__(self):
        # A copy (as sent to a worker process) starts with an empty memo.
        return _Lookup, (self.starts, self.leads, self.singles, self.multis, self.prefixes, {})


def compile_gazetteer(gazetteer=None):
    """The Matcher of a gazetteer DataFrame (default: the package's own)."""
    gazetteer = load_gazetteer() if gazetteer is None else gazetteer
    table = {}
    for row in gazetteer.itertuples(index=False):
        guarded = set(row.guarded)
        for alias in row.aliases:
            form = "guarded" if alias in guarded else "name"
            table.setdefault((alias, form), []).append(row.actor)
        for adjective in row.adjectives:
            table.setdefault((adjective, "adjective"), []).append(row.actor)
    # Longest first, so that a full name wins over the surname inside it; Python's regex takes
    # the first alternative that matches, not the longest.
    keys = sorted(table, key=lambda key: (-len(key[0]), key))
    # The pattern starts with a character class of the aliases' first letters, which the regex
    # engine scans for in C; the alternatives are then grouped by that letter, so a word start
    # tries only the aliases that begin with it (together about 80x faster than one flat
    # alternation). Each group holds the rest of an alias; its name says which alias matched.
    branches = {}
    for number, (alias, _) in enumerate(keys):
        first = alias[0] + alias[0].upper() if alias[0].islower() else alias[0]
        rest = _alias_regex(alias)[len(_alias_regex(alias[0])):]
        branches.setdefault(first, []).append(f"(?P<a{number}>{rest})")
    body = "|".join(f"(?<=[{re.escape(first)}])(?:{'|'.join(alternatives)})"
                    for first, alternatives in sorted(branches.items()))
    gate = re.escape("".join(sorted(set("".join(branches)))))
    pattern = re.compile(rf"[{gate}](?<![\w-].)(?:{body})(?![\w-])")
    entries = {f"a{number}": (alias, tuple(table[alias, form]), form)
               for number, (alias, form) in enumerate(keys)}
    pronouns = gazetteer.get("pronoun", pd.Series("", index=gazetteer.index))
    return Matcher(pattern, entries, dict(zip(gazetteer["actor"], gazetteer["type"])),
                   _lookup(keys, branches),
                   {actor: pronoun for actor, pronoun in zip(gazetteer["actor"], pronouns)
                    if pronoun})


def _lookup(keys, branches):
    singles, multis, prefixes, leads, lower_leads = {}, {}, set(), set(), {}
    ranked = [int(re.match(r"\(\?P<a(\d+)>", alternative).group(1))
              for _, alternatives in sorted(branches.items()) for alternative in alternatives]
    for rank, number in enumerate(ranked):
        alias = keys[number][0]
        words = [_word_key(word) for word in alias.split()]
        hit = (rank, f"a{number}", re.compile(_alias_regex(alias) + r"(?![\w-])"))
        (singles if len(words) == 1 else multis).setdefault(" ".join(words), []).append(hit)
        prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))
        lead = _LEAD.match(alias).group()
        leads.update({lead, lead[0].upper() + lead[1:]} if lead[0].islower() else {lead})
        if lead[0].islower():
            lower_leads.setdefault(lead, []).append(alias.split())
    # Opening with the class of first letters lets the engine scan for them in C. A lead spans
    # no place the pattern may start at, so every such place is found ("S" of "U.S." too). A
    # lower-case letter opens only the lead of a lower-case alias ("the", not "then", "to").
    lower = {alias[0] for alias, _ in keys if alias[0].islower()}
    upper = {alias[0] for alias, _ in keys if not alias[0].islower()} | {
        first.upper() for first in lower}
    lower_leads = "|".join(_lower_lead(lead, aliases)
                           for lead, aliases in sorted(lower_leads.items()))
    gate = re.escape("".join(sorted(lower | upper)))
    starts = re.compile(rf"[{gate}](?<![\w-].)(?:(?<=[{re.escape(''.join(sorted(upper)))}])"
                        rf"{_LEAD.pattern[1:]}|{lower_leads or '(?!)'})(?=(\S*))")
    return _Lookup(starts, frozenset(leads), singles, multis, frozenset(prefixes), {})


def _lower_lead(lead, aliases):
    """The regex of the lead of lower-case aliases (their words given), at a place the pattern
    may start at. Such a lead is an everyday word ("the"): if it is the first word of every one
    of them, it is found only before a second word of one ("the West", not "the war")."""
    regex = f"(?<={re.escape(lead[0])}){re.escape(lead[1:])}(?![\\w-])"
    if all(len(words) > 1 and words[0] == lead for words in aliases):
        regex += r"(?=\s+(?:%s))" % "|".join(sorted({_alias_regex(words[1]) for words in aliases}))
    return regex


# In a Matcher's memo: a token that may open a longer alias, so the next token decides too.
_OPENS = "opens"


def _matches(text, ends, lookup):
    """(group name, start, end, index of the sentence) of each match of the Matcher's pattern
    in `text`, in order: `text` is sentences joined by line breaks, the i-th ending at ends[i],
    and each is matched as if alone (no match runs on into the next).

    What is found at a token's start depends only on that token, or on it and the next one
    (their spacing aside), unless it opens a longer alias of three or more words: such results
    are remembered, as (group name, which of the two tokens the match ends in, where in it).
    """
    leads, memo = lookup.leads, lookup.memo
    found, position, sentence, sentence_end = [], 0, 0, ends[0]
    for lead in lookup.starts.finditer(text):
        start = lead.start()
        if start < position or lead.group() not in leads:
            continue
        token = text[start:lead.end(1)]
        while start > sentence_end:
            sentence += 1
            sentence_end = ends[sentence]
        tokens, starts = token, (start,)
        match = memo.get(token)
        if match is _OPENS:
            following = _NEXT_TOKEN.match(text, start + len(token), sentence_end)
            tokens = (token, following and following.group(1))
            starts = (start, following and following.start(1))
            match = memo.get(tokens)
        if match is None and tokens not in memo:
            end, name, examined = _match_at(text, start, sentence_end, token, lookup)
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            if examined > 1:
                memo[token] = _OPENS
            if examined == len(starts):
                index = 0 if end is None or end <= start + len(token) else 1
                memo[tokens] = end and (name, index, end - starts[index])
            match = end and (name, 0, end - start)
        if match:
            name, index, offset = match
            position = starts[index] + offset
            found.append((name, start, position, sentence))
    return found


def _match_at(text, start, endpos, token, lookup):
    """(end or None, group name, number of tokens looked at: 1, 2 or 3 for more), with the
    text taken to end at `endpos`.

    An alias of one word ends inside its token, where the text after the token (a space or
    nothing) cannot change the match; a longer alias is looked for only after a token that
    may open one ("the", "Vladimir").
    """
    singles, multis, prefixes = lookup.singles, lookup.multis, lookup.prefixes
    hits = []
    for cut in _CUT.finditer(token, 1):
        hits.extend(singles.get(_word_key(token[:cut.start()]), ()))
    key = _word_key(token)
    hits.extend(singles.get(key, ()))
    examined, after = 1, start + len(token)
    while key in prefixes:
        examined += 1
        following = _NEXT_TOKEN.match(text, after, endpos)
        if following is None:
            break
        word = following.group(1)
        for cut in _CUT.finditer(word, 1):
            hits.extend(multis.get(key + " " + _word_key(word[:cut.start()]), ()))
        key = key + " " + _word_key(word)
        hits.extend(multis.get(key, ()))
        after = following.end()
    for _, name, regex in sorted(hits, key=lambda hit: hit[0]):
        match = regex.match(text, start, endpos)
        if match:
            return match.end(), name, min(examined, 3)
    return None, None, min(examined, 3)


def _as_matcher(gazetteer):
    return gazetteer if isinstance(gazetteer, Matcher) else compile_gazetteer(gazetteer)


def document_mentions(sentences, matcher):
    """The mentions of one document: [(sentence_id, actor, alias, start, end, form)].

    `sentences` is a list of (sentence_id, text) in document order; offsets are within the
    sentence; `alias` is the text as written. A ~alias counts only after its actor was named
    (see the module docstring), so the order of the sentences matters.
    """
    named = {}          # actor -> order in which it was last named by an unmarked alias
    found = []
    if not sentences:
        return found
    # One search over the whole document: searches of single sentences, which hold few matches,
    # cost about 10% more.
    ids = [sentence_id for sentence_id, _ in sentences]
    texts = [text for _, text in sentences]
    ends, offset = [], 0
    for text in texts:
        offset += len(text)
        ends.append(offset)
        offset += 1
    document, entries = "\n".join(texts), matcher.entries
    for name, start, end, index in _matches(document, ends, matcher.lookup):
        if _in_dateline(document, start, end):
            continue
        alias, actors, form = entries[name]
        begin = ends[index] - len(texts[index])
        if form == "guarded":
            known = [actor for actor in actors if actor in named]
            if known:
                actor = max(known, key=named.get)
            elif len(actors) == 1 and _TITLE_BEFORE.search(
                    document, max(begin, start - _TITLE_WINDOW), start):
                actor = actors[0]
            else:
                continue
        else:
            actor = actors[0]
            if form == "name":
                named[actor] = len(found)
        form = "adjective" if form == "adjective" else "name"
        sentence_id = ids[index]
        previous = found[-1] if found else None
        if (previous and previous[0] == sentence_id and previous[1] == actor and
                form == previous[5] == "name" and document[start:end] != previous[2] and
                _SAME_MENTION_GAP.fullmatch(document, begin + previous[4], start)):
            found[-1] = (sentence_id, actor, document[begin + previous[3]:end], previous[3],
                         end - begin, form)
            continue
        found.append((sentence_id, actor, document[start:end], start - begin, end - begin, form))
    return found


def _in_dateline(document, start, end):
    return (start > 0 and document[start - 1] in "(/" and _DATELINE_AFTER.match(document, end)
            and _DATELINE_BEFORE.search(document, max(0, start - _DATELINE_WINDOW), start))


def find_mentions(sentence_table, gazetteer=None):
    """One row per mention: doc_id, sentence_id, actor, alias, start, end, form.

    Offsets are within the sentence; `form` is "name" or "adjective" (a state's adjective).
    `gazetteer` is a DataFrame from load_gazetteer or a Matcher (default: the package's).
    """
    matcher = _as_matcher(gazetteer)
    documents = rows_by_document(sentence_table, ["sentence_id", "sentence"])
    rows = [(doc_id, *mention)
            for doc_id, sentences in with_progress(documents.items(), "finding mentions",
                                                   len(documents))
            for mention in document_mentions(sentences, matcher)]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def mention_counts(mentions):
    """Mentions per document and actor: columns doc_id, actor, mentions."""
    counts = mentions.groupby(["doc_id", "actor"]).size().rename("mentions").reset_index()
    return counts.sort_values(["doc_id", "mentions", "actor"], ascending=[True, False, True],
                              kind="stable").reset_index(drop=True)


def _largest_first(table, value, label):
    return table.sort_values([value, label], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


def _counted(mentions):
    """`mentions` as counts per document and actor: find_mentions' rows are counted, and a
    table that already counts them (mention_counts', the pipeline's) is taken as it is."""
    return mentions if "mentions" in mentions else mention_counts(mentions)


def actor_totals(mentions, gazetteer=None, top_n=None, types=None):
    """Mentions per actor over the corpus: actor, type, affiliation, mentions, documents,
    label ("Putin (Russia)"), largest first; only `types` if given; the top_n if given.

    `mentions`: find_mentions' rows, or their counts per document (mention_counts').
    """
    gazetteer = load_gazetteer() if gazetteer is None else gazetteer
    totals = _counted(mentions).groupby("actor").agg(
        mentions=("mentions", "sum"), documents=("doc_id", "nunique")).reset_index()
    totals = totals.merge(gazetteer[["actor", "type", "affiliation"]], on="actor", how="left")
    if types is not None:
        totals = totals[totals["type"].isin(types)]
    totals = _largest_first(totals, "mentions", "actor")
    totals = totals.head(top_n) if top_n else totals
    totals["label"] = totals["actor"] + " (" + totals["affiliation"] + ")"
    return totals[["actor", "type", "affiliation", "mentions", "documents", "label"]]


def affiliation_counts(mentions, gazetteer=None):
    """Mentions per document and affiliation (of the actors mentioned): doc_id, affiliation,
    mentions. `mentions` as for actor_totals."""
    gazetteer = load_gazetteer() if gazetteer is None else gazetteer
    table = _counted(mentions).merge(gazetteer[["actor", "affiliation"]], on="actor", how="left")
    counts = table.groupby(["doc_id", "affiliation"])["mentions"].sum().reset_index()
    return counts.sort_values(["doc_id", "mentions", "affiliation"],
                              ascending=[True, False, True], kind="stable").reset_index(drop=True)


def cooccurrence(mentions, actors=None):
    """Actors named in the same sentence: actor, other, sentences (both orders, no self pairs).

    Each sentence counts once per pair however often either is named in it. Only `actors` if
    given (e.g. the top N), so a heatmap shows a readable grid.
    """
    if actors is not None:
        mentions = mentions[mentions["actor"].isin(actors)]
    named = {}      # (doc_id, sentence_id) -> the actors named in the sentence
    for doc_id, sentence_id, actor in zip(mentions["doc_id"], mentions["sentence_id"],
                                          mentions["actor"]):
        named.setdefault((doc_id, sentence_id), set()).add(actor)
    pairs = Counter()
    for names in named.values():
        pairs.update(combinations(sorted(names), 2))
    rows = [row for (a, b), n in pairs.items() for row in ((a, b, n), (b, a, n))]
    table = pd.DataFrame(rows, columns=["actor", "other", "sentences"])
    return table.sort_values(["sentences", "actor", "other"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def mention_evidence(mentions, sentence_table):
    """Every mention with the sentence it stands in."""
    return mentions.merge(sentence_table[["doc_id", "sentence_id", "sentence"]],
                          on=["doc_id", "sentence_id"], how="left")


# --- Candidates: capitalised names the gazetteer does not know --------------------------------

_NAME_WORD = r"[A-Z\u00C0-\u00DE][\w'’.-]*"
_CANDIDATE = re.compile(
    rf"(?<![\w'’-]){_NAME_WORD}(?:\s+(?:(?:of|de|da|del|von|van|der|al|bin|la|le)\s+)?{_NAME_WORD})*")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Always capitalised in English, never a name of an actor.
CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
# Words of a title without its holder ("Deputy Foreign Minister", "Vice-Rector"): not a name.
TITLE_WORDS = {word.lower() for title in TITLES for word in title.split()} | {
    "deputy", "vice", "first", "foreign", "defence", "defense", "interior", "finance", "state",
    "head", "chief", "rector", "ambassador-at-large", "at", "large", "of", "the", "armed",
    "forces", "spokesperson", "press", "adviser", "advisor", "aide", "official", "officials"}
# A line this capitalised is a headline or crosshead, where every word is capitalised.
_HEADLINE_SHARE = 0.6


def _is_headline(sentence):
    """A title-case line without a full stop: a headline or crosshead."""
    words = _WORD.findall(sentence)
    return (len(words) >= 3 and not sentence.rstrip().endswith((".", "!", "?", "”", '"', "’")) and
            sum(w[0].isupper() for w in words) / len(words) >= _HEADLINE_SHARE)


def find_candidates(sentence_table, mentions, gazetteer=None):
    """Capitalised names no alias matched: doc_id, sentence_id, candidate, start, end.

    A run of capitalised words (with "of", "von", ... inside) outside every mention, in a
    sentence that is not a headline. Leading words that are stopwords, titles or calendar words
    are dropped, and so are runs made only of title words ("Deputy Foreign Minister") and
    hyphenated words that start with a known alias ("US-backed"); a single word is kept only if it is never written in lower case in the corpus
    (so "Training" at a sentence start is not a name) and, at a sentence start, only if it is
    also found capitalised inside a sentence. Plurals of adjectives ("Russians") are people,
    not actors, and are dropped.
    """
    gazetteer = load_gazetteer() if gazetteer is None else gazetteer
    stopwords = load_stopwords()
    skip = stopwords | CALENDAR | {title.lower() for title in TITLES}
    plurals = {adjective + "s" for adjectives in gazetteer["adjectives"] for adjective in adjectives}
    # Sentence by sentence: the words of a whole corpus at once would be a list of gigabytes.
    lowercase = set()
    for sentence in sentence_table["sentence"]:
        lowercase.update(word.lower() for word in _WORD.findall(sentence) if word[0].islower())
    spans = {}
    for row in mentions.itertuples(index=False):
        spans.setdefault((row.doc_id, row.sentence_id), []).append((row.start, row.end))
    found, inner = [], set()
    for doc_id, sentence_id, sentence in with_progress(
            sentence_table[["doc_id", "sentence_id", "sentence"]].itertuples(index=False),
            "finding candidate names", len(sentence_table), unit=" sentences"):
        if _is_headline(sentence):
            continue
        masked = sentence
        for start, end in spans.get((doc_id, sentence_id), ()):
            masked = masked[:start] + " " * (end - start) + masked[end:]
        for match in _CANDIDATE.finditer(masked):
            words = list(CHUNK_RE.finditer(masked, match.start(), match.end()))
            if words and match.start() and not masked[match.start() - 1].isspace():
                # glued to an opening quotation mark or bracket ("“Today"), the first word may
                # open a quoted sentence, where any word is capitalised
                words.pop(0)
            while words and (_POSSESSIVE_END.sub("", words[0].group()).rstrip(".").lower()
                             in skip or words[0].group()[0].islower()):
                words.pop(0)
            if not words:
                continue
            start = words[0].start()
            name = _POSSESSIVE_END.sub("", masked[start:match.end()]).rstrip(".,")
            at_start = not sentence[:start].strip(" “‘\"'([")
            if len(words) == 1 and not at_start:
                inner.add(name)
            found.append((doc_id, sentence_id, name, start, start + len(name), at_start))
    known = {alias for aliases in gazetteer["aliases"] for alias in aliases} | \
        {adjective for adjectives in gazetteer["adjectives"] for adjective in adjectives}

    def is_name(name, at_start):
        parts = re.split(r"[\s-]+", name)
        if len(name) < 2 or all(part.lower() in TITLE_WORDS for part in parts):
            return False
        if "-" in name and name.split("-")[0] in known:      # "NATO-standard", "US-backed"
            return False
        if " " in name:
            return True
        return not (name.lower() in lowercase or name in plurals or (at_start and name not in inner))

    rows = [row[:5] for row in found if is_name(row[2], row[5])]
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "candidate", "start", "end"])


def candidate_counts(candidates):
    """One row per candidate name: candidate, mentions, documents, first doc_id and sentence_id,
    most frequent first, so a user can decide which to add to the gazetteer."""
    if candidates.empty:
        return pd.DataFrame(columns=["candidate", "mentions", "documents", "doc_id",
                                     "sentence_id"])
    ordered = candidates.sort_values(["doc_id", "sentence_id", "start"], kind="stable")
    table = ordered.groupby("candidate").agg(
        mentions=("doc_id", "size"), documents=("doc_id", "nunique"),
        doc_id=("doc_id", "first"), sentence_id=("sentence_id", "first")).reset_index()
    return _largest_first(table, "mentions", "candidate")
