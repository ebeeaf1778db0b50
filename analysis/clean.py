"""Separate the article from what a web page wraps around it.

Text copied from news sites carries navigation, labels, bylines, donation appeals, newsletter
boxes, comment forms and teasers for other articles. The rules below work on the shape of a
line and on cue phrases that such page furniture uses across outlets, never on the wording of
particular articles. Every removed line is reported with the rule that removed it, so a reader
can check that nothing of the article was lost (`analysis.corpus.removed_lines`).

Order of work:
1. rejoin a paragraph broken in the middle of a sentence (a line that does not end a sentence,
   followed, perhaps after blank lines, by one that starts in lower case and is no byline);
2. classify each line with the line rules (first match wins);
3. remove short runs of lines enclosed by two lines of the same boilerplate block (the body of
   a donation appeal between its greeting and its button, a teaser headline between "Check
   also" and the teaser's truncated text);
4. remove the headlines listed under a teaser heading ("More on this story");
5. remove notes on the author ("Jane Smith is a correspondent for ...");
6. remove link lists: runs of very short lines that end no sentence (tags, share buttons);
7. remove short lines that end no sentence and recur in the document (buttons, labels);
8. drop later copies of a line already kept (a headline printed twice).
"""
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from .letters import UPPER
from .regex_literals import literal_sets, longest

SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "…", "*")


def _cues(*phrases):
    return r"(?i:" + "|".join(phrases) + r")"


# A section's name that heads teasers at a page's foot ("Top stories"), or labels the article
# at its top (see _remove_teaser_lists).
_SECTION_NAME = (r"^(?:top (?:news|stories)|"
                 r"latest(?: (?:\w+ )?(?:news|stories|headlines)| in \w+)?)$")
SECTION_NAME = re.compile(_cues(_SECTION_NAME))
# "Read more" glued to the headline it introduces, as copied ("Read moreWhat is ...").
_GLUED_KICKER = r"^(?:read|see) (?:more|also)(?-i:[A-Z])"
GLUED_KICKER = re.compile(_cues(_GLUED_KICKER))
# "Watch Kremlin lists its conditions": a video's title after its kicker (or "Watch Live", a
# link): a teaser of its own, heading no list.
_VIDEO_TITLE = r"^(?:watch|video) (?-i:[A-Z])[^.!?]*$"
VIDEO_TITLE = re.compile(_cues(_VIDEO_TITLE))

# Cue phrases of block boilerplate. A line matching one belongs to that block.
CUE_PHRASES = {
    "donation appeal": (
        r"\bsupport us\b", r"\byour support\b", r"\bsupport (?:[\w'’-]+ ){0,5}journalism\b",
        # "a contribution to a peacekeeping mission" is a state's, in an article
        r"\b(?:make|consider|making) a (?:donation|contribution)\b(?! to (?:an?|the)\b)",
        r"\bdonate (?:now|today|here|to us|monthly)\b",
        r"\bdonations?\b[^.]{0,30}\b(?:keeps?|helps?|allows?)\b",
        r"\bevery contribution\b",
        r"\bads?-free\b", r"\bdear readers?\b", r"^a message from\b", r"\bwe need your help\b",
        r"\bnot ready to (?:support|donate|give)\b", r"\bremind me later\b",
        r"^donate(?: (?:via|with|by) [\w ]{1,20})?\W*$",
        r"\bpay(?:ment|ing) methods?\b",
        r"\bbecom(?:e|ing) (?:a|our) (?:patron|supporter|paying member)\b", r"^become a member\W*$",
        r"\bsupport (?:us|our work) (?:monthly|today)\b", r"\bsupporting us\b",
        r"\bsmall favou?r to ask\b", r"\bremind me (?:later|in \w+)\b",
        r"\b(?:regular|one-off|monthly|annual|recurring) (?:contribution|donation|gift)\b",
        r"\byour (?:contribution|donation)s? (?:helps?|keeps?|allows?|makes?)\b",
        r"\breaders like you\b", r"\bhelp us (?:keep|continue|produce)\b",
        r"^make (?:a )?contribution\W*$", r"\bbehind a (?:\w+ )?paywall\b",
        r"\b(?:value|appreciate) your readership\b", r"\bwe appreciate you\b",
        r"\byour contribution of\b", r"\bas little as [$€£]\d",
        r"\bhelp keep (?:our )?(?:stories|journalism|news|reporting) free\b",
        r"\bafford\b[^.]{0,40}\bnews subscriptions\b",
        r"\balready (?:contributed|donated)\b", r"\bcontribute here\b",
        r"\bwe exist thanks to (?:our )?readers\b", r"\bby donating\b", r"^by subscribing\b",
        r"\byou['’]ve read \d+ [^.]{0,40}\barticles\b",
        r"\bquality journalism is more (?:crucial|important|needed|vital) than ever\b",
        # not "By contributing to the fund, Germany ...", nor a state "could consider making a
        # contribution to the mission"
        r"\b(?:good|quality|independent) journalism costs\b",
        r"^by contributing to\b[^.]{0,60}\byou(?:['’]re| are)\b",
        r"\bconsider making a (?:modest |small )?(?:support|contribution|donation|gift)\b"
        r"(?! to (?:an?|the)\b)",
        r"^support (?-i:(?:[A-Z][\w&.'’-]*)(?: [A-Z][\w&.'’-]*)?)$"),
    "newsletter box": (
        r"\bnewsletters?\b", r"\bsign up (?:for|to|now|here)\b", r"^sign up\W*$",
        r"\bsubscribers? agree\b",
        r"\bsubscribe (?:now|here|today|for free|to (?:our|the))\b", r"\bprivacy policy\b",
        r"^thanks? (?:you )?for reading\b",
        r"\b(?:in|to) your (?:mailbox|inbox)\b", r"\bnever miss\b", r"\bunsubscribe\b",
        r"\bunlimited access\b", r"\bfree trial\b",
        r"\balready (?:have an account|a subscriber|a member)\b", r"^enter your e-?mail\b",
        r"\bjoin (?:[\w&'’.-]+ ){0,3}(?:whatsapp|telegram) channel\b",
        r"^enjoying this (?:article|story)\?",
        r"^get (?:our|the) [\w ]{0,30}\balerts?\W*$",
        r"^get (?:an? )?(?:breaking )?(?:e-?mail|push|news) alerts?\b",
        r"^get (?:the )?latest [^.]{0,40}\b(?:delivered|in your inbox)\b",
        r"^get (?:the )?latest [^.]{0,60} on (?:whatsapp|telegram|google news)\b",
        # a browser's push notifications: "We'll send you the latest news updates"
        r"\bwe['’]ll send you (?:the )?latest\b", r"\bnotification (?:icon|bell)\b",
        r"^get exclusive (?:analysis|insights|content|coverage)\b",
        r"^get \d+% off\b", r"^by signing up\b", r"^cancel any ?time\W*$",
        r"^subscribe (?:now |today )?for (?:just |only )?[$€£]\d",
        r"^subscribe (?:to|for) [^.]{0,60}?\baccess\b", r"^don['’]t miss (?:out on )?the latest\b",
        # the print edition's replica: "Now you can read the Example Times ePaper anytime"
        r"\bread (?:the |our )?[\w ]{0,40}\be-?paper\b",
        r"\byour (?:premium |free )?(?:period|subscription|trial|access) (?:will )?expires?\b",
        # an invitation to follow the outlet elsewhere: "Find Example News on WhatsApp"
        r"\b(?:follow|find|join) (?:[\w&'’.-]+ ){1,4}on (?:whatsapp|telegram|google news|"
        r"instagram|youtube|tiktok)\b(?: channels?)?\W*(?:$|and\b)",
        r"\b(?:stay|keep) (?:up(?: to date)?|updated|informed) with (?:all )?(?:the latest|"
        r"what['’]?s happening)\b"),
    "comment form": (
        r"^leave a (?:reply|comment)\b", r"\bemail address will not be published\b",
        r"\brequired fields are marked\b", r"^post (?:a )?comment\b", r"^\d* ?comments?$",
        r"^comments? \(\d[\d,]*\)$",
        r"^(?:show|view|see|read|load) (?:all )?\d[\d,]* comments?$",
        r"^join the (?:conversation|discussion|debate)\b",
        r"\b(?:log|sign) ?in (?:here )?to (?:leave a |post a )?(?:comment|reply)\b",
        r"^cancel reply$", r"^add your comment\b", r"^be the first to comment\b",
        r"^showing \d+ comments?$", r"^comments: our rules$", r"^add a comment\W*$",
        r"^this (?:article|story) (?:has )?received \d+ comments?\W*$",
        r"^(?:show|hide) comments$", r"\bcomment(?:ing)? community\b",
        r"^read our (?:house rules|community (?:guidelines|standards|rules))\b",
        r"\bkeep (?:your )?comments (?:civil|respectful|on topic|polite|relevant)\b",
        r"\bcomments? (?:below|above) (?:have|has) not been\b", r"\bposting your comment\b",
        r"\byour comments? will be posted\b", r"\btop commenters?\b",
        r"\bcomment(?:s|ing)? (?:section|policy|guidelines)\b",
        r"^(?:share|comment) or (?:share|comment) on this\b",
        r"\bcomments (?:are|will be) (?:now )?(?:moderated|reviewed|closed)\b",
        r"^comments (?:have been|are) (?:closed|disabled|turned off)\b",
        # not "The minister's comments do not reflect government policy"
        r"^(?:disclaimer: )?comments? do(?:es)? not (?:necessarily )?(?:represent|reflect)\b",
        # a publishing platform's comment form: "Please enter your comment!", "Save my name,
        # email, and website in this browser for the next time I comment."
        r"^please enter your (?:comment|name|e-?mail)\b",
        r"^you have entered an incorrect e-?mail\b", r"^save my name,? e-?mail\b",
        r"^comments (?:under|on|for|to) this (?:article|story|page) (?:have|has) been "
        r"(?:deactivated|disabled|closed|turned off)\b",
        r"^your (?:e-?mail|name)(?: address)?\W*$",
        r"^commenting (?:for|on) this (?:story|article) is (?:now )?closed\b",
        r"^comments are subject to\b"),
    "teaser": (
        r"^(?:read|see|show|load) (?:more|all|also|next)\b\W*$", r"^check also$",
        r"^(?:related|suggested)(?: articles?| stories| news| posts?| coverage| topics| tags|"
        r" content| links)?:?$",
        # a site's links to the stories before and after this one, each heading its headline
        r"^(?:previous|prev|next) (?:article|story|post)$",
        r"^more (?:from|on|in) ", r"^more (?:news|stories|articles|videos)$", r"^explore more\b",
        r"^popular (?:on|from|in)\b", r"^other (?:topics|stories|articles|news)\b",
        # A section's name ("Latest news", "Top stories") heads teasers only once the article
        # has begun: above it, it may label the article's own headline (_remove_teaser_lists).
        r"^latest (?:on|from) [^.!?]{1,40}$", r"\bmost recent$", _SECTION_NAME,
        r"^further reading$",
        r"^for more (?:on|about) [^.]{1,60}, (?:make sure to |be sure to )?(?:check out|visit|see) "
        r"our\b",
        r"^related(?: (?:articles?|stories|news|coverage))?: [^.!?]*[^.!?:]$",
        r"^on the same (?:topic|subject)$", r"^popular (?:stories|articles|news)$",
        r"^(?:articles|stories|more) in this (?:story|series|dossier)$",
        _GLUED_KICKER,
        r"^(?:recommended|you may also like|you might also like|also read|most read|"
        r"most popular|most (?:watched|viewed|shared)|trending|editors?['’]?s? picks?)\b",
        r"(?:…|\.\.\.)$",
        # A headline after a kicker: "Read also: ...", "Watch: ..." (a headline has no full stop).
        r"^(?:read|see)(?: (?:also|more|next)(?: (?:about|on|from|in)(?: [^:.]{1,40})?)?)?: ",
        r"^more: [^.]*$",
        # a headline after a kicker and a bar: "READ | Senate passes ..."
        r"^(?:(?:also )?read|see)(?: (?:also|more|next))? \| ",
        r"^(?:watch|listen|video|podcast|explainer|analysis|opinion) ?[:|] [^.]*$",
        # a video's promotion: "Watch the latest episode of ..."
        r"^watch the latest (?:episode|edition|video|bulletin)\b",
        _VIDEO_TITLE,
        # A heading of the teasers below it: "Read more from Example News:".
        r"^(?:read|see) more (?:from|on|about) [^:.]{1,40}:$"),
    # A consent banner, and its buttons. Not "cookies" alone: an article may mention cookies.
    "cookie notice": (
        r"\b(?:we|(?:this|our) (?:web)?site|our partners) (?:and our partners )?uses? cookies\b",
        r"\buse of cookies\b", r"\bcookies? (?:policy|settings|preferences|notice|consent)\b",
        r"\bstore and/or access information on a device\b",
        r"^(?:accept|reject|allow|decline|refuse)(?: all)?(?: cookies)?\W*$",
        r"^(?:manage|cookie|privacy) (?:preferences|settings|choices|options)\W*$",
        r"^do not sell (?:or share )?my\b", r"^(?:ok|okay|got it|i agree)!?$",
        r"^(?:close and accept|accept and close|agree and close)\W*$"),
}
BLOCK_CUES = {**{name: _cues(*phrases) for name, phrases in CUE_PHRASES.items()},
              "author box": r"^About \S+(?: \S+){0,3}$"}

# Words a page prints around the date and time of an article ("Updated 5:47 PM GMT+2, Feb. 18").
STAMP_WORDS = (
    "jan(?:uary)?", "feb(?:ruary)?", "mar(?:ch)?", "apr(?:il)?", "may", "june?", "july?",
    "aug(?:ust)?", "sep(?:t(?:ember)?)?", "oct(?:ober)?", "nov(?:ember)?", "dec(?:ember)?",
    "mon(?:day)?", "tue(?:s(?:day)?)?", "wed(?:nesday)?", "thu(?:rs?(?:day)?)?", "fri(?:day)?",
    "sat(?:urday)?", "sun(?:day)?", "today", "yesterday", "updated", "published", "posted",
    "issued",
    "modified", "last", "on", "at", "ago", "just now", "[ap]m", r"[ap]\.m", "hours?", "hrs?",
    "minutes?", "mins?", "days?", "weeks?", "months?", "years?", "first(?= published| posted)",
    "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "msk", "ist", "jst", "aest", "aedt",
    "[ecmp][sd]t", "et")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
# A word of a byline, and a person's name there: "Jane", "RFE/RL's", "Pieter de Graaf".
_NAME_WORD = UPPER + r"[\w.'’/-]*"
_CAPITALISED = UPPER + r"[\w'’-]+"
# A word of a name in a list of names: not a word that a headline in title case capitalises
# ("Russia Warns Croatia, Serbia Over Role in Arming and Training Ukraine" names no one).
_NAME_PART = (r"(?!(?:A|An|The|And|Or|But|Nor|Not|No|Of|To|In|On|At|By|For|With|Without|As|"
              r"After|Before|From|Into|Over|Under|Amid|Against|About|Than|Up|Out|Off|Is|Are|"
              r"Was|Were|Be|Will|Would|Could|Should|Can|May|Must|Has|Have|Says|Say|Said)\b)"
              + _CAPITALISED)
_FULL_NAME = _NAME_PART + r"(?: (?:(?:de|van|von|der|al|bin|da|di|la|le) )?" + _NAME_PART \
    + "){1,2}"
# A role between "By" and the name: "By political reporter Jane Smith".
_BYLINE_ROLE = (r"(?:(?:reporter|correspondent|editor|writer|journalist|analyst|producer|staff)"
                r"\s+)")
# News agencies, as credited in brackets: "(Reuters)", "(EXAMPLE NEWS with AFP and AP)".
_AGENCIES = (r"reuters|afp|ap|dpa|tass|interfax|xinhua|efe|ansa|anadolu|ukrinform|bloomberg|"
             r"aap|yonhap|epa|agence france-presse|associated press|agencies")
# A name in a credit line of agencies alone, and what joins two.
_CREDITED = r"(?:" + UPPER + r"[\w&'’-]*|and|with)"
_CREDIT_JOIN = r"(?: ?[/,&] ?| )"
# A role before a name in a credit line: "Journalist: Jane Smith, Editor: Tom Brown".
_ROLE = r"(?i:journalist|reporter|author|editor|writer|photographer|producer)s?: "
# A name in a credit line: capitalised words, "and", "in Kyiv", commas.
_NAMES = UPPER + r"[\w.'’-]*(?:,? (?:and |in |at )?" + UPPER + r"[\w.'’-]*)*"
_CREDIT = (r"(?i:(?:additional )?(?:reporting|writing|editing|edited|compiled|research|"
           r"translation|translated|produced|graphics)(?: and \w+)? by:?) " + _NAMES)
_COUNTED = (r"\d[\d,.]*[km]?(?: (?:likes?|comments?|shares?|restacks?|reposts?|views?|"
            r"reactions?|replies|votes?))?")

# Line rules for page furniture that stands alone (checked before the block cues).
LINE_RULES = {
    "no words": r"^[\W_]*$",
    "breadcrumb": r"^[^/›»>|·∙•]{1,60}(?:\s[/›»>|·∙•]\s[^/›»>|·∙•]{1,80}){2,}$"
                  r"|^[^|\s][^|.]{0,30}\|[^|\s][^|.]{0,40}$",
    "read time": r"^(?i:reading time:? )?\d+\s*(?i:min(?:ute)?s?)\.?(?i: read)?$",
    # "By Jane Smith, Senior Correspondent and Tom Brown in Kyiv", "Story by Jane Smith, CNN";
    # names alone when two or more are joined ("Jane Smith in Riga and Pieter de Graaf").
    "byline": r"^(?i:authors?|by|story by|words by|written by|posted by|published by|"
              r"reporting by)(?::|\s+(?:(?:[a-z]+\s+){0,2}?" + _BYLINE_ROLE + r")?"
              + _NAME_WORD + r"(?:(?:,\s+|\s+(?:and|in|with|for)\s+|"
              r"\s+\|\s+(?:(?i:edited|updated|reviewed) by\s+)?|\s+)"
              + _NAME_WORD + r"){0,9})?\s*$"
              r"|^" + _FULL_NAME + r"(?: in [A-Z][\w'’-]*)?"
              r"(?:(?:, | and |, and )" + _FULL_NAME + r"(?: in [A-Z][\w'’-]*)?)+$",
    # A page's date and time stamp, nothing else: each word ends where a word ends or where the
    # next starts glued to it in capitals ("GMTUpdated", as copied), so a line reads one way only.
    # The author or agency may come first: "Jane Smith — Tuesday, 29 March 2022, 19:40".
    "time stamp": r"^(?=\D*\d)(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} [/|—–·-] )?"
                  r"(?i:this (?:content|article|story|page) (?:was|has been) )?"
                  r"(?:[\W_]*(?:\d+(?!\d)(?i:st|nd|rd|th)?|(?i:" + "|".join(STAMP_WORDS)
                  + r")(?:\b|(?=[A-Z]))|(?<![^\W\d_])[A-Z]{1,3}[SD]T\b))+[\W_]*"
                  # the section it was filed in: "... 23:18 | World, Asia"
                  r"(?:\| " + _CAPITALISED + r"(?:,? " + _CAPITALISED + r"){0,3})?$",
    "label": r"^(?i:categor(?:y|ies)|tags?|topics?|section|image description|image caption|photo|"
             r"image|video|advertisement|share(?: this)?(?: article| story)?|print|"
             r"share (?:on|via|to) \w+(?: \w+)?|tweet|gift (?:this )?(?:article|story)|"
             r"listen(?: to this article)?|follow us(?: on)?|explainer|save|bookmark|sign in|"
             r"log in|subscribe|copy link|link|email|e-mail|facebook|twitter|x|linkedin|whatsapp|"
             r"telegram|reddit|pinterest|flipboard|messenger|bluesky|threads|link copied!?|"
             r"copied!?|copy to clipboard|story continues(?: below(?: (?:the )?advertisement)?)?|"
             r"skip to (?:main )?(?:content|navigation)|skip (?:next|this) section(?: \w+){0,3}|"
             r"(?:[^.]{1,40} [-–—|] )?back to (?:top|home|homepage)|"
             r"advertisement \d+|open this photo in gallery:?|follow related (?:authors|topics)"
             r"(?: and (?:authors|topics))?|share this (?:article|story) (?:in|on|with) [^.]{1,30}|"
             r"follow [^.]{1,60} on \w+(?: [\w&]+){0,2}|file (?:photo|picture|image)|"
             r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|news)(?:\.[a-z]{2})?/?|"
             r"follow [^.]{1,80} at https?://\S+|"
             r"e-?mail address|social sharing|sections|(?:close |open )?(?:main )?menu|"
             r"duration:? \d{1,2}:\d{2}(?::\d{2})?|"
             r"(?:play video\.? )?duration:? \d+ minutes?(?: \d+ seconds?)?|play video|"
             r"\d+ ?m \d+ ?s|feedback|view gallery|x \(formerly twitter\)|"
             r"why you can trust [^.]{1,40}|join our [\w ]{1,20} channel(?: [^.]{0,60})?|"
             # a list of tags on one line: "Subjects: Russia, negotiations, Istanbul"
             r"(?:tags?|tagged|topics?|subjects?|keywords?|filed under|categor(?:y|ies)):\s*"
             r"[^.!?]{1,200}?\.?|"
             r"(?:related search(?:es)?|related topics):\s*[^.!?]{1,200}?|"
             r"join now|@\w+|(?:back to )?top|story highlights|share ?[-–—|] ?\w+|"
             r"e-?paper|full (?:article|story)|go to (?:the )?[^.]{1,40} home ?page|"
             r"change (?:font |text )?size|close(?: x)?|did you find an? (?:error|mistake)\??|"
             r"read (?:the|this) (?:article|story) in:? [^.]{1,80}|(?:text )?ad:.*|"
             # an address or a link alone ("jane.smith@example.com", "https://..."), or after a
             # label ("iOS: https://...", "Short link:"), and the footer's contact lines
             r"\S+@\S+\.\w+|[^.:]{1,40}: https?://\S+|https?://\S+|short (?:link|url):?|"
             r"share ?/ ?print:?|photo gallery(?: \(click to enlarge\))?|keywords|ad|"
             r"advertise with us|(?:address|tel|phone|fax) ?: [^.]{1,80}|join our community|"
             # the outlet's own name after "Follow": "Follow Example News"
             r"follow(?-i: [A-Z][\w'’-]*){1,3}|"
             r"(?:do you like (?:the content of )?|did you (?:like|enjoy) |was )"
             r"this (?:article|story)(?: (?:helpful|useful))?\?|"
             r"did you find this (?:article|story) (?:helpful|useful|insightful|informative|"
             r"interesting)\?)\s*:?\s*$",
    # An audio version's player: "Listen to this article · 7:42 min", "Voiced by AI."
    "audio player": r"^(?i:(?:press play to )?listen to (?:this|the) (?:article|story)\b|"
                    r"(?:new)?\s*you can now listen to\b|"
                    r"voiced by artificial intelligence\b|powered by \w+(?: \w+)? audio\b|"
                    r"[^.]{0,80}\bai(?:-generated)? (?:narration|voice)\.?$|"
                    r"[^.]{0,80}\bgenerated by text-to-speech\b)",
    "app prompt": r"^(?i:(?:click here to )?(?:get|download|install) (?:the|our) "
                  r"[\w -]{0,30}\bapp\b|"
                  r"(?:available|download|get it) on (?:the )?(?:app store|google play)"
                  r"(?: (?:and|or) (?:the )?(?:app store|google play))?\W*$)",
    # What a reader's account offers ("Log in, register or subscribe to save articles for
    # later."), and a link's call to click.
    "account prompt": r"(?i:^(?:log|sign) ?in,? (?:or |register|create)|"
                      r"^click (?:here|the|on|to)\b|"
                      r"\bmust be (?:logged|signed) in\b|\bsave (?:articles|stories) for later\b|"
                      r"\byour personal (?:news )?feed\b|\bbecome a fan (?:of us|on|and get)\b|"
                      r"^if you have a facebook account\b|"
                      r"^please (?:log|sign) ?in to\b|\bsave this (?:article|story) by\b|"
                      r"^to continue reading\b|^read this (?:article|story) for free\W*$)",
    # A line of six words or more in capitals that ends no sentence: a link ("CLICK HERE TO
    # ...", a headline of another article); an article's subheading is shorter.
    "link in capitals": r"^(?=(?:\S+ ){5})[^a-z]*[A-Z][^a-z]*(?<![.!?:;\"”’')…*])$",
    # A note on the article itself, not part of it: "(Updates with comments in paragraph 9.)",
    # "(EXAMPLE NEWS with AFP and REUTERS)", "Update 8/18/23: This article was updated ...".
    "editor's note": r"^\((?i:updates|adds|recasts|corrects|refiles|rewrites|removes|"
                     r"clarifies|amends|writes through)\b[^()]{0,100}\)$"
                     r"|^\((?:(?:(?i:with|and|" + _AGENCIES + r")|[A-Z0-9][A-Z0-9.&'’-]*+)"
                     r"(?![\w.&'’-])|[ ,/])++\)$"
                     r"|^(?i:(?:update|updated|correction|clarification)\b"
                     r".{0,40}?: this (?:article|story|report)\b|"
                     r"(?:editor['’]?s note|correction|clarification):|"
                     r"this (?:article|story|report) (?:has been|was) "
                     r"(?:updated|corrected|amended)\b|"
                     r"a version of this (?:article|story) appear|"
                     r"this (?:article|story) was (?:originally |first )?published (?:in|on|by) |"
                     r"this (?:article |story )?was published \d+ \w+ ago\.?$|"
                     # "Published in Example Daily, June 15th, 2024": the print edition.
                     r"published in [^.,]{1,40}, [^.]{0,30}\d{4}\.?$)",
    "link text": r"(?i:,? \(?opens? (?:in )?(?:a )?new (?:tab|window)\)?)\.?$",
    # An outlet's acknowledgement of a country's first peoples, in its footer.
    "acknowledgement": r"^(?i:(?:we|[\w.&'’ -]{2,40}) acknowledges? (?:the )?(?:aboriginal|"
                       r"traditional (?:owners|custodians)))",
    "counter": r"^(?i:" + _COUNTED + r"(?: ?[·∙•|] ?" + _COUNTED + r")*)$"
               r"|^(?i:(?:this (?:story|article|page) has been )?viewed [\d,]+ times\.?)$"
               r"|^(?i:(?:views?|reads?):\s*[\d,.]+[km]?)$",
    # "Copyright" with its mark or year: an article's sentence may begin "Copyright law ...".
    "copyright": r"^(?i:copyright\s*(?:©|\(c\)|\d{4})|©|\(c\) \d{4})|(?i:\ball rights reserved)"
                 r"|^(?i:registered (?:in (?:england|scotland|wales)|office)\b)"
                 r"|(?i:\b(?:reproduction|republication|use of (?:the )?materials?)\b[^.]{0,80}"
                 r"\b(?:permitted|prohibited|allowed|without (?:\w+ ){0,2}permission)\b)"
                 r"|(?i:\b(?:is|are) copyright\b)"
                 r"|(?i:^when (?:citing|quoting|using)\b[^.]{0,150}\bhyperlinks?\b)",
    # "The views expressed ... do not necessarily reflect the views of Example News."
    "disclaimer": r"(?i:\b(?:do|does) not necessarily (?:reflect|represent)\b)",
    # "IE 11 is not supported. For an optimal experience visit our site on another browser."
    "browser notice": r"(?i:^(?:please )?(?:use|upgrade|update|switch to|try) (?:a |an |your |"
                      r"another |the latest |a (?:different|modern|supported) )?(?:\w+ )?browser\b|"
                      r"\b(?:on|in|with) (?:another|a different|a (?:modern|supported)) browser\b|"
                      r"\bbrowser (?:is )?not supported\b)",
    # "Got a news tip?", "If you have inside knowledge of a story, contact Example News."
    "tip line": r"(?i:^(?:got|have) a (?:news )?tip\W*$|"
                r"^send (?:us )?(?:a|your) (?:news )?(?:tips?|stories|story)\b|"
                r"^report (?:a typo|an error|error|a correction)\b[^.]{0,40}$|"
                r"\bpress ctrl ?\+ ?enter\b|"
                r"^if you have (?:inside )?(?:knowledge|information|a (?:news )?tip)\b[^.]{0,80}"
                r"\b(?:contact|tell|email) (?:us|the [\w ]{1,30}|(?-i:[A-Z])[\w ]{1,30})\.?$)",
    # A weather box in the page's header: "Sunday 4PM 6°C 7PM 3°C 5-Day Forecast".
    "weather": r"^[^.!?]*\d ?°[CF]\b[^.!?]*$",
    "photo credit": r"(?i:[(\[](?:file |photo |image )?(?:source|photo|image|credit|picture|file|"
                    r"supplied)s?:"
                    r"[^)\]]*[)\]]\s*$|"
                    # a caption of one sentence and its credit: "... in Kyiv. Photo: Example Press"
                    # (a credit may end in a full stop if it starts in capitals: not "Photo:
                    # the convoy on the road.")
                    r"^[^.!?]{1,200}(?:[.!?](?: \|)?| \|) (?:photo|image|picture)s?(?: by)?: "
                    r"(?:(?:[^.]|\.(?=\S)){1,80}|(?-i:[A-Z])(?:[^.]|\.(?=\S)){0,80}\.)$|"
                    # a credit in brackets holding a slash: "[Jane Smith/POOL/AFP via Getty]"
                    r"\[[^\[\]]{1,80}/[^\[\]]{1,80}\]\s*$|"
                    # an agency's credit in brackets or after the caption's full stop:
                    # "... on Wednesday. [Example News]", "... in Donetsk. AFP Photo"
                    r"[.!?] (?-i:\[" + UPPER + r"[\w.'’&/-]*(?: " + UPPER + r"[\w.'’&/-]*){0,3}\])"
                    r"\s*$|"
                    r"[.!?] (?:[\w-]+/)*(?:" + _AGENCIES + r")(?:/[\w-]+)* (?:photo|images?)\s*$|"
                    # "... in Moscow. | SPUTNIK / VIA REUTERS", "... on Thursday. (AFP-Yonhap)"
                    r"[.!?] \| (?-i:[A-Z][A-Z.&'’ /-]{1,40})$|"
                    r"[.!?] \((?:" + _AGENCIES + r")(?:[-/](?:" + _AGENCIES + r"))+\)$|"
                    # "... in Moscow. (Reuters: Jane Smith)"
                    r"[.!?] \((?-i:" + _CAPITALISED + r"(?: " + _CAPITALISED + r"){0,2}): (?-i:"
                    + UPPER + r")[^().]{1,60}\)\s*$|"
                    # "... in Tokyo. (Photo by Example Agency)"
                    r"\((?:photo|image|picture)s? (?:by|courtesy(?: of)?) [^()]{1,60}\)\s*$|"
                    # "Featured photo via Facebook/Jane Smith", "... in Minsk. Photo via Example"
                    r"\b(?:photo|image|picture)s? via [^.]{1,60}$|"
                    # a caption and its source after a slash: "... on June 2. / Example News"
                    r"^[^/]{1,200}[.!?] / [^./]{1,40}$|"
                    # ... or with no full stop, an agency's: "Jane Smith in the Kremlin / AP"
                    r"^[^/.!?]{10,200} / (?:" + _AGENCIES + r")$|"
                    # an agency's or library's credit in brackets: "... on Thursday [Getty]"
                    r"\[(?:getty(?: images)?|shutterstock|file|archive|" + _AGENCIES
                    + r")(?:[/ ][^\[\]]{1,40})?\]\s*$|"
                    # an agency and a photographer alone: "Keystone / Jane Smith"
                    r"(?-i:^" + _CAPITALISED + r"(?: " + _CAPITALISED + r"){0,2} / "
                    + _CAPITALISED + r"(?: " + _CAPITALISED + r"){0,2}$)|"
                    r"\((?:[a-z]+ )?photo/[^)]*\)\s*$|\bphotograph: [^.]{1,80}$|©[^.©]{1,60}$|"
                    r"^\[\d+/\d+\]|^(?:photo|image|credit|picture)s?:\s|"
                    r"\b(?:getty images|afp via getty|ap photo|shutterstock)\)?\s*$|"
                    # a credit's text has no full stop, but may hold a version ("CC BY 2.0")
                    r"\bcredit: (?:[^.]|\.(?=\S)){1,80}$|\bsource: \([^()]{1,60}\)\s*$|"
                    # "(Sean Kilpatrick/The Canadian Press)", "(Reuters)", "(... - Anadolu Agency)"
                    r"\([^()/]{1,40}/[^()]{1,60}\)$|\((?:" + _AGENCIES + r")\)$|"
                    r"\([^()]{1,80}\b(?:agency|press|images|photos?|pool|news)"
                    r"(?:: [^()]{1,40})?\)$|"
                    # a photographer and agency ending a caption ("Gavriil Grigorov/Sputnik via
                    # AP"), with no full stop: a sentence may end "... the Black Sea/Azov."
                    r"(?-i:\b" + _CAPITALISED + " " + _CAPITALISED + r" ?/ ?" + UPPER
                    + r"[\w'’/-]*(?: " + UPPER + r"[\w'’-]*){0,3}"
                    r"(?: via [A-Z]\w*)?(?: file)?)\s*$|"
                    # ... after a slash: "Vilnius Town Hall / P. Peleckis/BNS"
                    r"(?-i: / (?:" + UPPER + r"\.|" + _CAPITALISED + ") " + _CAPITALISED + "/"
                    + UPPER + r"[\w'’-]*)\s*$|"
                    # a caption ending in its agency: "... in Moscow on June 14. — AFP"; not a
                    # paragraph with a quotation that an agency signs ('... “...”. — AFP')
                    r"^(?!.*[\"“”]).*[.!?] ?(?:[—–-] ?)?(?:" + _AGENCIES
                    + r")(?:/\w+)?(?: (?:file )?(?:pic|photo))?\s*$|"
                    # a caption and the site it came from: "... Security Council. (Kremlin.ru)"
                    r"[.!?] \((?:[\w-]+\.)+[a-z]{2,}\)\s*$|"
                    r"^[—–-] ?(?:" + _AGENCIES + r")\s*$)",
    # A caption without a credit: one sentence in the present tense that ends in a full date
    # ("Jane Smith speaks to reporters in Moscow on March 11, 2025."); an article's sentence
    # tells what happened in the past tense.
    "photo caption": r"^(?![^.]*[\"“”])(?!.*\. [A-Z])(?=.*\b(?<!will )(?<!to )(?<!would )"
                     r"(?<!could )(?<!may )(?<!might )(?<!shall )(?:speaks|chairs|holds?|"
                     r"attends?|gestures|looks on|walks|arrives?|meets?|delivers|shake?s? hands|"
                     r"poses?|listens?|greets?|takes? part|inspects?|rides|prays|lays|"
                     r"fires? (?:a|an|at|toward|towards)\b)\b)[^\n]{20,300}"
                     r"(?:,| on) (?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?"
                     r"(?:" + _MONTH + r"\.? \d{1,2}|\d{1,2} " + _MONTH + "|" + _MONTH + r"),? "
                     r"\d{4}\.?$"
                     # where a person stands in the picture: "Jane Smith, center, arrives ..."
                     r"|^(?![^.]*[\"“”])[^.]{10,250}(?:, (?i:left|right|cent(?:er|re)|"
                     r"second (?:from )?(?:left|right)|foreground|background),|"
                     r" \((?i:left|right|cent(?:er|re))\))[^\"“”]*$",
    # Who wrote, edited or contributed, and where the text came from.
    "credit line": r"^" + _CREDIT + r"(?:[;,.]? (?:and )?" + _CREDIT + r")*\.?$"
                   r"|^(?i:sources?): [^.]{1,80}$"
                   r"|^[-–—(]*\s*(?i:with (?:additional )?(?:assistance|reporting|files|inputs) "
                   r"(?:from|by)) [^.]{1,150}\.?$"
                   # agencies alone: "EN/Reuters", "Reuters and Agence France-Presse"
                   r"|^(?:" + _CREDITED + _CREDIT_JOIN + r"){0,7}(?i:" + _AGENCIES
                   + r")(?![\w&'’-])(?:" + _CREDIT_JOIN + _CREDITED + r"){0,7}$"
                   r"|^(?:\S+ ){1,6}(?i:contributed)\.$"
                   # "Compiled by Example News staff with wires"
                   r"|^(?i:(?:compiled|written|edited|prepared) by [^.]{1,60}"
                   r"\b(?:staff|wires|agencies|desk)\b)\.?$"
                   r"|^" + _ROLE + _NAMES + r"(?:,? " + _ROLE + _NAMES + r")*$"
                   r"|^[^.]{0,150} (?i:contributed (?:reporting|to this (?:report|story|article)))"
                   r"(?: (?i:from|in) [^.]{1,60})?\.$"
                   r"|^[^.]{0,150}\b(?i:writers?|reporters?|correspondents?|journalists?)\b"
                   r"[^.]{0,150} (?i:contributed)"
                   r"(?: (?i:reporting|to this (?:report|story|article)))?"
                   r"(?: (?i:from) [^.]{1,60})?\.$",
}
# Checked in this order, first match wins: stand-alone furniture before block cues.
RULES = [(name, re.compile(pattern)) for name, pattern in {**LINE_RULES, **BLOCK_CUES}.items()]
# A byline in lower case ("by Jane Smith") under a headline continues no broken paragraph.
_BYLINE = dict(RULES)["byline"]
_TIME_STAMP = dict(RULES)["time stamp"]
# Page furniture is mostly short lines, and short lines are few, so every rule may match them
# (REQUIRED below only skips the rules that provably cannot).
# A longer line is tried against a rule only when it contains one of the rule's triggers (lower
# case text that every long match contains): a substring test is far cheaper than the regex, and
# most article lines contain none. Rules without triggers only ever match short lines. Written
# by hand, not read off the patterns: which cues may remove a long line is a decision the
# patterns do not state (a long teaser line must end in "…" or hold "read more" and its like;
# one that starts "More from" stays).
SHORT_LINE_MAX_WORDS = 20
TRIGGERS = {
    "photo credit": ("source", "photo", "image", "credit", "picture", "getty", "shutterstock",
                     "©", "[", "/", ")", "— afp", "— reuters", "— ap", "—afp", "—reuters",
                     "—ap", "- afp", "- reuters", ". afp", ". reuters", ". ap"),
    "credit line": ("ing by", "contributed"),
    "donation appeal": ("support", "donat", "contribution", "ad-free", "ads-free",
                        "dear reader", "message from", "your help", "not ready to", "remind me",
                        "payment method", "paying method", "become a", "small favo",
                        "readers like you", "paywall", "your readership", "appreciate you",
                        "as little as", "free for all", "afford", "thanks to our readers",
                        "by subscribing", "ve read", "quality journalism",
                        "journalism costs", "by contributing", "consider making"),
    "newsletter box": ("newsletter", "sign up", "subscri", "privacy policy", "mailbox", "inbox",
                       "never miss", "for reading", "whatsapp", "telegram", "google news",
                       "instagram", "youtube", "tiktok", "up with", "up to date with",
                       "updated with", "informed with", "already a member", "enjoying this",
                       "epaper", "e-paper", "send you", "notification"),
    "editor's note": ("this article", "this story", "this report", "editor's note"),
    "acknowledgement": ("acknowledge",),
    "comment form": ("leave a", "email address", "required fields", "comment", "log in", "login",
                     "join the"),
    "teaser": ("…", "...", "read more", "read also", "also read", "see also"),
    "label": ("text ad:",),
    "cookie notice": ("cookie",),
    "copyright": ("copyright", "©", "(c) ", "rights reserved", "permitted", "hyperlink"),
    "disclaimer": ("necessarily",),
    "browser notice": ("browser",),
    "tip line": ("if you have",),
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
LABELS_WITH_VALUE = re.compile(
    r"(?i)^(?:categor(?:y|ies)|tags?|topics?|section|keywords)\s*:?\s*$")
TAGS_LABEL = re.compile(r"(?i)^(?:tags?|topics?|keywords)\s*:?\s*$")
# Words of a line of tags: one tag, or a few in lower case joined (see `_remove_tag_lists`).
MAX_TAG_WORDS = 6
# str.split() already folds no-break and other Unicode spaces; zero-width characters must go.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_WITHOUT_ZERO_WIDTH = str.maketrans(dict.fromkeys(ZERO_WIDTH))
MAX_LONG_LINES_INSIDE_BLOCK = 2
# Between two headlines of a teaser list a page prints a kicker, a time stamp or a caption, not
# a run of buttons.
MAX_FURNITURE_BETWEEN_TEASERS = 2
SHORT_LINE_WORDS = 3
# Navigation, share buttons and topic tags copy as runs of one-to-four-word lines that end no
# sentence ("Russia", "Ukraine", "Facebook", "Daniel Smith", "BBC News"); an article rarely
# holds three such lines in a row (a subheading stands alone between paragraphs). An article's
# own list is kept: its items carry bullets or numbers (as trafilatura writes them), or a
# sentence ending in ":" introduces them.
LINK_LIST_MIN_LINES = 3
LINK_LIST_MAX_WORDS = 4
SENTENCE_INSIDE = re.compile(r"[.!?][\"”’]? [\"“‘(]?[A-Z]")
QUOTES = "\"“”‘’«»"
# An apostrophe inside a word ("Ramaphosa’s"), which quotes nothing.
APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")
# The button under a reader's comment, which ends it.
COMMENT_BUTTON = re.compile(r"(?i)^(?:reply|report(?: abuse| this comment)?|flag)$")
MAX_COMMENT_LINES = 3
MAX_NAME_WORDS = 4
# A commenter's name may end in an initial ("Jan K.").
INITIAL_END = re.compile(r"\b[A-Z]\.$")
# A comment's header: its writer and time ("Guest, 2025-12-03 11:04").
COMMENT_HEADER = re.compile(r"^(?P<name>[^,.!?]{1,40}), (?P<stamp>\S.*)$")
LIST_ITEM = re.compile(r"^(?:[-–—•*·▪●◦]|\d{1,2}[.)])\s")
# An e-mail or web address alone on a line ("news@example.ee"): no rest of a broken paragraph.
ADDRESS = re.compile(r"^(?:\S+@\S+\.\w+|(?:https?://|www\.)\S+)$")
# A link that ends in a full stop only as an abbreviation does ("U.S.", "U.K.").
ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")
# A closing quotation mark after a word, not after the end of a sentence: a quoted phrase.
QUOTED_PHRASE_END = re.compile(r"[\w)][’'\"”]$")
# A button or label a page prints again and again ("SKIP ADVERTISEMENT", "Share full article",
# the author's name over each box) is a short line that ends no sentence and recurs in the
# document; an article does not print a subheading twice.
REPEATED_STUB_MAX_WORDS = 6
# A note on who wrote the article: "Jane Smith is a Moscow correspondent for ...", "Jane Smith
# is The Example Post's Baltics correspondent", "Jane Smith reports on Ukraine for ...".
AUTHOR_BIO = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}) "
    r"(?:is (?:(?:an?|the|[A-Z][^.]{0,40}['’]s)\b)?"
    r"[^.]{0,80}\b(?i:correspondent|reporter|journalist|editor|writer|columnist|producer|"
    r"contributor|analyst)s?\b|(?:reports|writes) (?:on|about)\b|covers\b)")
# An outlet's note on itself: "Example News is Ruritania's oldest English-language daily,
# founded in 1921.", "The Example Times is part of Example Media, a network of news sites.",
# "Example News was founded in 2010 and is owned by ...".
OUTLET_DESCRIPTION = re.compile(
    r"^(?P<name>(?:The )?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}) "
    r"(?:(?:is|has been) |(?=was|were))"
    r"(?:(?:part|a member|one) of\b[^.]{0,80}\b(?i:news|media|newspapers?|publish\w*)\b|"
    r"(?:an?|the|[A-Z][^.]{0,40}['’]s)\b[^.]{0,60}?\b(?i:daily|weekly|newspaper|"
    r"news (?:outlet|site|website|agency|portal|organi[sz]ation|service|network|magazine)|"
    r"media (?:outlet|organi[sz]ation|company|group|network)|magazine|broadcaster|publication)"
    r"\b[^.]{0,120}\b(?i:founded|launched|established|published|since|based in|owned by)|"
    r"(?:was|were) (?:founded|launched|established) in \d{4}\b[^.]{0,80}"
    r"\b(?i:owned by|news|media|publish\w*))")
# Tags on one line, under their label: "Russia, Vladimir Putin, Ukraine war, NATO".
TAG_LIST = re.compile(r"^[^,.!?]{1,40}(?:, [^,.!?]{1,40}){2,}$")
# A feed of other stories, each after its time: "14:31 Exchange rates in ...".
TIMED_HEADLINE = re.compile(r"^\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)? (?P<headline>\S.*)$")


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
        if merged and line[0].islower() and not _ends_sentence(merged[-1][1]) \
                and not _BYLINE.match(line) and not ADDRESS.match(line):
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


def _is_headline(line):
    """A line shaped like a headline: one short sentence that ends without a full stop (or in a
    quoted phrase: "... would be ‘legitimate targets’"; or with a question mark, outside
    quotation marks)."""
    return (line.count(" ") < SHORT_LINE_MAX_WORDS and not SENTENCE_INSIDE.search(line)
            and (not _ends_sentence(line) or QUOTED_PHRASE_END.search(line)
                 or line.endswith("?") and not _holds_any(APOSTROPHE.sub("", line), QUOTES)))


def _remove_teaser_lists(lines, rules):
    """Remove the headlines listed under a teaser heading ("Read next", "More on this story"),
    up to the first line that is not one. Furniture between them is passed over (a time stamp, a
    caption), but not a longer run of it: share buttons after a heading end its list, and the
    article's own headline may follow them. A teaser that carries its own headline ("Read more:
    ...", "Read moreWhat is ...", "Watch Kremlin lists ...") heads no list: the article goes on
    after it. A section's name ("Top stories") heads one only after the article has begun:
    above it, it may be the label over the article's own headline."""
    begun = _article_start(lines, rules)
    for i, rule in enumerate(rules):
        line = lines[i][1]
        heading = _is_headline(line) or line.endswith(":")
        if rule != "teaser" or not heading or ": " in line or GLUED_KICKER.match(line) or \
                VIDEO_TITLE.match(line) or \
                (i < begun and SECTION_NAME.match(line)):
            continue
        # An item of a menu ("Home", "Trending", "Cities"), not the heading of a list: stubs
        # around it, and two after it (after a heading, a kicker such as "World" is a stub too,
        # but the headline it heads is not).
        if 0 < i < len(lines) - 2 and all(_is_stub(lines[k][1]) for k in (i - 1, i + 1, i + 2)):
            continue
        passed = 0
        for j in range(i + 1, len(lines)):
            # Above the article, two stubs in a row are a menu ("Home", "UK"), not a kicker
            # over a headline: the list ends, and the article's headline after the menu stays.
            if i < begun and j + 1 < len(lines) and _is_stub(lines[j][1]) and \
                    _is_stub(lines[j + 1][1]):
                break
            if rules[j] is None and _is_headline(lines[j][1]):
                rules[j] = "teaser (after its heading)"
                passed = 0
            elif rules[j] is not None and rules[j].startswith("teaser"):
                passed = 0      # a teaser of its own ("Analysis: ...") is an item of the list
            elif rules[j] is None:
                break
            else:
                passed += 1
                if passed > MAX_FURNITURE_BETWEEN_TEASERS:
                    break


def _remove_tag_lists(lines, rules):
    """Remove the tags listed one a line under "Tags" or "Topics" once the article has begun,
    up to the first sentence or longer line. Tags in lower case ("peace talks") are joined to
    the line above as a broken paragraph would be, so a line may hold several."""
    begun = _article_start(lines, rules)
    for i in range(begun, len(lines) - 1):
        if rules[i] == "label" and TAGS_LABEL.match(lines[i][1]):
            j = i + 1
            while j < len(lines) and rules[j] in (None, "label") and \
                    not _ends_sentence(lines[j][1]) and lines[j][1].count(" ") < MAX_TAG_WORDS:
                rules[j] = "label"
                j += 1


def _article_start(lines, rules):
    """The index of the article's first long sentence that no rule removed (len(lines) if none)."""
    return next((i for i, (_, line) in enumerate(lines)
                 if rules[i] is None and _ends_sentence(line) and _is_long(line)), len(lines))


def _remove_reader_comments(lines, rules):
    """Remove readers' comments: the few lines between a comment's time stamp and the button
    under it ("28 March 2025 at 11:42", "Medvedev is bluffing again.", "Reply"), the button, and
    the commenter's name alone above the time stamp ("Jan K."); and, below a comment form or
    count, the few lines after each header of a name and a time ("Guest, 2025-12-03 11:04"). A
    live report's entries end in "Share", not in "Reply", and stay; a dateline above the comments
    ("MOSCOW, March 3, 2025 10:15") heads no comment."""
    _remove_comments_under_headers(lines, rules)
    for i, (_, line) in enumerate(lines):
        if not COMMENT_BUTTON.match(line):
            continue
        stamp = next((k for k in range(i - 1, max(-1, i - 2 - MAX_COMMENT_LINES), -1)
                      if rules[k] is not None), None)
        if stamp is None or rules[stamp] != "time stamp" or stamp == i - 1:
            continue
        for k in range(stamp + 1, i + 1):
            rules[k] = rules[k] or "reader comment"
        name = stamp - 1
        if name >= 0 and rules[name] is None and lines[name][1].count(" ") < MAX_NAME_WORDS \
                and (not _ends_sentence(lines[name][1]) or INITIAL_END.search(lines[name][1])):
            rules[name] = "reader comment"


def _is_comment_header(line):
    header = COMMENT_HEADER.match(line)
    return header is not None and _TIME_STAMP.match(header.group("stamp")) is not None


def _remove_comments_under_headers(lines, rules):
    start = _article_start(lines, rules)
    form = next((i for i in range(start, len(lines)) if rules[i] == "comment form" or
                 rules[i] == "counter" and "comment" in lines[i][1].lower()), None)
    if form is None:
        return
    for i in range(form + 1, len(lines)):
        if rules[i] is None and _is_comment_header(lines[i][1]):
            rules[i] = "reader comment"
            for k in range(i + 1, min(i + 1 + MAX_COMMENT_LINES, len(lines))):
                if rules[k] is not None or _is_comment_header(lines[k][1]):
                    break
                rules[k] = "reader comment"


def _remove_author_bios(lines, rules):
    """Remove notes on the article's author (AUTHOR_BIO): a line about someone the byline or a
    credit line names, or whom no other sentence of the document names, and the name printed
    alone above it. An article's sentence about a journalist ("Jane Smith is a reporter detained
    in ...") names them again."""
    bios = _notes_on(AUTHOR_BIO, lines, rules)
    for i, name in bios.items():
        surname = name.split()[-1]
        if _credited(surname, ("byline", "credit line"), lines, rules) or \
                not _named_elsewhere(surname, bios, lines, rules):
            rules[i] = "author bio"
            if i > 0 and rules[i - 1] is None and lines[i - 1][1] == name:
                rules[i - 1] = "author bio"


def _remove_outlet_descriptions(lines, rules):
    """Remove an outlet's note on itself (OUTLET_DESCRIPTION): the page's byline, credit or
    copyright line names the outlet, or no other sentence does. An article's sentence about
    another outlet ("Example Daily is a newspaper founded in 1917") is named again ("told
    Example Daily"), and stays."""
    notes = _notes_on(OUTLET_DESCRIPTION, lines, rules)
    for i, name in notes.items():
        name = name.removeprefix("The ")
        if _credited(name, ("byline", "credit line", "copyright"), lines, rules) or \
                not _named_elsewhere(name, notes, lines, rules):
            rules[i] = "outlet description"


def _notes_on(pattern, lines, rules):
    """{line index: the name `pattern` finds} of the kept lines it matches."""
    return {i: match.group("name") for i, (_, line) in enumerate(lines)
            if rules[i] is None and (match := pattern.match(line))}


def _credited(name, credit_rules, lines, rules):
    """Whether a line removed with one of `credit_rules` holds `name`."""
    return any(name in line for (_, line), rule in zip(lines, rules) if rule in credit_rules)


def _named_elsewhere(name, notes, lines, rules):
    """Whether a kept sentence that is not one of the `notes` holds `name`."""
    return any(name in line for j, (_, line) in enumerate(lines)
               if j not in notes and rules[j] is None and _ends_sentence(line))


def _remove_timed_feeds(lines, rules):
    """Remove runs of two or more headlines in a row, each after its time (TIMED_HEADLINE): a
    feed of other stories. A live report's entries are sentences, and stay."""
    timed = [rules[i] is None and (match := TIMED_HEADLINE.match(line)) is not None
             and _is_headline(match.group("headline")) for i, (_, line) in enumerate(lines)]
    for i, is_timed in enumerate(timed):
        if is_timed and (i > 0 and timed[i - 1] or i + 1 < len(lines) and timed[i + 1]):
            rules[i] = "teaser (timed feed)"


def _is_stub(line):
    return (line.count(" ") < LINK_LIST_MAX_WORDS
            and (not _ends_sentence(line) or ABBREVIATION.match(line) is not None)
            and not LIST_ITEM.match(line))


def _introduces_list(line):
    return line.endswith(":") and line.count(" ") >= LINK_LIST_MAX_WORDS


def _remove_link_lists(lines, rules):
    """Remove runs of at least LINK_LIST_MIN_LINES stubs (short lines that end no sentence),
    unless a sentence introduces them; lines already removed as furniture continue a run. A
    label that heads the run ("In:", "Editions:") goes with it."""
    stubs = [_is_stub(line) for _, line in lines]
    start, end = 0, len(lines)
    while start < end:
        if not (stubs[start] or rules[start]):
            start += 1
            continue
        stop = start
        while stop < end and (stubs[stop] or rules[stop]):
            stop += 1
        if sum(stubs[start:stop]) >= LINK_LIST_MIN_LINES and not (
                start > 0 and _introduces_list(lines[start - 1][1])):
            heading = start - 1 if start > 0 and lines[start - 1][1].endswith(":") else start
            for i in range(heading, stop):
                rules[i] = rules[i] or "link list"
        start = stop + 1


def _remove_repeated_stubs(lines, rules, keys):
    """Remove every copy of a short line that ends no sentence and occurs more than once (`keys`:
    the lines casefolded). The headline (the first line) is exempt: pages print it twice, and
    its later copies go as repeated lines."""
    counts = Counter(keys)
    for i in range(1, len(lines)):
        if rules[i] is None and counts[keys[i]] > 1 and keys[i] != keys[0]:
            line = lines[i][1]
            if line.count(" ") < REPEATED_STUB_MAX_WORDS and not _ends_sentence(line) \
                    and not LIST_ITEM.match(line):
                rules[i] = "repeated label"


def clean_text(raw):
    """Return the article text (one paragraph a line) and the removed lines with their rules."""
    lines = _logical_lines(raw)
    if not lines:
        return CleanResult(text="", removed=[])
    joined = "\n".join(line for _, line in lines)
    rules = _line_rules(joined)
    for i in range(len(lines) - 1):
        if rules[i] == "label" and LABELS_WITH_VALUE.match(lines[i][1]) and rules[i + 1] is None \
                and (not _is_long(lines[i + 1][1]) or TAG_LIST.match(lines[i + 1][1])) \
                and not _ends_sentence(lines[i + 1][1]):
            rules[i + 1] = "label"
    _remove_tag_lists(lines, rules)
    _remove_block_interiors(lines, rules)
    _remove_reader_comments(lines, rules)
    _remove_teaser_lists(lines, rules)
    _remove_author_bios(lines, rules)
    _remove_outlet_descriptions(lines, rules)
    _remove_timed_feeds(lines, rules)
    _remove_link_lists(lines, rules)
    # Logical lines are already single-spaced; casefolding has no context, so the document's
    # casefold split at "\n" is each line's (one call instead of one a line).
    keys = joined.casefold().split("\n")
    _remove_repeated_stubs(lines, rules, keys)
    seen = set()
    for i, key in enumerate(keys):
        if rules[i] is None:
            if key in seen:
                rules[i] = "repeated line"
            seen.add(key)
    kept = [line for (_, line), rule in zip(lines, rules) if rule is None]
    removed = [(number, line, rule) for (number, line), rule in zip(lines, rules) if rule]
    return CleanResult(text="\n".join(kept), removed=removed)
