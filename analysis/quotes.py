"""Who speaks: direct quotations and their speakers.

Quotation marks: straight "..." and curly “...”, and single ‘...’ / '...' where an outlet
uses them as quotation marks. A ’ or ' between two letters is an apostrophe ("Russia’s",
"don’t"); one that closes nothing open is one too ("countries’ demands"). Quotes may nest
(‘... of ‘British forces,’’ he said): only the outermost is a quotation. A double quote left
open at the end of a paragraph runs to the paragraph's end (the convention for a quotation that
goes on in the next paragraph, which opens with a mark of its own).

Scare quotes are not quotations: a quoted span of fewer than MIN_WORDS words never is, nor one
after "so-called" (the so-called “coalition of the willing”), and one that starts inside a
sentence (a partial quotation) is one only if a reporting clause in the same sentence
introduces it (Putin demanded recognition of the “realities on the ground,” he
said; the ministry warned that ...); otherwise it is a term the writer quotes (a ‘coalition of
the willing’).

Speakers, tried in this order (the `rule` column says which one applied):
  after      the quote is followed by a reporting clause: ,” Lavrov said / ,” said Lavrov /
             ,” Kremlin spokesman Dmitry Peskov told reporters
  before     a reporting clause earlier in the same sentence: Lavrov said that “...” /
             Trump told reporters: “...” / The Kremlin said it was ‘...’
  colon      a clause without a reporting verb, ending in a colon: the name before the colon
             (Quote from Podolyak: “...” / Lavrov: “...”), else the person the sentence opens
             with (Rubio was blunt: “...”). Such a quote is not a partial one
  continued  a quote that opens a sentence without a clause of its own takes the speaker of
             the sentence before, in the same paragraph ("“A,” he said. “B.”")
  previous   ... or in the paragraph before (a paragraph that is only a quotation)
  next paragraph  a quote left open at the end of its paragraph, without a clause of its own,
             takes the speaker of the quote that opens the next paragraph and goes on there
  unnamed    a quote inside a sentence after a reporting verb whose subject names no one the
             rules can name (The embassy warned that Moscow would “take all necessary
             measures”): a quotation, not a scare quote; or a quote whose reporting clause
             describes its speaker without a name (,” said an analyst at a think tank / ,” a
             senior official said): the speaker is left empty, not taken from the quote before
  none       no speaker found: the quote is kept, the speaker left empty
A place is not a speaker: an actor named after "in" or "at" ("a diplomat in Brussels said"), or
where a diplomat serves ("the Russian Embassy in Norway"); after a reporting verb, neither is a
party after a preposition ("said supplies to Ukraine ...") nor a state's adjective outside a
speaker's title ("saying German factories ..."; but "said Russian officials"); and who follows
"told", "asked", "accused", "urged", "called" and the like is spoken to or of ("accused Tokyo of
“...”"). A time may stand between a subject and its verb ("Zakharova this month accused").
A reporting clause that names someone the gazetteer lacks ("said Olga Lebedeva, an analyst",
"said State Department spokesman Ned Price") gives an empty speaker under its rule, never the
speaker of the quote before, and the name in `unlisted_speaker` ("Olga Lebedeva"; titles
dropped; a surname alone as the fullest name the document gave it, even where it gave it
only in passing: "Czech President Petr Pavel’s plan ... and Pavel said"); a later "he" or "she"
refers to that person, not to someone the gazetteer knows who was named earlier, and such a
person keeps the pronoun the text first used for them (after "she told", "he" is someone else).
Reporting verbs include those that put a quoted phrase in someone's mouth: "Lavrov called the
plan “...”", "dismissed it as “...”", "writing that ... “...”".
A subject "he" / "she" (rules after and before) is the person the quote's own sentence opens
with, titles aside ("Secretary of State Marco Rubio was more cautious: “...,” he said"); else
the one the sentence before opens with, in the same paragraph; else the last person named as
the subject of a reporting verb or as the speaker of a quote (rule "after+pronoun",
"before+pronoun"). A person the gazetteer gives the other pronoun is passed over ("she" is not
Dmitry Peskov). A subject that is a title noun alone ("the ambassador said", "The foreign
minister also criticised ..., saying") is the person the text last named with that title
("Russia’s ambassador to Bulgaria, Jane Smith,", "Jane Smith, the ministry’s spokeswoman"),
unless someone unnamed was introduced with it ("An NZDF spokesperson said").
The subject of a reporting verb is the actor named right before it (allowing
"has", "also", an adverb, an appositive between commas, or "X's office"); after "and" / "but"
it is the subject of the nearest verb before that has one ("Lavrov replied that ... but added that ..."; not
"claims" in "Peskov insisted Moscow was not seeking claims on Ukraine and said ..."), else the
person the sentence opens with ("Medinsky described the talks as ... and said ...").

`document_quotes` does one document (for a pipeline that maps documents); `find_quotes` is the
DataFrame wrapper.
"""
import re
from bisect import bisect_left, bisect_right
from itertools import islice, repeat

import pandas as pd

from .actors import MENTION_COLUMNS, _as_matcher, document_mentions
from .counts import counted
from .letters import UPPER
from .progress import with_progress
from .text import SENTENCE_COLUMNS, rows_by_document
from .text import sentences as split_sentences

QUOTE_COLUMNS = ["doc_id", "sentence_id", "speaker", "quote", "rule", "end_sentence_id",
                 "words", "start", "end", "unlisted_speaker"]
MIN_WORDS = 4
REPORTING_VERBS = (
    "said", "says", "say", "told", "tells", "added", "adds", "warned", "warns", "posted",
    "posts", "wrote", "writes", "insisted", "insists", "argued", "argues", "stated",
    "replied", "replies", "responded", "claimed", "claims", "noted", "notes", "explained",
    "declared", "stressed", "emphasised", "emphasized", "announced", "asked", "continued",
    "remarked", "commented", "acknowledged", "admitted", "conceded", "complained",
    "suggested", "implied", "reiterated", "recalled", "observed", "urged", "demanded",
    "threatened", "vowed", "promised", "pledged", "accused", "countered", "tweeted",
    "concluded", "confirmed", "cautioned", "predicted", "maintained", "asserted", "alleged",
    # Verbs that put a quoted phrase in someone's mouth: "Lavrov called the plan “...”".
    "called", "described", "dismissed", "branded", "labelled", "labeled", "blamed",
    "saying", "adding", "writing", "calling", "describing", "dismissing", "branding",
    "according to")
# Participles: their subject is the clause's they follow ("Peskov was blunt, saying that ...").
_PARTICIPLES = frozenset({"saying", "adding", "writing", "calling", "describing", "dismissing",
                          "branding"})
# Verbs whose object follows them: a name after one is who is told, asked or accused.
_TAKES_AN_OBJECT = frozenset({"told", "tells", "asked", "urged", "accused", "called", "described",
                              "dismissed", "branded", "labelled", "labeled", "blamed", "calling",
                              "describing", "dismissing", "branding"})
# ... and a warning's: "cautioned Washington about “...”" (not ",” warned Lavrov").
_WARNING_VERBS = frozenset({"warned", "warns", "cautioned", "cautions"})
_VERBS = "|".join(REPORTING_VERBS)
# After a determiner a verb's participle is an adjective ("the promised tanks").
_VERB = re.compile(r"(?<![\w-])(?<!the )(?<!The )(?<!its )(?<!their )(?<!his )(?<!her )"
                   r"(?<!\ba )(?<!\ban )(?:%s)(?![\w-])" % _VERBS)


def _by_first_letter(words):
    """An alternation of literal `words` grouped by first letter: the regex engine tries only
    the group of the letter at hand, and in it (so overall) the word listed earlier first."""
    groups = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


# Where _VERB may match after the character before: a space, which the regex engine finds by a
# fast search, or another character that is neither an ASCII word character (_VERB checks the
# others) nor a hyphen, which it looks up in a table. _VERB, opening with a lookbehind, is tried
# at every character (about 2x slower).
_VERB_AFTER = [re.compile(r"%s(?=(?:%s)(?![\w-]))" % (before, _by_first_letter(REPORTING_VERBS)))
               for before in (" ", r"[^A-Za-z0-9_ \-]")]
_PRONOUN = re.compile(r"(?<![\w-])(?:he|she|He|She)\s*$")
_LEADING_PRONOUN = re.compile(r"\s*(?:he|she)(?![\w-])", re.IGNORECASE)


# Small words inside a name ("Eloy Alfaro de Alba", "Ursula von der Leyen").
_PARTICLES = r"(?:de|da|di|del|dos|du|van|von|der|den|la|le|bin|ibn|al)(?:\s+(?:der|la|los))?"


def _name(words_before):
    """A name, as the gazetteer may lack it: capitalised words, up to `words_before` of them
    before the last ("Olga Lebedeva", "Mr. Smith", "Ingrida Šimonytė")."""
    return (rf"(?:{UPPER}[\w.'’-]*\s+(?:{_PARTICLES}\s+)?){{0,{words_before}}}"
            rf"{UPPER}[\w'’-]+")


_NAME = _name(3)
_NAME_AFTER = re.compile(r"\s+" + _NAME + r"(?![\w'’-])")
_NAME_ONLY = re.compile(_NAME)
_WARNED = re.compile(r"\s+(?:the\s+)?" + _NAME + r"\s+(?:about|of|against|that|not)\b")
# Capitalised words, and the small words of a title, only ("Secretary of State for Foreign
# Affairs Jane Smith").
_TITLED_NAME = re.compile(r"(?:(?:%s[\w.'’-]*|of|for|the|and)\s+)+%s[\w.'’-]*" % (UPPER, UPPER))
# ... opening a sentence, where titles may come first ("Prime Minister Jonas Gahr Støre").
_OPENING_NAME = re.compile("(" + _name(7) + r")(?![\w'’-])")
# ... the rest of a title, then its holder set off by commas ("of Defence, General Jan Berg,").
_APPOSITIVE_NAME = re.compile(r"[^,.“”\"]{0,40}?,\s+(" + _NAME + r"),")
# A phrase that may come before a sentence's subject ("In Brussels,", "At today’s briefing,").
# A phrase set off before the subject ("On Monday, before flying to Riyadh, "), not a clause
# with a subject of its own ("He described the talks with ..., ").
_OPENING_PHRASE = re.compile(r"(?!(?:He|She|It|They|We|I)\s)" + UPPER
                             + r"[\w’'.-]*(?:\s+[\w’'.-]+){0,10},\s+"
                             r"(?:[a-z][\w’'.-]*(?:\s+[\w’'.-]+){0,10},\s+)?")
# ... ending the text before a verb, perhaps with an appositive ("Olga Lebedeva, an analyst, said").
_NAME_BEFORE = re.compile(r"(?<![\w'’-])(" + _NAME + r")(?:,[^,“”\"]{1,150},)?\s*$")
# ... after a noun that is its title ("said State Department spokesman Ned Price"), ending the
# phrase; not after a preposition or article ("said the ministry on Monday").
_NAME_AFTER_TITLE = re.compile(r"(?<![\w'’-])(?!(?:%s)\s)[a-z][\w-]*\s+(%s)[\s.,]*$" % (
    "on|in|at|of|for|to|from|by|with|after|before|during|since|until|last|this|next|the|a|an|"
    "and|or|but", _NAME))
# Capitalised words that open a sentence and name no one ("It said", "In Kyiv, ...").
_NOT_NAMES = frozenset("it its they we i you this that these those there here some many others "
                       "both all each one none who which what when where the a an in on at "
                       "but and so yet".split())
# ... nor, alone before a reporting verb, someone the rules cannot name ("He said").
_NOT_SPEAKING_ALONE = _NOT_NAMES | {"he", "she"}
# Words no name holds: pronouns, and reporting verbs but "Said", which is a name too.
_NEVER_IN_A_NAME = frozenset({"he", "she", "i", "we", "they", "it"} | {
    verb for verb in REPORTING_VERBS if " " not in verb and verb != "said"})
# Between a subject and its verb: auxiliaries, adverbs and times ("has also previously said",
# "this month accused", "on Thursday said").
_AUXILIARIES = (r"(?:\s+(?:has|have|had|was|were|is|also|again|then|later|earlier|previously|"
                r"once|already|\w+ly|today|yesterday|(?:this|last) (?:week|month|year|morning|"
                r"afternoon|evening|night)|on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day))*")
_BETWEEN = re.compile(_AUXILIARIES + r"\s*$")
# A lower-case word right before a name, other than a conjunction that may open a clause
# ("and Venizelos said"): the name is no subject.
_AFTER_A_LOWER_CASE_WORD = re.compile(r"(?<![\w'’-])(?!(?:and|but|while|as|when|then)\s)"
                                      r"[a-z][\w'’-]*\s+$")
_WORD_WINDOW = 40
# The capitalised words before a surname, and the name they make with it (see _full_name), on
# one line.
_LEADING_NAME_WORDS = re.compile(r"(?<![\w'’-])(?:" + UPPER + r"[\w'’-]*[^\S\n]+){1,4}$")
_FULL_NAME_UNTIL = re.compile(r"((?:" + UPPER + r"[\w'’-]*[^\S\n]+){1,4}[\w'’-]+)$")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_NAME_WINDOW = 100
# After a name, up to its reporting verb, perhaps past an appositive ("Serhiy, a sergeant from
# Chernihiv, said").
_VERB_AFTER_NAME = re.compile(r"(?:,[^,“”\"]{1,150},)?%s\s+(?:%s)(?![\w-])" % (
    _AUXILIARIES, _VERBS))
# Before a place, which is not the one who speaks: where someone is ("a diplomat in Brussels
# said") or where a diplomat serves ("Russia's ambassador to Seoul warned").
_PLACE_BEFORE = re.compile(r"(?<![\w-])(?:(?:embass(?:y|ies)|ambassadors?|envoys?|consul(?:ate)?s?|"
                           r"missions?|delegations?|representatives?)\s+to|in|at)\s+(?:the\s+)?$",
                           re.IGNORECASE)
_PLACE_WINDOW = 40
# After a preposition, a place or someone spoken to, not who speaks.
_PREPOSITION_BEFORE = re.compile(r"(?<![\w-])(?:to|in|at|on|from|with|against|into|over|about)"
                                 r"\s+(?:the\s+)?$", re.IGNORECASE)
# A person referred to by a title noun alone ("The ambassador also criticised ...", ",” the
# minister said), who is the one the text named with it before (`_Document.titled`).
_DESCRIBED = (r"[Tt]he (?:(\w+) )?((?i:ambassador|minister|spokes(?:man|woman|person)|envoy|"
              r"chancellor|secretary(?: of state| general)?|diplomat|commander|governor|senator|"
              r"adviser|advisor|aide|negotiator|analyst|premier|president|mayor|leader))")
# Title nouns that name the same post ("Russia’s ambassador ... The Russian envoy said").
_SAME_TITLE = {noun: group for group in (["ambassador", "envoy"],
                                          ["spokesman", "spokeswoman", "spokesperson"],
                                          ["adviser", "advisor", "aide"],
                                          ["premier", "prime minister"])
               for noun in group}
# "The Russian leader": the head of state or government named with a title before.
_SAME_TITLE["leader"] = ["leader", "president", "prime minister", "premier", "chancellor"]
_STEM_LETTERS = 5
_INDEFINITE_BEFORE = re.compile(r"(?<![\w-])(?:an?|one|another)\s+(?:[\w’'-]+\s+){0,3}$",
                                re.IGNORECASE)
_MODIFIER_WINDOW = 40
_DESCRIBED_OPENING = re.compile(_DESCRIBED + r"(?![\w'’-])")
_DESCRIBED_END = re.compile(r"(?<![\w-])" + _DESCRIBED + r"\s*$")
# The name after a title noun: the last one or two capitalised words of the title's run
# ("ambassador to Bulgaria, Jane Smith", "Minister of Foreign Affairs and Trade Jane Smith"),
# and the name before an appositive holding one ("Jane Smith, the ministry's spokeswoman").
_TITLE_RUN_WORD = r",?\s+(?:(?:to|of|for|in|at|and|the)\s+)*%s" % UPPER
_NAME_AFTER_TITLE_NOUN = re.compile(
    r"(?:%s[\w'’-]*)*?,?\s+(%s[\w'’-]*(?:\s+%s[\w'’-]+)?)(?![\w'’-])(?!%s)"
    % (_TITLE_RUN_WORD, UPPER, UPPER, _TITLE_RUN_WORD))
_NAME_BEFORE_TITLE_NOUN = re.compile(r"(%s[\w'’-]+(?:\s+%s[\w'’-]+){0,2}),\s+[^,.“”\"]{0,60}$"
                                     % (UPPER, UPPER))
_INDEFINITE = re.compile(r"\s*(?:an?|one|another|two|three|several|some)\s", re.IGNORECASE)
_DETERMINERS = re.compile(r"\s+(?:(?:the|a|an|two|three|several|some)\s+)?")
# A title or a group that speaks, after a state's adjective ("Russian Foreign Minister ...",
# "Russian officials").
_SPEAKER_AFTER_ADJECTIVE = re.compile(
    r"\s+(?:%s|(?:officials?|diplomats?|sources?|spokes(?:man|woman|person|people)|authorities|"
    r"negotiators?|leaders?|government|ministry|envoys?|ambassadors?|lawmakers?|senators?|"
    r"military officials?|state media|media)(?![\w-]))" % UPPER)
# Up to the last character neither a word's nor a space, which no match of _BETWEEN or _PRONOUN
# spans: their searches start after it; one of _POSSESSOR or _COORDINATED may start at it.
_LAST_OTHER = re.compile(r"(?s).*[^\w\s]")
_POSSESSOR = re.compile(r"['’]s?\s+\w+\s*$")              # "Scholz’s office" said
_COORDINATED = re.compile(r"(?:,\s*)?(?:and|but)\s*$")
_TAIL_START = re.compile(r"[\s,;:—–-]*")
# ... or with a conjunction that opens a clause of its own (",” after Yoon Suk Yeol said"); not
# "as", which may attribute the quote (",” as Lavrov put it").
_NEW_CLAUSE = re.compile(r"(?:and|but|after|before|while|because|since|until|although|though|"
                         r"whereas|unless|if)\s", re.IGNORECASE)
# A short clause naming who speaks before a colon ("Quote from Davyd Arakhamia:").
_COLON_CLAUSE_WORDS = 5
# Where a phrase after a verb stops being about the speaker ("said Lavrov, who ...").
_CLAUSE_END = re.compile(r"\bthat\b|[;:“”\"‘]|,\s")
CLOSING_MARKS = "”’\"'"
# Words of a title before a name ("former Defence Minister", "Foreign Ministry spokeswoman").
_TITLE_WORDS = ("former deputy vice prime foreign defence defense president minister spokesman "
                "spokeswoman spokesperson secretary ambassador envoy chancellor chief adviser "
                "advisor commander head representative general state").split()
# Before a sentence's subject: titles and names ("Secretary of State", "Russian President"), in
# capitals or not; other lower-case words make a phrase that is not a title ("In an interview
# with").
_TITLE_WORD = r"(?:%s[\w.’'-]*|of|the|for|%s)\s+" % (UPPER, "|".join(
    _TITLE_WORDS + "presidential press leader aide senior top chair chairman chairwoman "
                   "negotiator official security national ministry".split()))
_TITLES = re.compile(r"(?:%s)*" % _TITLE_WORD)
_TITLE_WORD_AFTER = re.compile(r"\s+(?:%s)(?![\w'’-])" % "|".join(_TITLE_WORDS))
# A sentence that opens with a place, not a person ("In New York, ...").
_PREPOSITION_OPENING = re.compile(r"(?:In|At|On|From|After|Before|During|Following)\s")
# A state's title before the name it sets off: "Russia’s ambassador, ".
_POSSESSED_TITLE = re.compile(r"%s[\w.-]*['’]s?\s+(?:[\w-]+\s+){0,3}?(?:%s),\s+" % (
    UPPER, "|".join(_TITLE_WORDS)))
# A name after its title at a sentence's start, the name ending the capitalised words.
_TITLED_OPENING = re.compile(r"(?:%s)*?(%s)(?![\w'’-])(?!\s+%s)" % (_TITLE_WORD, _name(2),
                                                                    _TITLE_WORD))
# The nouns that end a title and are nobody's name ("Supreme Commander", "Murmansk Governor").
_TITLE_NOUNS = frozenset(_TITLE_WORDS + "senator governor mayor colonel admiral captain sergeant "
                                        "lieutenant corporal analyst professor".split())
# Capitalised words before a name that are no part of it ("Defence Minister", "Mr."); "King" and
# "Prince" are surnames too ("Angus King"), so they end no title.
# The nouns that end an institution's name, in a title too ("Secretary of State for Foreign and
# Commonwealth Affairs").
_INSTITUTION_NOUNS = frozenset("affairs department ministry embassy office government council "
                               "committee agency service parliament".split())
_ENDS_A_TITLE = _TITLE_NOUNS | _INSTITUTION_NOUNS
_NOT_IN_NAME = _ENDS_A_TITLE | frozenset(
    "mr mrs ms dr prof sir dame lord gen col lt capt maj sgt adm sen rep gov sheikh prince king "
    "queen".split())
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")
_SO_CALLED = re.compile(r"(?i)\bso-called\s*$")
# "Maria Zakharova, who said ...": she speaks.
_RELATIVE_WHO = re.compile(r",\s+who(?:\s+\w+ly)?\s*$")
# A name followed by a verb opens the clause that is said ("said Moscow would not discuss
# ...", "said Moscow had warned Washington"): neither it nor a name after it speaks.
_CLAUSE_SUBJECT = re.compile(r"\s+(?:would|will|could|can|cannot|had|has|have|was|were|is|are|"
                             r"must|should|may|might|did|does|do)\b")
# What a possessor stripped from a name leaves of it ("Sweden’s Supreme ..." without "Sweden").
_POSSESSIVE_LEFT = re.compile(r"^['’]s?\s+")
# A mark not between two letters or digits (which is an apostrophe: "don’t", "Kiev's").
_QUOTE_MARK = re.compile("[\"“”‘’'](?:(?<![^\\W_].)|(?![^\\W_]))")
_SINGLE_CLOSE = re.compile("[’']")
_WORD_AT = re.compile(r"[\w-]")
_OPEN_BEFORE = set(" \t([{—–-/“‘\"'")


def _verbs(text):
    """The matches of _VERB in `text`, as _VERB.finditer finds them: tried at the start and
    where _VERB_AFTER finds the character before one."""
    starts = sorted(found.end() for scan in _VERB_AFTER for found in scan.finditer(text))
    return [verb for verb in map(_VERB.match, repeat(text), [0] + starts) if verb]


def _verb_search(text, verbs, starts, pos, endpos):
    """_VERB.search(text, pos, endpos), found in `verbs` (_verbs(text)) by their `starts`."""
    index = bisect_left(starts, pos)
    if index < len(verbs) and verbs[index].end() <= endpos:
        return verbs[index]
    # A verb may match in text cut at endpos and not in the whole ("say" in "says").
    return _VERB.search(text, pos, endpos) if _WORD_AT.match(text, endpos) else None


def _quote_spans(text):
    """(start, end) of each outermost quotation in `text`, marks included; a line of `text` is
    a paragraph."""
    spans, stack = [], []          # stack of (kind, position) of open marks
    opened = {"double": 0, "single": 0}     # the marks of each kind in the stack
    begin, end = 0, -1             # the paragraph of the marks in the stack: text[begin:end]
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if at > end:
            _open_to_end(stack, end, spans)
            stack, opened = [], {"double": 0, "single": 0}
            begin = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
        before = text[at - 1] if at > begin else " "
        after = text[at + 1] if at + 1 < end else " "
        opening = before in _OPEN_BEFORE and not after.isspace()
        if mark == "“" or mark == "‘" or (mark in "\"'" and opening):
            kind = "double" if mark in "“\"" else "single"
            stack.append((kind, at))
            opened[kind] += 1
            continue
        kind = "double" if mark in "”\"" else "single"
        if not opened[kind]:
            continue                                    # closes nothing: "countries’ demands"
        if (kind == "single" and before.lower() == "s" and after == " " and
                _closes_later(text, at, end)):
            continue                                    # a plural possessive inside a quote
        while stack:
            open_kind, start = stack.pop()
            opened[open_kind] -= 1
            if open_kind == kind:
                break
        if not stack:
            spans.append((start, at + 1))
    _open_to_end(stack, end, spans)
    return spans


def _open_to_end(stack, end, spans):
    """Add the span of the first double quote of `stack` left open: it runs to the end of its
    paragraph, at `end`."""
    doubles = [start for kind, start in stack if kind == "double"]
    if doubles:
        spans.append((doubles[0], end))


def _closes_later(text, at, end):
    """Whether a ’ or ' after `at` in its paragraph (which ends at `end`) could close a
    quotation (is not between two letters)."""
    return any(not (text[m.start() - 1].isalnum() and m.end() < end and text[m.end()].isalnum())
               for m in _SINGLE_CLOSE.finditer(text, at + 1, end))


def _named(speaker):
    """Whether the speaker is named: the gazetteer's actor, or an _Unlisted person with a name
    (whose words a quote in the next sentence may continue)."""
    return bool(speaker or getattr(speaker, "name", ""))


class _Unlisted(str):
    """The speaker of a person the text names and the gazetteer lacks: equal to "" and false,
    as every rule takes such a speaker (unknown to the package, yet someone, so not the speaker
    of the quote before), with the name the text gives in `name`."""

    def __new__(cls, name):
        unlisted = super().__new__(cls, "")
        unlisted.name = name
        return unlisted


def _without_titles(words):
    """A name's words without the titles before it ("Mr.", "Defence Minister", "Murmansk
    Governor"): none for a title alone ("the Prime Minister")."""
    first = 0
    while first < len(words) and (words[first].lower() in _NOT_NAMES or
                                  words[first].rstrip(".").lower() in _NOT_IN_NAME):
        first += 1
    # A place before its title ("Murmansk Governor Andrei Chibis"): the name follows the title,
    # or the institution that ends it ("... Commonwealth Affairs Jane Smith").
    titled = [i for i in range(first, len(words) - 1)
              if words[i].rstrip(".").lower() in _ENDS_A_TITLE]
    return words[titled[-1] + 1:] if titled else words[first:]


class _Document:
    """One document's text rebuilt from its sentences, with its mentions in text offsets."""

    def __init__(self, sentences, mentions, types):
        # sentences: (sentence_id, paragraph_id, start, end, text), in order
        self.sentences = sentences
        self.types = types
        pieces, length, paragraph = [], 0, None
        for _, paragraph_id, start, end, text in sentences:
            gap = start - length
            if paragraph is not None and paragraph_id != paragraph:
                pieces.append("\n" + " " * (gap - 1))
            else:
                pieces.append(" " * gap)
            pieces.append(text)
            length, paragraph = end, paragraph_id
        self.text = "".join(pieces)
        self.starts = [start for _, _, start, _, _ in sentences]
        starts = {sentence_id: start for sentence_id, _, start, _, _ in sentences}
        self.mentions = [(starts[sid] + start, starts[sid] + end, actor)
                         for sid, actor, _, start, end, _ in mentions]
        self.adjectives = [form == "adjective" for *_, form in mentions]
        self.mention_starts = [start for start, _, _ in self.mentions]
        self.unlisted_names = {}    # surname -> full name of the persons the gazetteer lacks
        self.ending = {}          # end offset -> (start, actor) of the first mention ending there
        for start, end, actor in self.mentions:
            self.ending.setdefault(end, (start, actor))

    def unlisted_person(self, name, offset=0):
        """The person `name` names, a match of capitalised words the gazetteer lacks (group 1;
        in the text from `offset` on), as an _Unlisted speaker, or None: two words or more, "It"
        or "In" aside ("Fiona Adair", "Dr Adair"; a capital such as "Moscow" is not one), or the
        surname of such a person named before (each person found is remembered by surname,
        with the longest name given) or of someone the text named in full before it ("Czech
        President Petr Pavel’s offer ... Pavel said")."""
        if not name:
            return None
        words = name.group(1).split()
        while words and words[0].lower() in _NOT_NAMES:
            del words[0]
        # Title case runs a headline's words together ("Zelensky Says He Is Ready"): no name.
        if any(word.lower() in _NEVER_IN_A_NAME for word in words):
            return None
        if len(words) == 1 and words[0] not in self.unlisted_names:
            # A surname alone, of someone named in full before ("and Venizelos said"); not a
            # word after a preposition ("ambassador to Croatia, Vasyl Kyrylych, said"), nor a
            # possessor ("Russia’s ambassador").
            at = offset + name.start(1)
            if _POSSESSIVE_END.search(words[0]) or _AFTER_A_LOWER_CASE_WORD.search(
                    self.text, max(0, at - _WORD_WINDOW), at):
                return None
            person = self.named(self._full_name(words[0], at))
            if person is None or len(person.name.split()) < 2:    # a title or a place before it
                return None
            self.unlisted_names[words[0]] = person.name
            return person
        if len(words) >= 2:
            # After a preposition, a place or someone spoken to ("an official in New Delhi");
            # not a name after a place the gazetteer knows ("ambassador to Poland Ivan Petrenko"),
            # which `named` leaves out.
            at = offset + name.start(1)
            if _PREPOSITION_BEFORE.search(self.text, max(0, at - _PLACE_WINDOW), at) and \
                    not self.mention_within(at, at + 1):
                return None
            person = self.named(name, offset=offset)
            if len(person.name) > len(self.unlisted_names.get(words[-1], "")):
                self.unlisted_names[words[-1]] = person.name
            return person
        return self.named(name, offset=offset) if words and words[0] in self.unlisted_names \
            else None

    def _full_name(self, surname, before):
        """The last name of two words or more that ends in `surname` in the text before
        `before` ("Czech President Petr Pavel’s" for "Pavel"), as a match (group 1), or None."""
        at = self.text.rfind(surname, 0, before)
        while at > 0:
            end = at + len(surname)
            if not _WORD_AT.match(self.text, end):
                lead = _LEADING_NAME_WORDS.search(self.text, max(0, at - _NAME_WINDOW), at)
                if lead:
                    return _FULL_NAME_UNTIL.match(self.text, lead.start(), end)
            at = self.text.rfind(surname, 0, at)
        return None

    def named(self, *names, offset=0):
        """The first of the matches `names` (in the text from `offset` on) that is not None, as
        an _Unlisted speaker: the name without its titles ("Defence Minister Jason Kenney" ->
        "Jason Kenney"), a surname alone as the longest name given to it before ("Mr. Kenney"
        -> "Jason Kenney"), no name for a title alone; or None."""
        name = next((name for name in names if name), None)
        if name is None:
            return None
        start, end = (offset + at for at in name.span(1 if name.re.groups else 0))
        # What the gazetteer names is no part of it: "ambassador to Poland Sergey Andreev",
        # "Independent Russian political analyst".
        for _, mention_end, _ in islice(self.mentions, bisect_left(self.mention_starts, start),
                                        None):
            if mention_end > end:
                break
            start = max(start, mention_end)
        words = _without_titles(_POSSESSIVE_LEFT.sub("", self.text[start:end]).split())
        # "Sweden’s Supreme Commander": a title after a state, not a name.
        if words and words[-1].rstrip(".").lower() in _TITLE_NOUNS:
            words = []
        if len(words) == 1:
            return _Unlisted(self.unlisted_names.get(words[0], words[0]))
        return _Unlisted(" ".join(words))

    def titled(self, title, modifier, before):
        """The person the text last named with the title noun `title` before `before`, for "the
        ambassador": the gazetteer's person whose mention holds the title ("the Russian foreign
        minister"), or the name after the title ("Russia’s ambassador to Bulgaria, Jane Smith,
        said") or before it ("Jane Smith, the ministry's spokeswoman"): an actor, an _Unlisted
        person, or None. With a `modifier` ("the Russian minister"), only a title with a word
        starting as it does just before it or up to the name ("Russia’s", "Russian Foreign
        Minister"; not "Minister Jane Smith ... met her Russian counterpart")."""
        stem = modifier and re.compile(r"(?<![\w-])%s" % re.escape(modifier[:_STEM_LETTERS]),
                                       re.IGNORECASE)
        nouns = "|".join(_SAME_TITLE.get(title.lower(), [title]))
        for noun in reversed(list(re.finditer(r"(?<![\w-])(?:%s)(?![\w-])" % nouns,
                                              self.text[:before], re.IGNORECASE))):
            person, end = self._holder(noun, before)
            # "An NZDF spokesperson said ... the spokesperson said": someone unnamed.
            if person is None and _INDEFINITE_BEFORE.search(
                    self.text, max(0, noun.start() - _MODIFIER_WINDOW), noun.start()):
                return None
            if person is not None and not (stem and not stem.search(
                    self.text, max(0, noun.start() - _MODIFIER_WINDOW), end)):
                return person
        return None

    def _holder(self, noun, before):
        """(the person holding the title at the match `noun`, or None; where their name ends)."""
        first = bisect_right(self.mention_starts, noun.start()) - 1
        if first >= 0 and self.mentions[first][1] >= noun.end() and \
                self.types.get(self.mentions[first][2]) == "person":
            return self.mentions[first][2], self.mentions[first][1]
        after = _NAME_AFTER_TITLE_NOUN.match(self.text, noun.end(), before)
        person = after and self._person_named(after, 1)
        if person is not None:
            return person, after.end(1)
        return self._person_named(_NAME_BEFORE_TITLE_NOUN.search(
            self.text, max(0, noun.start() - _NAME_WINDOW), noun.start()), 1), noun.end()

    def _person_named(self, match, group):
        """The person whose name is `match`'s `group`: the gazetteer's, if it names a person
        there, else one it lacks (`unlisted_person`), or None."""
        if not match:
            return None
        first = bisect_left(self.mention_starts, match.start(group))
        if first < len(self.mentions) and self.mention_starts[first] == match.start(group) and \
                self.types.get(self.mentions[first][2]) == "person":
            return self.mentions[first][2]
        person = self.unlisted_person(match)
        return person if person is not None and person.name else None

    def sentence_at(self, offset):
        """Index (into self.sentences) of the sentence holding `offset`, or the one before."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def mention_ending(self, offset):
        """The actor of a mention ending at `offset` (spaces before it ignored), or None."""
        return self.ending.get(offset, (None, None))[1]

    def mention_within(self, start, end):
        """Whether a mention starts in text[start:end]."""
        first = bisect_left(self.mention_starts, start)
        return first < len(self.mentions) and self.mention_starts[first] < end

    def names_a_place(self, offset):
        """Whether the mention ending at `offset` names where someone is or serves ("a diplomat
        in Brussels", "the Russian Embassy in Norway"), not who speaks."""
        start = self.ending[offset][0]
        return bool(_PLACE_BEFORE.search(self.text, max(0, start - _PLACE_WINDOW), start))

    def speaker_ending(self, offset):
        """The actor of a mention ending at `offset` that is no place (see `names_a_place`), or
        None."""
        actor = self.mention_ending(offset)
        return None if actor is None or self.names_a_place(offset) else actor

    def opening_subject(self, index):
        """(start, actor) of the person the sentence at `index` opens with, titles aside (not
        "Putin’s"), perhaps after a phrase set off by a comma ("In Brussels, NATO
        Secretary-General Jens Stoltenberg was blunter."); an _Unlisted actor (equal to "") for a
        person the gazetteer lacks ("Mr. Kenney dismissed the criticism."); None where it opens
        with no person."""
        _, _, start, end, _ = self.sentences[index]
        # "In New York, ..." opens with a place, not a person.
        opening = None if _PREPOSITION_OPENING.match(self.text, start, end) else \
            self._person_at(start, end)
        lead = None if opening else _OPENING_PHRASE.match(self.text, start, end)
        if lead and _VERB.search(self.text, start, lead.end()):
            lead = None
        if lead:
            opening = self._person_at(lead.end(), end)
            # "..., Russia’s ambassador, Jane Smith, went further": the title set off before her.
            titled = None if opening else _POSSESSED_TITLE.match(self.text, lead.end(), end)
            opening = self._person_at(titled.end(), end) if titled else opening
        return opening

    def _person_at(self, start, end):
        # Adjectives and organisations may be part of the title ("Ukrainian President", "Kremlin
        # spokesman").
        first = bisect_left(self.mention_starts, start)
        while first < len(self.mentions) and (self.adjectives[first] or self.types.get(
                self.mentions[first][2]) != "person"):
            first += 1
        if first < len(self.mentions):
            mention_start, mention_end, actor = self.mentions[first]
            if (mention_start < end and _TITLES.fullmatch(self.text, start, mention_start)
                    and not _POSSESSIVE.match(self.text, mention_end)):
                return mention_start, actor
        described = _DESCRIBED_OPENING.match(self.text, start, end)
        if described:
            person = self.titled(*described.group(2, 1), start)
            return None if person is None else (start, person)
        name = _OPENING_NAME.match(self.text, start, end)
        if name and _TITLE_WORD_AFTER.match(self.text, name.end()):
            # "Chinese Foreign Ministry spokeswoman Jane Smith": the capitals open a title.
            name = _TITLED_OPENING.match(self.text, start, end) or name
        if not name or _POSSESSIVE.match(self.text, name.end()):
            return None
        person = self.unlisted_person(name)
        # A title whose holder follows ("Sweden’s Supreme Commander, General Jan Berg, said").
        holder = _APPOSITIVE_NAME.match(self.text, name.end(), end) \
            if person is not None and not person.name else None
        holder = holder and self.unlisted_person(holder)
        if holder is not None and holder.name:
            person = holder
        # A word alone that speaks and that the gazetteer lacks ("Šimonytė said", "Serhiy, a
        # sergeant, said"; not "Moscow said") is someone the rules cannot name: a "he" or "she"
        # after it is not a person named before.
        if person is None and len(name.group(1).split()) == 1 and \
                name.group(1).lower() not in _NOT_SPEAKING_ALONE and \
                not self.mention_within(name.start(1), name.end(1)) and \
                _VERB_AFTER_NAME.match(self.text, name.end(), end):
            person = _Unlisted("")
        return None if person is None else (start, person)


def _subject(doc, start, verb_start, quotes, depth=0):
    """(speaker, pronoun) of the reporting verb at verb_start; the clause begins at start.

    The speaker is "" where the subject is a name the gazetteer lacks, None where there is no
    subject found. Where the subject is "he" or "she", the speaker is None and `pronoun` the
    word, for the caller to resolve (`_People`); else `pronoun` is None."""
    head = doc.text[start:verb_start]
    other = _LAST_OTHER.match(head)
    tail = other.end() if other else 0
    end = start + len(head) - len(_BETWEEN.search(head, tail).group())
    head = doc.text[start:end]
    relative = _RELATIVE_WHO.search(head)
    if relative:
        before = head[:relative.start()]
        return (doc.speaker_ending(start + len(before)) or
                doc.unlisted_person(_NAME_BEFORE.search(before), start)), None
    pronoun = _PRONOUN.search(head, tail)
    if pronoun:
        return None, pronoun.group().strip().lower()
    actor = doc.mention_ending(end)
    if actor:
        return ("" if doc.names_a_place(end) else actor), None
    last_other = max(tail - 1, 0)
    possessor = _POSSESSOR.search(head, last_other)
    if possessor and doc.mention_ending(start + possessor.start()):
        return doc.mention_ending(start + possessor.start()), None
    if head.endswith(","):                    # an appositive: "Oleg Karpovich, Vice-Rector, said"
        inner = head[:-1].rstrip()
        comma = inner.rfind(",")
        named = inner[:comma].rstrip() if comma >= 0 else None
        # The name before the appositive speaks, not one inside it ("Dmitry Peskov, spokesman
        # for Vladimir Putin, said"); else the appositive is the name ("his aide, Yuri Ushakov,").
        before = doc.speaker_ending(start + len(named)) if named else None
        # Two phrases set off: "Jane Smith, speaking in Riga, where she was attending a summit,"
        first = inner.find(",")
        opening = doc.speaker_ending(start + len(inner[:first].rstrip())) \
            if 0 <= first < comma else None
        candidates = [actor for actor in (before, opening, doc.speaker_ending(start + len(inner)))
                      if actor]
        persons = [actor for actor in candidates if doc.types.get(actor) == "person"]
        if persons:
            return persons[0], None
        # "Olga Lebedeva, an adviser to the Kremlin, said": she speaks, not the Kremlin.
        person = (doc.unlisted_person(_NAME_BEFORE.search(named), start)
                  if named and not before else None)
        if person is not None and person.name:
            return person, None
        # "Russia's ambassador to London, Andrei Kelin, said": the appositive is the name; a
        # word alone there too ("a drone operator who gave only his call sign, Lys, said").
        name = _NAME_BEFORE.search(inner, comma + 1) if named else None
        alone = name is not None and not candidates and " " not in name.group(1) and \
            name.group(1).lower() not in _NOT_SPEAKING_ALONE
        appositive = doc.named(name, offset=start) if alone else doc.unlisted_person(name, start)
        if appositive is not None:
            return appositive, None
        if person is not None:
            return person, None
        if candidates:
            return candidates[0], None
    coordinated = _COORDINATED.search(head, last_other)
    if coordinated and depth < 3:
        earlier = [m for m in _VERB.finditer(doc.text, start, start + coordinated.start())
                   if not quotes.covers(m.start())]
        # The nearest verb with a subject: one without is a noun ("seeking claims on ...").
        for verb in reversed(earlier):
            speaker, pronoun = _subject(doc, start, verb.start(), quotes, depth + 1)
            if speaker is not None or pronoun:
                return speaker, pronoun
        # A clause that is the whole sentence so far: its subject is the sentence's.
        index = doc.sentence_at(start)
        opening = doc.opening_subject(index) if doc.sentences[index][2] == start else None
        if opening and opening[0] < start + coordinated.start():
            return opening[1], None
    described = _DESCRIBED_END.search(head)
    if described:
        return doc.titled(*described.group(2, 1), start + described.start()), None
    return doc.unlisted_person(_NAME_BEFORE.search(head), start), None


def _participle_subject(doc, start, verb_start, verbs, subjects):
    """(speaker, pronoun) of a participle at verb_start, in the sentence from `start`: those of
    the last reporting verb with a subject before it in the sentence ("Lavrov said ..., adding
    that"), or with its speaker after it ("..., said Lavrov, adding that"), else the person
    the sentence opens with ("Kremlin spokesman Dmitry Peskov was blunt, saying"), else the
    "he" or "she" it opens with. `subjects` are those of `verbs` so far."""
    for verb, subject in zip(reversed(verbs[:len(subjects)]), reversed(subjects)):
        if verb.start() < start:
            break
        if subject != (None, None):
            return subject
        if verb.group() not in _TAKES_AN_OBJECT:
            speaker = _inverted(doc, verb, verb_start) or \
                doc.named(_NAME_AFTER.match(doc.text, verb.end(), verb_start))
            if speaker is not None:
                return speaker, None
    opening = doc.opening_subject(doc.sentence_at(start))
    if opening and opening[0] < verb_start:
        return opening[1], None
    pronoun = _LEADING_PRONOUN.match(doc.text, start, verb_start)
    return (None, pronoun.group().strip().lower()) if pronoun else (None, None)


def _inverted(doc, verb, limit):
    """The speaker named right after a verb ("said Lavrov", "according to Peskov"): "" for a
    person the gazetteer lacks after a title, None where no one is named."""
    stop = _CLAUSE_END.search(doc.text, verb.end(), limit)
    stop = stop.start() if stop else limit
    after = []
    first = bisect_left(doc.mention_starts, verb.end())
    for index, (start, end, actor) in enumerate(islice(doc.mentions, first, None), first):
        if start >= stop or _CLAUSE_SUBJECT.match(doc.text, end):
            break
        # A possessor does not speak ("announced during Zelensky’s visit"), nor a place or
        # party after a preposition ("said supplies to Ukraine"), nor a state's adjective but in
        # a speaker's title ("said Russian officials", not "said continued Western supplies" or
        # "saying German factories").
        if end <= stop and not _POSSESSIVE.match(doc.text, end) and \
                not _PREPOSITION_BEFORE.search(doc.text, max(verb.end(), start - _PLACE_WINDOW),
                                               start) \
                and not (
                doc.adjectives[index] and not (
                    _DETERMINERS.fullmatch(doc.text, verb.end(), start) and
                    _SPEAKER_AFTER_ADJECTIVE.match(doc.text, end))):
            after.append(actor)
    people = [actor for actor in after if doc.types.get(actor) == "person"]
    if not people:                  # "said State Department spokesman Ned Price"
        person = doc.unlisted_person(_NAME_AFTER_TITLE.search(doc.text, verb.end(), stop))
        if person is not None:
            return person
    return (people or after or [None])[0]


class _People:
    """Whom "he" or "she" refers to: the person the sentence opens with, else the one the
    sentence before opens with, in its paragraph or as a paragraph of its own (one that
    introduces the speaker of the next: "Former president Dmitry Medvedev was blunter still."),
    else the person last named as the subject of a reporting verb or the speaker of a quote
    ("" if the gazetteer lacks them); of each, only one the gazetteer gives that pronoun or
    none. A person the gazetteer lacks takes the pronoun the text first refers to them with
    (after "she told", a later "he" is someone else)."""

    def __init__(self, doc, pronouns):
        self.doc, self.pronouns = doc, pronouns
        self.spoken = []        # the persons who spoke, in order
        self.learned = {}       # name of an _Unlisted person -> the pronoun used for them

    def _pronoun(self, person):
        name = getattr(person, "name", "")
        return self.learned.get(name) if name else self.pronouns.get(person)

    def fits(self, person, pronoun):
        return self._pronoun(person) in (pronoun, None)

    def add(self, actor):
        """Note who spoke: a person, or "" for one the gazetteer lacks (who may be "he" or
        "she": a pronoun after that person's words is not someone named before)."""
        if actor == "" or self.doc.types.get(actor) == "person":
            self.spoken.append(actor)

    def _paragraph(self, sentence):
        return self.doc.sentences[sentence][1]

    def resolve(self, pronoun, offset):
        """The person `pronoun` at `offset` refers to (the sentence there opening before it)."""
        sentence = self.doc.sentence_at(offset)
        openings = [self.doc.opening_subject(sentence)]
        if sentence > 0 and (self._paragraph(sentence - 1) == self._paragraph(sentence) or
                             sentence == 1 or
                             self._paragraph(sentence - 2) != self._paragraph(sentence - 1)):
            openings.append(self.doc.opening_subject(sentence - 1))
        person = next((opening[1] for opening in openings
                       if opening and opening[0] < offset and self.fits(opening[1], pronoun)),
                      None)
        if person is None:
            person = next((person for person in reversed(self.spoken)
                           if self.fits(person, pronoun)), None)
        name = getattr(person, "name", "")
        if name:
            self.learned.setdefault(name, pronoun)
        return person


class _Quotes(list):
    """The (start, end) spans of a document's quotations, in order of their starts."""

    def __init__(self, spans):
        super().__init__(spans)
        self.starts = [start for start, _ in self]
        # The furthest end of the spans so far: `covers` needs no assumption that they are
        # disjoint.
        self.reach, furthest = [], 0
        for _, end in self:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def covers(self, offset):
        index = bisect_left(self.starts, offset) - 1
        return index >= 0 and offset < self.reach[index]


def document_quotes(sentences, mentions, types, pronouns=None):
    """The quotations of one document: [(sentence_id, speaker, quote, rule, end_sentence_id,
    words, start, end, unlisted_speaker)], offsets into the document text.

    `sentences` are (sentence_id, paragraph_id, start, end, text) in order, `mentions` the
    document's mentions as analysis.actors.document_mentions returns them, `types` maps
    actor -> type (person, organisation, ...), `pronouns` person -> "he" or "she" where the
    gazetteer gives one.
    """
    doc = _Document(sentences, mentions, types)
    text = doc.text
    quotes = _Quotes(_quote_spans(text))

    # Every reporting verb outside quotes, with its subject, in text order: the speakers a
    # pronoun or a following quote can refer back to.
    people = _People(doc, pronouns or {})
    every = _verbs(text)
    found = (every, [verb.start() for verb in every])
    verbs = [verb for verb in every if not quotes.covers(verb.start())]
    verb_starts = [verb.start() for verb in verbs]
    subjects = []           # (subject, pronoun) of verbs[i] as _subject finds them
    results = []
    sentence_speaker = {}

    def advance(limit):
        while len(subjects) < len(verbs) and verb_starts[len(subjects)] < limit:
            verb = verbs[len(subjects)]
            index = doc.sentence_at(verb.start())
            start = doc.sentences[index][2]
            # "according to" has no subject: its speaker follows it ("..., according to Peskov").
            if verb.group() == "according to":
                speaker, pronoun = None, None
            elif verb.group() in _PARTICIPLES:
                speaker, pronoun = _participle_subject(doc, start, verb.start(), verbs, subjects)
            else:
                speaker, pronoun = _subject(doc, start, verb.start(), quotes)
            subjects.append((speaker, pronoun))
            if pronoun:
                speaker = people.resolve(pronoun, verb.start())
            if speaker is None and verb.group() == "according to":
                speaker = _inverted(doc, verb, doc.sentences[index][3])
            if _named(speaker):
                sentence_speaker[index] = speaker
            people.add(speaker)

    for quote_start, quote_end in quotes:
        advance(quote_start)
        first, last = doc.sentence_at(quote_start), doc.sentence_at(quote_end - 1)
        sentence_start = doc.sentences[first][2]
        body = text[quote_start + 1:quote_end]
        if body[-1:] in CLOSING_MARKS:                  # the closing mark (absent if left open)
            body = body[:-1]
        body = body.strip().rstrip(",").strip()
        words = len(body.split())
        speaker, rule = _after(doc, quote_start, quote_end, last, found, quotes, people)
        if rule is None:
            speaker, rule = _before(doc, sentence_start, quote_start, verbs, verb_starts,
                                    subjects, people)
        lead = text[sentence_start:quote_start].rstrip()
        if rule is None and lead.endswith(":"):
            speaker, rule = _colon(doc, sentence_start, sentence_start + len(lead) - 1)
        partial = bool(lead.strip(" “‘\"'([—–-")) and not lead.endswith(":")
        if rule is None and not partial and first > 0 and first - 1 in sentence_speaker:
            same_paragraph = doc.sentences[first - 1][1] == doc.sentences[first][1]
            speaker, rule = sentence_speaker[first - 1], ("continued" if same_paragraph
                                                          else "previous")
        # Someone reports it, though the text does not say who in a name ("The embassy warned
        # that Moscow would “take all necessary measures”"): a quotation, not a scare quote.
        if rule is None and partial and _reported_before(sentence_start, quote_start,
                                                         verb_starts):
            speaker, rule = "", "unnamed"
        if words < MIN_WORDS or (partial and rule is None) or \
                _SO_CALLED.search(text, max(0, quote_start - _WORD_WINDOW), quote_start):
            continue
        rule = rule or "none"
        if _named(speaker):
            sentence_speaker[last] = speaker
        if rule not in ("none", "unnamed"):
            people.add(speaker)
        results.append((doc.sentences[first][0], "" if speaker is None else speaker, body, rule,
                        doc.sentences[last][0], words, quote_start, quote_end))
        advance(quote_end)
    _continue_into_next_paragraph(doc, results)
    return [(sentence_id, str(speaker), *rest, getattr(speaker, "name", ""))
            for sentence_id, speaker, *rest in results]


def _continue_into_next_paragraph(doc, results):
    """Rule `next paragraph`, on the results of `document_quotes` (last first, so a quote over
    three paragraphs takes the speaker named in the third)."""
    for index in range(len(results) - 2, -1, -1):
        sentence_id, _, body, rule, *rest = results[index]
        end = rest[-1]
        _, next_speaker, *_, opens, _ = results[index + 1]
        if rule not in ("previous", "none") or doc.text[end - 1] in CLOSING_MARKS \
                or not next_speaker:
            continue
        sentence = doc.sentence_at(opens)
        if (sentence > 0 and doc.sentences[sentence][2] == opens
                and doc.sentences[sentence - 1][1] != doc.sentences[sentence][1]
                and doc.sentence_at(end - 1) == sentence - 1):
            results[index] = (sentence_id, next_speaker, body, "next paragraph", *rest)


def _after(doc, quote_start, quote_end, last, found, quotes, people):
    """Rule `after`: a reporting clause right after the closing mark, in the same sentence (or
    in a next sentence that starts in lower case, where the splitter cut after “...?”).
    `found`: every match of _VERB in the text, and their starts; a pronoun is resolved as
    where the quote opens."""
    text = doc.text
    limit = doc.sentences[last][3]
    following = last + 1
    if (quote_end >= limit and following < len(doc.sentences) and
            doc.sentences[following][1] == doc.sentences[last][1] and
            doc.sentences[following][4][:1].islower()):
        limit = doc.sentences[following][3]
    begin = _TAIL_START.match(text, quote_end, limit).end()
    verb = _verb_search(text, *found, begin, limit)
    # A clause opening with "and" or "but" says something else ("...,” and Lavrov accused ...").
    if not verb or _QUOTE_MARK.search(text, begin, verb.start()) or (
            verb.group() == "according to" and verb.start() > begin) or \
            _NEW_CLAUSE.match(text, begin, verb.start()):
        return None, None
    if verb.start() == begin:                              # ,” said Federation Council ...
        pronoun = _LEADING_PRONOUN.match(text, verb.end(), limit)
        if pronoun:
            return people.resolve(pronoun.group().strip().lower(), quote_start), "after+pronoun"
        speaker = _inverted(doc, verb, limit)
        # Someone the gazetteer lacks ("said Olga Lebedeva, an analyst"): known to speak,
        # unknown to the package; not the speaker of the quote before.
        if speaker is None:
            speaker = doc.named(_NAME_AFTER.match(text, verb.end(), limit))
        if speaker is None:
            return _unnamed(text, verb.end())
        return speaker, "after"
    head = text[begin:verb.start()].strip()
    # A clause, not a sentence of its own: a few words, a name and its appositive
    # (,” Dr. Nadia Korsgaard, a defense analyst at an institute in Copenhagen, told ...), or a
    # long title and a name (,” British Secretary of State for Foreign Affairs Jane Smith said).
    if len(head.split()) > 8 and not _NAME_BEFORE.match(head) and \
            not _TITLED_NAME.fullmatch(head):
        return None, None
    speaker, pronoun = _subject(doc, begin, verb.start(), quotes)
    if pronoun:
        return people.resolve(pronoun, quote_start), "after+pronoun"
    if speaker is None:
        speaker = doc.named(_NAME_ONLY.fullmatch(text, begin, begin + len(head)))
    return _unnamed(text, begin) if speaker is None else (speaker, "after")


def _unnamed(text, at):
    """("", "unnamed") where the reporting clause at `at` names someone only by an indefinite
    description (,” said an analyst at a think tank; ,” a senior official said): someone the
    text does not name, not the last speaker; else (None, None), for the other rules."""
    return ("", "unnamed") if _INDEFINITE.match(text, at) else (None, None)


def _colon(doc, sentence_start, colon):
    """Rule `colon`, for a quote after the colon at `colon` that no reporting verb introduces:
    an actor named right before the colon in a short clause, else the person the sentence opens
    with; ("", "none") where neither is found, so that the quote does not take the speaker of
    the sentence before."""
    actor = doc.mention_ending(colon)
    if actor and len(doc.text[sentence_start:colon].split()) <= _COLON_CLAUSE_WORDS:
        return actor, "colon"
    opening = doc.opening_subject(doc.sentence_at(colon))
    if opening and opening[0] < colon:
        return opening[1], "colon"
    return "", "none"


def _reported_before(sentence_start, quote_start, verb_starts):
    """Whether a reporting verb (outside quotes) comes before the quote in its sentence."""
    index = bisect_left(verb_starts, quote_start) - 1
    return index >= 0 and verb_starts[index] >= sentence_start


def _before(doc, sentence_start, quote_start, verbs, verb_starts, subjects, people):
    """Rule `before`: the last reporting verb earlier in the sentence, outside quotes (`verbs`:
    the document's, with their starts and the results of _subject for those before the
    quote)."""
    index = bisect_left(verb_starts, quote_start) - 1
    if index < 0 or verb_starts[index] < sentence_start:
        return None, None
    verb = verbs[index]
    speaker, pronoun = subjects[index]
    if pronoun:
        speaker = people.resolve(pronoun, verb.start())
    if speaker is None and not pronoun and (
            verb.group() in _TAKES_AN_OBJECT or
            verb.group() in _WARNING_VERBS and _WARNED.match(doc.text, verb.end(), quote_start)):
        # Who follows the verb is spoken to or of ("accused Tokyo of “...”"), not the speaker.
        speaker = doc.named(_name_before(doc.text, sentence_start, verb.start()))
    elif speaker is None and not pronoun:
        speaker = _inverted(doc, verb, quote_start)
        if speaker is None:                             # named, but not in the gazetteer
            after = _NAME_AFTER.match(doc.text, verb.end(), quote_start)
            # "said Moscow would ...", "says Ukraine’s own forces ...": no speaker.
            if after and (_CLAUSE_SUBJECT.match(doc.text, after.end()) or
                          after.group().endswith(("’s", "'s", "’", "'"))):
                after = None
            speaker = doc.named(after, _name_before(doc.text, sentence_start, verb.start()))
    if speaker is None and not pronoun:
        return None, None
    return speaker, "before+pronoun" if pronoun else "before"


def _name_before(text, start, end):
    """The match of _NAME_BEFORE in text[start:end], or None; not a name after a lower-case word
    ("a diplomat in Brussels, speaking on condition of anonymity, said"), which is no subject."""
    name = _NAME_BEFORE.search(text, start, end)
    if name and _AFTER_A_LOWER_CASE_WORD.search(text, max(start, name.start(1) - _WORD_WINDOW),
                                                name.start(1)):
        return None
    return name


def find_quotes(docs_or_sentences, gazetteer=None, mentions=None):
    """One row per quotation: doc_id, sentence_id, speaker, quote, rule, end_sentence_id,
    words, start, end, unlisted_speaker.

    Takes the sentence table of analysis.sentences (preferred: the ids then match every other
    table) or the documents table, which is split here. `speaker` is the canonical name of the
    gazetteer's actor, "" where unknown; `unlisted_speaker` the name the text gives a speaker
    the gazetteer lacks ("Alexey Pavlovsky"), else ""; `sentence_id` is the sentence where the
    quote opens; `start`/`end` are offsets into the document's cleaned text, quotation marks
    included.
    `mentions`: the `find_mentions` table of these sentences with this gazetteer, when it is
    at hand (they are found again otherwise).
    """
    table = docs_or_sentences
    if "sentence_id" not in table.columns:
        table = split_sentences(table)
    matcher = _as_matcher(gazetteer)
    found = None if mentions is None else rows_by_document(mentions, MENTION_COLUMNS[1:])
    rows = []
    documents = rows_by_document(table, SENTENCE_COLUMNS[1:])
    for doc_id, sentences in with_progress(documents.items(), "finding quotes", len(documents)):
        if found is None:
            document = document_mentions([(row[0], row[4]) for row in sentences], matcher)
        else:
            document = found.get(doc_id, [])
        rows.extend((doc_id, *quote) for quote in document_quotes(sentences, document,
                                                                   matcher.types,
                                                                   matcher.pronouns))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def quote_table(quotes):
    """The quotes in the column order of the contract: doc_id, speaker, quote, then the rest."""
    return quotes[["doc_id", "speaker", "quote", "sentence_id", "end_sentence_id", "rule",
                   "words", "start", "end", "unlisted_speaker"]]


def _quoted(quotes, column):
    """Quotations per value of `column`: that column, quotes, documents, most quoted first."""
    per_document = counted(quotes, [column, "doc_id"], "quotes")
    counts = per_document.groupby(column).agg(quotes=("quotes", "sum"),
                                              documents=("doc_id", "size")).reset_index()
    return counts.sort_values(["quotes", column], ascending=[False, True],
                              kind="stable").reset_index(drop=True)


def speaker_counts(quotes, unknown="(unknown)", unlisted=" (not in gazetteer)"):
    """Quotations per speaker: speaker, quotes, documents, most quoted first. A person the
    gazetteer lacks is shown by the name the text gives them (`unlisted_speaker`) followed by
    `unlisted`, so that who speaks is seen even before the gazetteer knows them; the quotes
    whose speaker the text does not name are one row named `unknown`. `quotes`: find_quotes'
    rows, or their counts per document, speaker and unlisted_speaker (the pipeline's
    quote_counts)."""
    named = quotes["unlisted_speaker"].where(quotes["unlisted_speaker"] == "",
                                             quotes["unlisted_speaker"] + unlisted)
    shown = quotes["speaker"].mask(quotes["speaker"] == "", named.replace("", unknown))
    return _quoted(quotes.assign(speaker=shown), "speaker")


def unlisted_speakers(quotes):
    """The people quoted whom the gazetteer lacks, by the name the text gives them (find_quotes'
    `unlisted_speaker`): name, quotes, documents, most quoted first. Add the ones worth naming
    to the gazetteer."""
    named = quotes[quotes["unlisted_speaker"] != ""]
    return _quoted(named.rename(columns={"unlisted_speaker": "name"}), "name")
