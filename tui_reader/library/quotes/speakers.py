"""Who said it: attribution cues around each quote, pronouns, continuations, entities.

Context is searched in the text with the quotes' own words masked out (so a name inside a quote
is never its speaker), within the quote's sentence: first a cue right after the closing mark
(``," the SVR said``), then the nearest cue before the opening mark (``Vučić told FT: "``,
``In the words of the SVR, "``), then a cue later in the sentence, then the sentence's subject
when the quote hangs on a reporting participle (``..., alleging that X is "..."``), and last the
speaker of the previous quote when the quote continues without a new cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from tui_reader.library.quotes.names import TITLES, best_name, fold, same_entity

_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f\u0391-\u03a9\u0410-\u042f"
_CAP = rf"(?:(?:[A-Z]\.){{2,}}|[{_UP}](?:[a-z]?\.|[\w'’\-–]*))"  # "U.S.", "Dr.", "Vučić"
_PARTICLE = r"(?:of|the|de|del|der|van|von|da|al|bin|la|le|du|for)"
_ACR = r"(?:\s*\((?:[A-Z][A-Za-z]{1,9}|[RDI]-[A-Z][A-Za-z.]{1,6})\))?"
NAME = (
    rf"(?:@[A-Za-z0-9_]{{2,30}}|(?:(?:the|The)\s+)?{_CAP}(?:\s+(?:{_PARTICLE}\s+)*{_CAP}"
    rf"|\s*&\s*{_CAP})*{_ACR})"
)
ROLE_NOUNS = (
    "president|prime minister|minister|ministry|mayor|agency|company|firm|spokesman|"
    "spokeswoman|spokesperson|official|officials|police|office|department|authority|"
    "government|service|court|council|commission|intelligence|report|statement|group|"
    "union|campaign|committee|board|team|club|embassy|army|military|prosecutor|"
    "prosecutors|judge|chief|governor|senator|lawyer|attorney|doctor|expert|analyst|"
    "witness|source|sources|researchers|scientists|residents|activists|organisers|"
    "organizers|party|bank|coach|manager|chairman|director|ceo|founder|leader|"
    "sheriff's office|sheriff|kremlin|white house|pentagon|foundation|institute|university|"
    "winger|striker|midfielder|defender|goalkeeper|keeper|captain|forward|player|boss|skipper|"
    "star|veteran|teenager|pensioner|mother|father|driver|farmer|owner|worker|nurse|teacher|"
    "student|officer|detective|inspector|engineer|researcher|scientist|author|novelist|writer|"
    "economist|professor|lecturer|candidate|campaigner|neighbour|neighbor|victim|survivor|"
    "passenger|pilot|actor|actress|singer|chef|landlord|tenant|shopkeeper|businessman|"
    "businesswoman|entrepreneur|executive|consultant|surgeon|physician|paramedic|firefighter|"
    "soldier|commander|general|priest|bishop|imam|rabbi|mayor|councillor|councilor|"
    "winner|fan|resident|fisherman|man|woman|boy|girl|friend|relative|neighbour|"
    "release|news release|press release|post|letter|filing|email|memo|ruling|judgment|note|"
    "son|daughter|wife|husband|brother|sister|granddaughter|grandson|niece|nephew|cousin|"
    "partner|uncle|aunt|grandmother|grandfather|colleague|"
    "association|federation|society|coalition|alliance|charity|organisation|organization|"
    "league|trust|museum|gallery|hospital|airline|operator|regulator|exchange|utility|"
    "family|theatre|theater|orchestra|festival|band|college|church|shelter|prefecture|"
    "county|municipality|province|politician|lawmaker|legislator|rapper|musician|artist|"
    "kicker|quarterback|receiver|pitcher|batter|bowler|batsman|app|"
    "retailer|insurer|lender|carrier|maker|manufacturer|broadcaster|developer|supplier|"
    "headteacher|headmaster|headmistress|principal|superintendent|pastor|vicar|coroner|"
    "complaint|lawsuit|suit|notice|petition|motion|brief|blog post|newsletter"
)
DOCUMENTS = {
    "note",
    "statement",
    "report",
    "release",
    "post",
    "letter",
    "filing",
    "email",
    "memo",
    "complaint",
    "lawsuit",
    "suit",
    "notice",
    "petition",
    "motion",
    "brief",
    "newsletter",
}
_EXTRA_PERSON_ROLES = (
    "politician lawmaker legislator rapper musician artist kicker quarterback receiver "
    "pitcher batter bowler batsman "
    "winger striker midfielder defender goalkeeper keeper captain forward player boss skipper "
    "star veteran teenager pensioner mother father driver farmer owner worker nurse teacher "
    "student officer detective inspector engineer researcher scientist author novelist writer "
    "economist professor lecturer candidate campaigner neighbour neighbor victim survivor "
    "passenger pilot actor actress singer chef landlord tenant shopkeeper businessman "
    "businesswoman entrepreneur executive consultant surgeon physician paramedic firefighter "
    "soldier commander general priest bishop imam rabbi councillor councilor winner fan "
    "resident fisherman man woman boy girl friend relative son daughter wife husband brother "
    "sister granddaughter grandson niece nephew cousin partner uncle aunt grandmother "
    "grandfather colleague headteacher headmaster headmistress principal superintendent "
    "pastor vicar coroner"
).split()
ROLE = (
    rf"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne)\s+(?:[\w\-'’]+\s+){{0,2}}?"
    rf"(?:{ROLE_NOUNS})\b(?:\s+(?:{ROLE_NOUNS})\b)*"
)
# "a spokeswoman for the Madrid health department": the organization speaks
SPOKES = (
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:[\w\-]+\s+)?(?:spokes(?:wo)?man|spokesperson|representative|"
    r"press officer|official)\s+(?:for|of|at)\s+(?P<org>(?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,5}?)"
)
_ROLE_HEADS = set(ROLE_NOUNS.split("|"))
PLACE_WORDS = {  # not surnames too (Park, Lane, Hall, Church, Bridge stay out)
    "asia",
    "africa",
    "europe",
    "america",
    "americas",
    "andes",
    "alps",
    "himalayas",
    "pacific",
    "atlantic",
    "arctic",
    "antarctic",
    "mediterranean",
    "gulf",
    "sea",
    "ocean",
    "coast",
    "basin",
    "desert",
    "street",
    "road",
    "avenue",
    "boulevard",
    "square",
    "county",
    "river",
    "jail",
    "prison",
    "laundromat",
    "airport",
    "harbour",
    "harbor",
    "island",
    "valley",
    "province",
    "region",
    "district",
    "streets",
    "highway",
    "motorway",
}
_ORG_TYPES = {
    "shelter",
    "prefecture",
    "county",
    "municipality",
    "province",
    "app",
    "family",
    "theatre",
    "theater",
    "orchestra",
    "festival",
    "band",
    "college",
    "church",
    "utility",
    "operator",
    "retailer",
    "insurer",
    "lender",
    "carrier",
    "maker",
    "manufacturer",
    "broadcaster",
    "developer",
    "supplier",
    "firm",
    "company",
    "group",
    "association",
    "federation",
    "society",
    "coalition",
    "alliance",
    "charity",
    "league",
    "trust",
    "museum",
    "gallery",
    "airline",
    "regulator",
    "exchange",
    "ministry",
    "department",
    "agency",
    "council",
    "court",
    "police",
    "union",
    "party",
    "bank",
    "commission",
    "committee",
    "government",
    "embassy",
    "army",
    "university",
    "institute",
    "foundation",
    "office",
    "authority",
    "service",
    "board",
    "hospital",
    "school",
    "club",
}
_NOT_SPEAKERS = {  # capitalised tokens that are never anyone
    "AI",
    "TV",
    "ET",
    "PT",
    "GMT",
    "BST",
    "CET",
    "AM",
    "PM",
    "IT",
    "PR",
    "HR",
    "ID",
    "OK",
    "FAQ",
    "PDF",
    "USB",
    "GPS",
    "DNA",
    "RNA",
    "ATM",
    "GDP",
    "CEO",
    "CFO",
    "COO",
    "CTO",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "COVID",
    "Covid",
}
_REGION_PREFIXES = {
    "lower",
    "upper",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "greater",
    "north",
    "south",
    "east",
    "west",
}
_LOCATIVE = {
    "among",
    "about",
    "against",
    "after",
    "before",
    "during",
    "since",
    "without",
    "like",
    "than",
    "beyond",
    "behind",
    "beside",
    "across",
    "in",
    "at",
    "from",
    "near",
    "to",
    "into",
    "outside",
    "around",
    "via",
    "through",
    "toward",
    "towards",
    "between",
    "throughout",
    "within",
    "of",
    "on",
    "under",
    "over",
    "for",
}
PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)\b"
VERBS = (
    "said|says|say|told|tells|tell|added|adds|claimed|claims|stated|states|wrote|writes|"
    "warned|warns|insisted|insists|explained|explains|noted|notes|argued|argues|asked|asks|"
    "replied|replies|responded|continued|declared|declares|announced|announces|commented|"
    "remarked|acknowledged|acknowledges|admitted|admits|conceded|recalled|suggested|"
    "suggests|urged|urges|vowed|promised|predicted|stressed|stresses|emphasized|"
    "emphasised|emphasizes|observed|posted|tweeted|quipped|joked|shouted|whispered|"
    "reported|reports|alleged|alleges|accused|denied|denies|described|describes|called|"
    "calls|reminded|concluded|maintained|maintains|countered|boasted|complained|"
    "cautioned|confirmed|confirms|revealed|recounted|pointed out|went on|put it|"
    "told reporters|wrote on|said on|echoed|agreed|objected|protested|pleaded|testified|"
    "mused|sighed|snapped|demanded|thundered|fumed|raged|blasted|slammed|hit back|hit out|"
    "ranted|seethed|gushed|beamed|laughed|sobbed|wept|yelled|screamed|exclaimed|chuckled|"
    "retorted|fired back|muttered|murmured|growled|scoffed|blamed|praised|dismissed|welcomed|"
    "criticised|criticized|condemned|hailed|branded|dubbed|labelled|labeled|termed|"
    "used to say|likes to say|once said|"
    # German and French reporting verbs, for „…“ and «…» quotes in English-language copy
    "sagte|sagt|erklärte|betonte|meinte|dit|a dit|déclaré|a déclaré|affirmé|a affirmé|"
    "a ajouté|ajouté|estime|a estimé"
)
PARTICIPLES = (
    "saying|adding|telling|calling|accusing|alleging|acknowledging|describing|insisting|"
    "warning|claiming|arguing|noting|stating|declaring|branding|labelling|labeling|"
    "dubbing|terming|urging|vowing|promising|stressing|emphasizing|emphasising|"
    "explaining|asking|demanding|writing|denouncing|condemning|praising"
)
_ADVERBS = (
    r"(?:(?:also|then|later|further|had|has|have|would|previously|again|once|recently|"
    r"earlier|repeatedly|reportedly|simply|flatly|angrily|quietly|firmly|just|[a-z]+ly)\s+)*"
)
_WHO = (
    rf"(?:{SPOKES}|(?P<who>{ROLE}|{PRONOUN}|{NAME}))"
    rf"(?P<appos>(?:,\s+[^,\x01\"“”]{{1,120}}){{1,3}},)?"
)
_BARE = r"(?:police|officials|authorities|prosecutors|witnesses|investigators|experts|analysts|residents|critics|doctors)"
CUE_AFTER = re.compile(
    rf"^[\s,.!?;:—–\-\x01\"”’'»“«›]*(?:{_WHO},?\s+{_ADVERBS}(?P<verb>{VERBS})\b"
    rf"|(?P<verb2>{VERBS})\s+(?:(?:le|la|les|der|die|das)\s+[^\W\d]+\s+|(?:[a-z\-]+\s+){{1,3}}?(?=[{_UP}]))?(?P<who2>{ROLE}|{NAME}))"
    rf"|^[\s,.!?;:—–\-\x01\"”’'»“«›]*(?P<who4>{_BARE})\s+{_ADVERBS}(?:{VERBS})\b"
)
CUE_ANY = re.compile(
    rf"(?:{_WHO},?\s+{_ADVERBS}(?P<verb>{VERBS})\b"
    rf"|(?<![\w\-])(?P<verb2>{VERBS})\s+(?:(?:le|la|les|der|die|das)\s+[^\W\d]+\s+|(?:[a-z\-]+\s+){{1,3}}?(?=[{_UP}]))?(?P<who2>{ROLE}|{NAME})"
    rf"|\b(?:[Aa]ccording\s+to|[Ii]n\s+the\s+words\s+of|[Qq]uoting|[Ss]aid\s+by|"
    rf"[Aa]s\s+(?:put|described|stated)\s+by|[Ii]n\s+(?:a|its|his|her|their)\s+"
    rf"(?:statement|words))\s+(?P<who3>{ROLE}|{NAME}|{_BARE}))"
)
PARTICIPLE = re.compile(rf"\b(?:{PARTICIPLES})\b")
# "Dr. Amara Nwosu", "St. Aidan's": a period after these does not end a sentence
# "MADRID (Reuters) —", "LIMA, Peru —": a place, not a speaker
_DATELINE = re.compile(r"(?:(?<=\n)|(?<=^))[A-Z][A-Z .'-]{2,30}(?=[,(]|\s+[(—–-])")
_PARA_BREAK = re.compile(r"\n\s*\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Mx|St|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Jr|Sr|No|Mt|Ft|"
    r"Insp|Supt|Det|Rev|Hon|Cllr|Pres|Atty|Gov|Co|Corp|Inc|Ltd|Jan|Feb|Aug|Sept|Oct|Nov|Dec)|"
    r"\b[A-Z])\.$"
)
_ORG_NOUNS = (
    "company|maker|firm|group|startup|start-up|retailer|manufacturer|bank|insurer|airline|"
    "operator|provider|developer|chain|brand|publisher|agency|charity|nonprofit|non-profit|"
    "organisation|organization|business|supplier|producer|lender|platform|network|carrier|"
    "conglomerate|subsidiary|utility|broadcaster|newspaper|broker|fund|ministry|department"
)
# "Keystead, a Denver-based smart-lock maker," — the name is an organization
_ORG_APPOSITION_TAIL = re.compile(
    rf",\s+(?:a|an|the)\s+(?:[\w\-’']+\s+){{0,4}}?(?:{_ORG_NOUNS})\b(?![’']s)"
)
_APPOSITION_NAME = re.compile(rf",\s+({NAME})\s*(?:,|$|\.|\s+(?:said|says|told|added|wrote))")
_BY_AFTER = re.compile(
    rf"^[\s,.\x01\"”’'»]*by\s+(?:(?:the|a|an)\s+)?(?:[a-z\-]+\s+){{0,3}}?(?P<who>{NAME})"
)
MENTION = re.compile(rf"\b(?=[{_UP}tahi])(?:{ROLE}|{NAME})")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’»']*\s+(?=[\"“‘«„\x01" + _UP + r"])")

STOP_WORDS = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "however",
    "earlier",
    "back",
    "even",
    "after",
    "before",
    "when",
    "while",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "there",
    "here",
    "although",
    "despite",
    "according",
    "since",
    "as",
    "if",
    "so",
    "then",
    "meanwhile",
    "also",
    "still",
    "yet",
    "now",
    "today",
    "yesterday",
    "last",
    "next",
    "some",
    "many",
    "most",
    "other",
    "both",
    "each",
    "every",
    "all",
    "no",
    "not",
    "only",
    "for",
    "with",
    "from",
    "by",
    "of",
    "to",
    "under",
    "over",
    "asked",
    "speaking",
    "instead",
    "thus",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "what",
    "why",
    "how",
    "who",
    "where",
    "which",
    "one",
    "two",
    "three",
    "first",
    "second",
    "later",
    "related",
    "original",
    "read",
    "more",
    "see",
    "photo",
    "video",
    "update",
    "updated",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "mr.",
    "ms.",
    "q",
    "a:",
    "q:",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "said",
    "says",
    "in the words of",
}
ORG_WORDS = {
    "service",
    "ministry",
    "agency",
    "office",
    "department",
    "authority",
    "government",
    "court",
    "council",
    "commission",
    "intelligence",
    "company",
    "group",
    "union",
    "party",
    "bank",
    "committee",
    "board",
    "police",
    "times",
    "news",
    "post",
    "press",
    "inc",
    "ltd",
    "corp",
    "corporation",
    "association",
    "institute",
    "university",
    "foundation",
    "embassy",
    "army",
    "military",
    "kremlin",
    "parliament",
    "assembly",
    "club",
    "team",
    "campaign",
    "organisation",
    "organization",
    "federation",
    "network",
    "trust",
    "fund",
    "church",
    "school",
    "hospital",
    "centre",
    "center",
    "office's",
    "report",
    "statement",
    "sources",
    "foods",
    "motors",
    "airlines",
    "energy",
    "holdings",
    "systems",
    "labs",
    "media",
    "partners",
    "capital",
    "industries",
    "technologies",
    "pharmaceuticals",
    "railways",
    "officials",
    "residents",
    "researchers",
    "scientists",
    "activists",
}
PERSON_ROLES = {
    "president",
    "minister",
    "mayor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "judge",
    "chief",
    "governor",
    "senator",
    "lawyer",
    "attorney",
    "doctor",
    "expert",
    "analyst",
    "witness",
    "coach",
    "manager",
    "chairman",
    "director",
    "ceo",
    "founder",
    "leader",
    "sheriff",
    "prosecutor",
    "prime",
    *_EXTRA_PERSON_ROLES,
}


@dataclass(slots=True)
class Attribution:
    """The raw result for one quote before entities are merged."""

    surface: str | None
    cue: str | None


@lru_cache(maxsize=8192)
def clean_name(raw: str) -> str | None:
    """A mention without leading stop words, or None when nothing name-like is left."""
    if raw.strip(" ,.;:") in _NOT_SPEAKERS:
        return None
    words = raw.strip(" ,.;:").split()
    while (
        words
        and fold(words[0]).strip(".,:") in STOP_WORDS
        and not (words[0] in ("The", "the") and len(words) > 1 and words[1][:1].isupper())
    ):
        words.pop(0)
    if not words:
        return None
    name = " ".join(words)
    core = [w for w in words if fold(w).strip(".,'’s") not in STOP_WORDS]
    if not core:
        return None
    return name


def is_pronoun(text: str) -> bool:
    """he, she, they, it, we, I."""
    return fold(text) in {"he", "she", "they", "it", "we", "i"}


@lru_cache(maxsize=8192)
def is_role(text: str) -> bool:
    """A role phrase like "the president", "the ministry" or "the 29-year-old Grammy winner"
    (no capitalised name in it, or a role noun at its head)."""
    words = text.split()
    return (
        len(words) >= 2
        and fold(words[0]) in {"the", "a", "an", "his", "her", "their", "its", "one"}
        and (
            all(not w[:1].isupper() for w in words[1:])
            or (words[-1].islower() and words[-1].strip(".,") in _ROLE_HEADS)
        )
    )


@lru_cache(maxsize=8192)
def kind_of(name: str) -> str:
    """person, organization, place or unknown, from the words of a name."""
    parts = name.split()
    titled = [i for i, w in enumerate(parts) if fold(w).strip(".,") in TITLES]
    if titled and titled[-1] < len(parts) - 1 and titled[-1] > 0:
        # "Police Chief Dana Whitfield": what follows the title decides
        rest = " ".join(parts[titled[-1] + 1 :])
        if len(rest.split()) >= 2 and not set(fold(rest).split()) & ORG_WORDS:
            return "person"
    folded = fold(name)
    words = set(re.findall(r"[\w']+", folded))
    last = re.sub(r"['’]s$", "", folded.split()[-1]) if folded.split() else ""
    if last in PLACE_WORDS and not words & ORG_WORDS:
        return "place"  # "Elm Street", "Central Asia" (the head noun decides)
    parts_folded = folded.split()
    if len(parts_folded) == 2 and parts_folded[0] in _REGION_PREFIXES:
        return "place"  # "Lower Saxony", "Northern Ireland", "West Bengal"
    if re.search(r"\([A-Z]{2,}\)", name) or re.fullmatch(r"(?:the\s+)?[A-Z]{2,8}", name):
        return "organization"
    if re.search(r"(?:^|\s)[A-Z]{3,6}(?:\s|$)", name):  # "BBC Sport", "NHS England"
        return "organization"
    if words & ORG_WORDS:
        return "organization"
    if is_role(name):
        return "person" if words & PERSON_ROLES else "organization"
    caps = [w for w in name.split() if w[:1].isupper()]
    if len(caps) >= 2:
        return "person"
    return "unknown"


class Context:
    """The article text with quotes masked, and where its sentences and paragraphs are."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        pieces, pos = [], 0
        for start, end in sorted(spans):
            stop = end - 1 if end - start > 1 and text[end - 1] in ".!?," else end
            if start < pos or stop <= start:
                continue
            pieces.append(text[pos:start])
            pieces.append("\x01" * (stop - start))
            pos = stop
        pieces.append(text[pos:])
        self.text = text
        self.masked = "".join(pieces)
        self.breaks = [
            m.end()
            for m in _SENTENCE_END.finditer(self.masked)
            if not _ABBREVIATION.search(self.masked, max(0, m.start() - 8), m.start())
        ]
        self.paras = [m.start() for m in _PARA_BREAK.finditer(text)]
        # Names only: role phrases ("the company") are what needs resolving, not antecedents.
        found = [
            (m.start(), m.end(), name)
            for m in MENTION.finditer(self.masked)
            if not is_role(m.group())
            and (name := clean_name(m.group())) is not None
            and not _DATELINE.match(self.masked, m.start())
        ]
        self.mentions = [
            (start + max(0, self.masked.find(name, start, end) - start), name)
            for start, end, name in found
        ]
        self._break_set = set(self.breaks)
        self.org_names = {
            name
            for _, end, name in found
            if _ORG_APPOSITION_TAIL.match(self.masked, end)
            or self.masked.startswith((", which ", ", whose shares"), end)
        }
        self._mention_starts = [start for start, _ in self.mentions]
        self.person_words = {
            re.sub(r"['’]s$", "", fold(w).strip(".,"))
            for _, name in self.mentions
            if kind_of(name) == "person" and len(name.split()) > 1
            for w in name.split()
            if fold(w).strip(".") not in TITLES and fold(w) not in STOP_WORDS
        }

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence (within its paragraph) around start..end."""
        i = bisect_right(self.breaks, start - 1)
        lo = self.breaks[i - 1] if i else 0
        lo = max(lo, self._para_start(start))
        j = bisect_right(self.breaks, end)
        hi = self.breaks[j] if j < len(self.breaks) else len(self.text)
        return lo, min(hi, self._para_end(end))

    def _para_start(self, pos: int) -> int:
        i = bisect_left(self.paras, pos)
        if not i:
            return 0
        m = _PARA_BREAK.match(self.text, self.paras[i - 1])
        return m.end() if m else self.paras[i - 1]

    def _para_end(self, pos: int) -> int:
        i = bisect_left(self.paras, pos)
        return self.paras[i] if i < len(self.paras) else len(self.text)

    def paragraph_index(self, pos: int) -> int:
        """Which paragraph ``pos`` is in."""
        return bisect_left(self.paras, pos)

    def kind(self, name: str) -> str:
        """:func:`kind_of`, knowing the article's "X, a smart-lock maker," organizations."""
        return "organization" if name in self.org_names else kind_of(name)

    def subject(self, lo: int, hi: int, *, want: str = "person") -> tuple[int, str, str] | None:
        """The first candidate subject in text[lo:hi]: ``(start, surface, what)`` with what
        "pronoun", "role" or "name"; names that cannot be a person (or, for want="any", an
        organization) are skipped."""
        found: list[tuple[int, str, str]] = []
        opener = _OPENER.match(self.masked, lo, hi)
        if opener is not None:
            lo = opener.end()
        for m in MENTION.finditer(self.masked, lo, hi):
            raw = m.group()
            before = self.masked[max(lo, m.start() - 14) : m.start()].split()
            cited = [fold(w) for w in before[-2:]] == ["according", "to"]
            if before and fold(before[-1]) in _LOCATIVE | {"with", "by"} and not cited:
                continue  # "In a statement, ...", "with Transport Canada": not the subject
            if fold(raw.split()[0]) in _LOCATIVE:
                continue  # "At Tshwane House, ..." (the capitalised preposition is in the match)
            if is_role(raw):
                head = fold(raw).split()[-1]
                if head in DOCUMENTS or (
                    want == "person" and head not in PERSON_ROLES and head not in _SPOKES_HEADS
                ):
                    continue  # "The court heard that he ...": he is not the court
                named = _named(raw, self.masked[m.end() : m.end() + 80])
                if named != raw:  # "Its skipper, Tomas Reilly, said"
                    found.append((m.start(), named, "name"))
                else:
                    found.append((m.start(), raw, "role"))
                break
            name = clean_name(raw)
            if name is None or _DATELINE.match(self.masked, m.start()):
                continue
            owner = re.sub(r"['’]s$", "", name)
            if owner != name and want == "person":
                role = _OWNED_ROLE.match(self.masked, m.end())
                named = (
                    _named(f"the {role.group(1)}", self.masked[role.end() : role.end() + 80])
                    if role
                    else ""
                )
                if role and not named.startswith("the "):
                    found.append((m.start(), named, "name"))  # "Amelia's brother, Daniel Nunez,"
                    break
                if self.person_like(m.start(), owner):
                    found.append((m.start(), owner, "name"))  # "Pena's younger son asked ..."
                    break
            if self.person_like(m.start(), name) or (
                want == "any" and self.kind(name) == "organization"
            ):
                found.append((m.start(), name, "name"))
                break
        p = re.compile(PRONOUN).search(self.masked, lo, hi)
        if p is not None and fold(p.group()) in ("he", "she"):
            found.append((p.start(), p.group(), "pronoun"))
        spokes = _SPOKES_ROLE.search(self.masked, lo, hi)
        if spokes is not None:  # "A company spokeswoman" (the role regex stops at "company")
            found.append((spokes.start(), spokes.group(), "role"))
        return min(found) if found else None

    def person_like(self, start: int, name: str) -> bool:
        """Could this mention be a person? Not a place ("in Valencia"), a dateline ("MADRID"),
        a possessive ("Spain's"), a bare title ("Dr") or a capitalised sentence opener; a lone
        word counts when it is part of a fuller person name in the article ("Quinlan")."""
        if is_role(name):
            return False
        kind = self.kind(name)
        if kind == "organization" or name.endswith(("’s", "'s")):
            return False
        words = name.split()
        if kind == "person":
            return not all(fold(w).strip(".") in TITLES for w in words[:-1]) or len(words) > 1
        if len(words) != 1:
            return False
        word = fold(name).strip(".")
        if len(word) < 2 or word in TITLES or (name.isupper() and len(name) > 1):
            return False
        if word in self.person_words:
            return True
        before = self.masked[max(0, start - 40) : start].split()
        if before and fold(before[-1]) in _LOCATIVE:
            return False
        if len(before) >= 3 and fold(before[-1]) in ("and", "or") and fold(before[-3]) in _LOCATIVE:
            return False  # "across Wiltshire and Gloucestershire"
        return not self._sentence_start(start)

    def _sentence_start(self, pos: int) -> bool:
        head = self.masked[max(0, pos - 3) : pos]
        return pos == 0 or pos in self._break_set or head.endswith(("\n", "\x01 ", "\x01"))

    def previous_mention(self, pos: int, want: str) -> str | None:
        """The person a pronoun before ``pos`` stands for (the subject of the nearest sentence
        with a person in it), or the nearest organization."""
        found = self.previous_mention_at(pos, want)
        return found[1] if found else None

    def previous_mention_at(self, pos: int, want: str) -> tuple[int, str] | None:
        """:meth:`previous_mention` with where the mention is."""
        if want == "person":
            # the subject of the nearest sentence that has one; "she" there continues the chain
            lo, _ = self.sentence(pos, pos)
            for _ in range(5):
                subject = self.subject(lo, pos)
                if subject is not None and subject[2] != "pronoun":
                    return subject[0], subject[1]
                if lo == 0:
                    break
                pos = lo
                lo, _ = self.sentence(max(0, lo - 2), max(0, lo - 2))
            return None
        for start, name in reversed(self.mentions):
            if start >= pos or is_role(name):
                continue
            if self.kind(name) == want:
                return start, name
        return None


def _named(value: str, following: str | None) -> str:
    """ "Its director, Gloria Abernathy, said": a role or pronoun named by its apposition."""
    if following and (is_role(value) or is_pronoun(value)):
        m = _APPOSITION_NAME.match(following)
        head = fold(value).split()[-1]
        if m and (
            kind_of(m.group(1)) == "person"
            or m.group(1).startswith("@")
            or (head in DOCUMENTS | _ORG_TYPES and kind_of(m.group(1)) == "organization")
        ):
            return m.group(1)
    return value


def _who(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    for group in ("who", "org", "who2", "who3", "who4"):
        value = groups.get(group)
        if value:
            if group == "who":
                return _named(value, groups.get("appos"))
            following = match.string[match.end(group) : match.end(group) + 80]
            titled = _TITLED_NAME.match(following) if group in ("who2", "who3") else None
            if titled and kind_of(titled.group(1)) == "person":
                return titled.group(1)  # "said CDU agriculture spokesman Sebastian Lührs"
            if group == "who2":
                return _named(value, following)
            return value
    return None


_PASSIVE = re.compile(r"\b(?:called|described|dubbed|hailed|praised|branded|labell?ed|termed)\b")
_VERB = re.compile(rf"\b(?:{VERBS}|{PARTICIPLES})\b")


def _sentence_cue(
    ctx: Context, lo: int, start: int, end: int, after: str
) -> tuple[str, str, int] | None:
    """Last resorts: "has been called 'X' by the novelist Edwin Marsh", and a speech verb
    further back in the sentence ("Ruth Abara read it and said, 'X'"), whose subject speaks."""
    before = ctx.masked[lo:start]
    if _PASSIVE.search(before):
        m = _BY_AFTER.match(after)
        if m:
            return m.group("who"), m.group().strip(" ,.\x01"), end + m.start("who")
    verbs = list(_VERB.finditer(before))
    if not verbs:
        return None
    verb = verbs[-1]
    candidates = [(s, name) for s, name in ctx.mentions if lo <= s < lo + verb.start()]
    for s, name in candidates:
        if ctx.person_like(s, name):
            return name, f"{name} ... {verb.group()}", s
    for s, name in candidates:
        if kind_of(name) == "organization":
            return name, f"{name} ... {verb.group()}", s
    return None


def _reporting_subject(ctx: Context, pos: int, known: list[str]) -> str | None:
    """ "The ministry said the declaration stays. 'X,' the statement said": the subject of the
    reporting sentence just before the quote issued the statement."""
    lo, _ = ctx.sentence(pos, pos)
    prev_lo, _ = ctx.sentence(max(0, lo - 2), max(0, lo - 2))
    if prev_lo >= lo or not _VERB.search(ctx.masked, prev_lo, lo):
        return None
    subject = ctx.subject(prev_lo, lo, want="any")
    if subject is None or subject[2] == "pronoun":
        return None
    if subject[2] == "role":
        return _resolve(ctx, subject[1], subject[0], known)
    return subject[1]


def _issuer(
    ctx: Context, document: str, pos: int, known: list[str], *, own_only: bool = False
) -> str | None:
    """Who issued "the statement" / "the release": the organization or person named where the
    document was last mentioned ("a news release from the Millbrook Police Department", "In a
    statement, An Post said")."""
    found = list(re.finditer(rf"\b{re.escape(document)}s?\b", ctx.masked[:pos]))
    if own_only:  # "according to a note from analysts at X": the role's own words say whose
        found = found[-1:]
        if not found or not _FROM_BY.match(ctx.masked, found[0].end()):
            return None
    for m in reversed(found):
        lead = ctx.masked[max(0, m.start() - 20) : m.start()]
        cited = re.search(r"(?:according to|to|under)\s+(?:the|its|their|a)\s+$", lead, re.I)
        if cited and not _FROM_BY.match(ctx.masked, m.end()):
            continue  # "according to the release": a source, not who issued it
        source = _FROM_BY.match(ctx.masked, m.end())
        if source:  # "a news release from the Millbrook Police Department"
            return clean_name(source.group(1))
        lo, hi = ctx.sentence(m.start(), m.end())
        # "the company said in a filing", "In a statement, An Post said": who said it
        subject = ctx.subject(lo, m.start(), want="any") or ctx.subject(m.end(), hi, want="any")
        if subject is None or subject[2] == "pronoun":
            continue
        if subject[2] == "role":
            return _resolve(ctx, subject[1], subject[0], known)
        return subject[1]
    return None


_SPOKES_ROLE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:[\w\-]+\s+)?(?:spokes(?:wo)?man|spokesperson|representative)\b"
)
_NAME_BEFORE = re.compile(rf"({NAME})\s*,?\s*$")
# "Asked about the fee, ...", "Speaking to reporters, ...", "Responding to the criticism, ..."
_OPENER = re.compile(r"\s*(?!According\b)(?:[A-Z][a-z]+(?:ed|ing))\b[^,.;:\x01]{0,80},\s*")
_OWNED_ROLE = re.compile(rf"\s+((?:[\w\-]+\s+){{0,2}}?(?:{ROLE_NOUNS}))\b")
_ADDRESSED = {"told", "tells", "tell", "asked", "asks", "urged", "reminded", "assured"}
_TITLED_NAME = re.compile(rf"\s+(?:[a-z\-]+\s+){{1,3}}({NAME})")
_FROM_BY = re.compile(rf"\s+(?:from|by|of)\s+(?:[a-z]+\s+(?:at|from|of)\s+)?((?:the\s+)?{NAME})")
_SPOKES_HEADS = {"spokesman", "spokeswoman", "spokesperson", "representative", "official"}
_SPOKES_OF = re.compile(
    rf"(?:\b(?:[Aa]n?|[Tt]he)\s+(?P<name>{NAME})\s+|\b(?:[Aa]n?|[Tt]he)\s+(?P<noun>[a-z]+)\s+)"
    rf"(?:spokes(?:wo)?man|spokesperson|representative|official)\b"
    rf"|(?:spokes(?:wo)?man|spokesperson|representative|official)\s+(?:for|of|at)\s+"
    rf"(?:the\s+)?(?P<name2>{NAME}|[a-z]+(?:\s+[a-z]+){{0,3}})"
)


def _spoken_for(ctx: Context, surface: str, pos: int, known: list[str]) -> str | None:
    """ "the spokesperson" speaks for the organization named where a spokesperson last
    appeared: "an FTC spokesperson", "a company spokeswoman", "a spokeswoman for X"."""
    window = list(_SPOKES_OF.finditer(ctx.masked, max(0, pos - 3000), pos + len(surface) + 120))
    own = [m for m in window if m.start() <= pos < m.end() or pos <= m.start() < pos + 3]
    matches = own or [m for m in window if m.start() < pos]
    for m in reversed(matches):
        name = m.group("name") or m.group("name2")
        if name and name[:1].isupper():
            return clean_name(name)
        noun = m.group("noun") or name
        if noun and noun.split()[-1] in _ROLE_HEADS | _ORG_TYPES:
            return _resolve(ctx, f"the {noun}", m.start(), known)  # "a company spokeswoman"
        if name:
            return name
    return None


def _resolve(
    ctx: Context, surface: str, pos: int, known: list[str], previous_quote: int = -1
) -> str | None:
    """A pronoun or a role to the entity it stands for; a name to itself."""
    if is_pronoun(surface):
        folded = fold(surface)
        want = "person" if folded in ("he", "she", "i") else "organization"
        found = ctx.previous_mention_at(pos, want)
        if found is None:
            return known[-1] if known else None
        if known and want == "person" and previous_quote >= ctx.sentence(found[0], found[0])[1]:
            # a quote in a later sentence came between the mention and the pronoun: the pronoun
            # follows the conversation, so that quote's speaker is meant
            return known[-1]
        if is_role(found[1]):  # "A company spokeswoman said ... 'X,' she said"
            return _resolve(ctx, found[1], found[0], known)
        return found[1]
    if is_role(surface) and fold(surface).split()[-1] in _SPOKES_HEADS:
        org = _spoken_for(ctx, surface, pos, known)
        if org is not None:
            return org
    if is_role(surface):
        head = fold(surface).split()[-1]
        role_words = {head}
        named = any(w[:1].isupper() for w in surface.split()[1:])
        if head in DOCUMENTS:
            issuer = _issuer(ctx, head, pos + 60, known, own_only=True) or (
                _reporting_subject(ctx, pos, known) or _issuer(ctx, head, pos, known)
            )
            if issuer is not None:
                return issuer
        if role_words & PERSON_ROLES:
            for start, name in reversed(ctx.mentions):
                if start < pos and not is_role(name) and set(fold(name).split()) & role_words:
                    return name
            return ctx.previous_mention(pos, "person") or surface
        for start, name in reversed(ctx.mentions):
            if start < pos and not is_role(name) and set(fold(name).split()) & role_words:
                return name  # "the ministry" -> "the Ministry of Health"
        if named:  # "the Madrid regional health department" names itself
            return clean_name(surface)
        for start, name in reversed(ctx.mentions):
            if start < pos and ctx.kind(name) == "organization":
                other_type = set(fold(name).split()) & (_ORG_TYPES - role_words)
                if not other_type:  # "the company" may be "Lumora Energy", not "the ministry"
                    return name
        if role_words & _ORG_TYPES:
            return surface
        earliest = next((name for start, name in ctx.mentions if start < pos), None)
        return earliest or surface
    return clean_name(surface)


def attribute(text: str, spans: list[tuple[int, int]]) -> tuple[list[Attribution], Context]:
    """A raw speaker surface and cue for every span (None when no one can be found)."""
    ctx = Context(text, spans)
    result: list[Attribution] = []
    known: list[str] = []
    for n, (start, end) in enumerate(spans):
        lo, hi = ctx.sentence(start, end)
        if hi - end <= 3 and hi < len(text) and text[end - 1 : end] in ("?", "!"):
            # '"Sixty-two million?" Mercer said.': the break after "?" is not a sentence end
            hi = ctx.sentence(hi, hi)[1]
        after_stop = spans[n + 1][0] - 1 if n + 1 < len(spans) and spans[n + 1][0] < hi else hi
        before_start = max(lo, spans[n - 1][1] + 1 if n > 0 and spans[n - 1][1] > lo else lo)
        after = ctx.masked[end:after_stop]
        before = ctx.masked[before_start : max(before_start, start - 1)]
        found: tuple[str, str, int] | None = None
        if _PASSIVE.search(before[-40:]) and (by := _BY_AFTER.match(after)):
            # "has been called 'X' by the novelist Edwin Marsh"
            found = (by.group("who"), by.group().strip(" ,.\x01"), end + by.start("who"))
        m = CUE_AFTER.match(after) if found is None else None
        if (
            m
            and m.group("who2")
            and _LOCATIVE & set(fold(after[m.end("verb2") : m.start("who2")]).split())
        ):
            m = None
        if m and (who := _who(m)):
            found = (who, after[m.start() : m.end()].strip(" ,.\x01\"”’'«»“‹›"), end + m.start())
        if found is None:
            best = None
            for m in CUE_ANY.finditer(before):
                if _who(m) and not (m.group("verb2") and fold(m.group("verb2")) in _ADDRESSED):
                    best = m  # ("told the German Press Agency:" names who listened, not who spoke)
            if best is not None:
                who = _who(best)
                assert who is not None
                found = (who, best.group().strip(), before_start + best.start())
        if found is None:
            m2 = CUE_ANY.search(after)
            if m2 and (who := _who(m2)):
                found = (who, m2.group().strip(), end + m2.start())
        if found is None:
            sentence_before = ctx.masked[lo:start]
            part = PARTICIPLE.search(sentence_before)
            if part:
                subject = next(
                    (
                        name
                        for s, name in ctx.mentions
                        if lo <= s < lo + part.start()
                        and (ctx.person_like(s, name) or kind_of(name) == "organization")
                    ),
                    None,
                )
                pronoun = re.search(PRONOUN, sentence_before[: part.start()])
                right_before = _NAME_BEFORE.search(sentence_before[: part.start()])
                if right_before and ctx.person_like(
                    lo + right_before.start(1), clean_name(right_before.group(1)) or ""
                ):
                    # "with club president Ernesto Vidal describing the offer as ..."
                    subject = clean_name(right_before.group(1))
                if subject:
                    found = (subject, f"{subject} ... {part.group()}", lo)
                elif pronoun:
                    found = (
                        pronoun.group(),
                        f"{pronoun.group()} ... {part.group()}",
                        lo + pronoun.start(),
                    )
        if found is None and ctx.masked[lo:start].rstrip(" \x01\"“‘«„'").endswith(":"):
            # "Park puts her philosophy simply: '...'": the sentence's subject speaks
            subject = ctx.subject(lo, start, want="any")
            if subject is not None:
                found = (subject[1], ctx.masked[subject[0] : start].strip(" :"), subject[0])
        if found is None:
            found = _sentence_cue(ctx, lo, start, end, after)
        surface = None
        cue = None
        if found is not None:
            previous = spans[n - 1][0] if n > 0 else -1
            surface = _resolve(ctx, found[0], found[2], known, previous)
            cue = found[1]
        if surface is None and n > 0 and result[-1].surface is not None:
            prev_para = ctx.paragraph_index(spans[n - 1][0])
            here = ctx.paragraph_index(start)
            if here == prev_para or (
                here == prev_para + 1 and text[lo:start].strip(" \"“‘«„'") == ""
            ):
                surface = result[-1].surface
        if surface is None and text[lo:start].strip(" \"“‘«„'") == "" and lo > 0:
            # a quote that is a paragraph of its own, after a paragraph about someone (and not
            # after one of their quotes): "Hēnare has already sent 400 ewes ... / 'We're ...'"
            last = max(0, len(text[:lo].rstrip()) - 1)
            prev_lo, _ = ctx.sentence(last, last)
            quoted_there = n > 0 and spans[n - 1][1] > prev_lo
            subject = None if quoted_there else ctx.subject(prev_lo, lo)
            if subject is not None and subject[2] == "name":
                surface, cue = subject[1], None
        if surface:
            known.append(surface)
        result.append(Attribution(surface, cue))
    return result, ctx


def group_entities(
    surfaces: list[str], mentions: list[str]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Cluster speaker surfaces into entities, using the article's fuller mentions as bridges.

    "SVR", "the Intelligence" and "Russia" join through "Russia's Foreign Intelligence Service
    (SVR)" when the article names it. Returns surface -> display name, and name -> aliases.
    """
    full = [m for m in dict.fromkeys(mentions) if len(m.split()) >= 2 and not is_role(m)]
    groups: list[list[str]] = []
    for surface in surfaces:
        for group in groups:
            if same_entity([surface], group):
                group.append(surface)
                break
        else:
            groups.append([surface])
    for group in groups:
        bridges = [m for m in full if m not in group and same_entity([m], group)]
        # Only a mention fuller than every name the group has is a bridge worth taking.
        longest = max(len(g.split()) for g in group)
        group.extend(m for m in bridges if len(m.split()) > longest)
    merged: list[list[str]] = []
    for group in groups:
        for target in merged:
            if same_entity(group, target):
                target.extend(g for g in group if g not in target)
                break
        else:
            merged.append(list(dict.fromkeys(group)))
    mapping: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    for group in merged:
        name = best_name(group)
        aliases[name] = [g for g in group if g != name]
        for surface in group:
            mapping[surface] = name
    return mapping, aliases
