"""The words and patterns of news attribution: cue verbs, role nouns, name shapes, places.

Data and compiled regular expressions only; :mod:`mentions` and :mod:`speakers` use them.
"""

from __future__ import annotations

import re

from tui_reader.library import regexes
from tui_reader.library.quotes.alternation import alternation

_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f\u0391-\u03a9\u0410-\u042f"
# titles written with a period: "Sen. Ann Lowe" is one name, never "Sen" alone
TITLE_ABBREVIATIONS = (
    "Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Cpl|Pvt|Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Jr|Sr|St|"
    "Supt|Insp|Det|Hon|Atty|Pres|Cllr|Fr|Msgr|Amb|Sec|Treas|Mt|Ft|Co|Inc|Ltd|Corp|Bros"
)
_TITLE_ABBREVIATION_PATTERN = alternation(TITLE_ABBREVIATIONS)
# "Sen.", "U.S.", "J.", "al-Hamad", "Vučić"; not "To." (a headline's word before a period)
_CAP = (
    rf"(?:(?:{_TITLE_ABBREVIATION_PATTERN})\.|(?:[A-Z]\.){{2,}}|[{_UP}]\.|"
    rf"(?:al|el|ad|as|ash|ibn|bin|abu)-[{_UP}][\w'’\-]*|[{_UP}][\w'’\-–]*)"
)
# "Pieter van der Berg", "Karim el Masri", "Luiz da Silva"
_PARTICLE = (
    r"(?:of|the|de|del|della|der|den|van|von|da|das|dos|di|du|al|el|bin|ibn|abu|la|le|"
    r"ter|ten|zu|y|for)"
)
_ACR = r"(?:\s*\((?:[A-Z][A-Za-z]{1,9}|[RDI]-[A-Z][A-Za-z.]{1,6})\))?"
# a pronoun opening the next sentence is not part of a name ("in the U.S. He says")
_NEXT_CAP = rf"(?!(?:He|She|It|They|We|His|Her|Its|Their|This|That|These|Those)\b){_CAP}"
NAME = (
    rf"(?:@[A-Za-z0-9_]{{2,30}}|(?:(?:the|The)\s+)?{_CAP}(?:\s+(?:{_PARTICLE}\s+)*{_NEXT_CAP}"
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
    "complaint|lawsuit|suit|notice|petition|motion|brief|blog post|newsletter|"
    "affidavit|indictment|bill|verdict|audit|warrant|subpoena|proposal|contract|survey|"
    "poll|study|editorial|ad|advertisement|tweet|message|website|headline|textbook|"
    "feds|authorities|investigators|organizers|organisers|"
    "nominee|frontrunner|front-runner|hopeful|contender|challenger|incumbent|rival|ally|aide|"
    "adviser|advisor|strategist|pollster|columnist|commentator|host|anchor|moderator|"
    "speaker|speechwriter|editor"
)
ROLE_NOUN_PATTERN = alternation(ROLE_NOUNS)
DOCUMENTS = {
    *(
        "note statement report release post letter filing email memo complaint lawsuit suit "
        "notice petition motion brief newsletter affidavit indictment bill verdict audit "
        "warrant subpoena proposal contract survey poll study editorial ad advertisement tweet "
        "message website headline textbook"
    ).split(),
}
_EXTRA_PERSON_ROLES = (
    "nominee frontrunner front-runner hopeful contender challenger incumbent rival ally aide "
    "adviser advisor strategist pollster columnist commentator host anchor moderator "
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
    "pastor vicar coroner speaker speechwriter editor"
).split()
ROLE = (
    rf"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne)\s+(?:[\w\-'’]+\s+){{0,2}}?"
    rf"(?:{ROLE_NOUN_PATTERN})\b(?:\s+(?:{ROLE_NOUN_PATTERN})\b)*"
)
# "a spokeswoman for the Madrid health department": the organization speaks
SPOKES = (
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:[\w\-]+\s+)?(?:spokes(?:wo)?man|spokesperson|representative|"
    r"press officer|official)\s+(?:for|of|at)\s+(?P<org>(?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,5}?)"
)
ROLE_HEADS = set(ROLE_NOUNS.split("|"))
PLACE_WORDS = {  # not surnames too (Park, Lane, Hall, Church, Bridge stay out)
    *(
        "asia africa europe america americas andes alps himalayas pacific atlantic arctic "
        "antarctic mediterranean gulf sea ocean coast basin desert street road avenue boulevard "
        "square county river jail prison laundromat airport harbour harbor island valley "
        "province region district streets highway motorway"
    ).split(),
}
ORG_TYPES = {
    *(
        "shelter prefecture county municipality province app family theatre theater orchestra "
        "festival band college church utility operator retailer insurer lender carrier maker "
        "manufacturer broadcaster developer supplier firm company group association federation "
        "society coalition alliance charity league trust museum gallery airline regulator "
        "exchange ministry department agency council court police union party bank commission "
        "committee government embassy army university institute foundation office authority "
        "service board hospital school club"
    ).split(),
}
NOT_SPEAKERS = {  # capitalised tokens that are never anyone
    *(
        "AI TV ET PT GMT BST CET AM PM IT PR HR ID OK FAQ PDF USB GPS DNA RNA ATM GDP CEO CFO "
        "COO CTO Q1 Q2 Q3 Q4 COVID Covid"
    ).split(),
}
REGION_PREFIXES = {
    *(
        "lower upper northern southern eastern western central greater north south east west"
    ).split(),
}
LOCATIVE = {
    *(
        "among about against after before during since without like than beyond behind beside "
        "across in at from near to into outside around via through toward towards between "
        "throughout within of on under over for"
    ).split(),
}
PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)\b"
PRONOUN_RE = regexes.compile(PRONOUN)
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
    "used to say|likes to say|once said|wondered|wonders|chanted|chants|sang|"
    "sings|cheered|remembered|elaborated|interjected|interrupted|answered|answers|assured|"
    "pressed|barked|hissed|groaned|cried|teased|taunted|mocked|charged|asserted|asserts|"
    "contended|contends|lamented|laments|griped|grumbled|proclaimed|pronounced|pledged|swore|"
    "bragged|touted|advised|opined|reasoned|speculated|surmised|summed up|counters|"
    # German and French reporting verbs, for „…“ and «…» quotes in English-language copy
    "sagte|sagt|erklärte|betonte|meinte|dit|a dit|déclaré|a déclaré|affirmé|a affirmé|"
    "a ajouté|ajouté|estime|a estimé"
)
# Verbs that take an object: "described Hale as ..." names who is described, so these never
# come before their speaker ("said Smith" does)
OBJECT_VERBS = set(
    "told tells tell urged urges accused denied denies described describes called calls "
    "reminded blasted slammed blamed praised dismissed welcomed criticised criticized "
    "condemned hailed branded dubbed labelled labeled termed echoed alleged alleges "
    "announced announces advised assured pressed charged mocked teased taunted touted "
    "pledged".split()
)
INVERTED_VERBS = "|".join(v for v in VERBS.split("|") if v not in OBJECT_VERBS)
# '"...," reads a welcome message on the site': "read" is a cue only right after a quote
INVERTED_AFTER = f"reads|read|{INVERTED_VERBS}"
VERB_PATTERN = alternation(VERBS)
PARTICIPLES = (
    "saying|adding|telling|calling|accusing|alleging|acknowledging|describing|insisting|"
    "warning|claiming|arguing|noting|stating|declaring|branding|labelling|labeling|"
    "dubbing|terming|urging|vowing|promising|stressing|emphasizing|emphasising|"
    "explaining|asking|demanding|writing|denouncing|condemning|praising"
)
VERB_OR_PARTICIPLE_PATTERN = alternation(f"{VERBS}|{PARTICIPLES}")
_ADVERBS = (
    r"(?:(?:also|then|later|further|had|has|have|would|previously|again|once|recently|"
    r"earlier|repeatedly|reportedly|simply|flatly|angrily|quietly|firmly|just|[a-z]+ly|"
    r"(?:on\s+|last\s+|this\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"today|yesterday|tonight|week|night|morning|evening))\s+)*"
)
# Indefinite descriptions speak as written: "one senior administration official", "a friend
# of the family", "another user", "a sign by the road".
INDEFINITE = (
    r"(?:[Aa]n?|[Oo]ne|[Aa]nother|[Ss]ome|[Ss]everal|[Mm]any|[Tt]wo|[Tt]hree|[Ff]our|[Oo]ther)"
)
DESCRIPTION_NOUNS = (
    "official|source|aide|adviser|advisor|staffer|strategist|operative|activist|person|"
    "people|voter|user|member|supporter|critic|observer|insider|consultant|reporter|"
    "journalist|protester|protestor|delegate|attendee|participant|organizer|organiser|"
    "volunteer|veteran|republican|democrat|conservative|liberal|progressive|pollster|"
    "employee|staff|agent|narrator|child|kid|host|commentator|columnist|blogger|historian|"
    "official|lawmaker|legislator|diplomat|donor|fundraiser|lobbyist|attorney|lawyer|"
    "spokesman|spokeswoman|spokesperson|representative|senator|congressman|congresswoman|"
    "candidate|customer|shopper|parent|student|teacher|worker|resident|neighbor|neighbour|"
    "friend|relative|man|woman|boy|girl|voice|caller|viewer|reader|listener|fan|"
    "message|editorial|article|study|memo|footnote|ad|advertisement|statement|email|letter|"
    "post|tweet|survey|poll|review|analysis|document|readout|report|note|sign|banner|"
    "headline|caption|video|voice-over|release|filing|transcript|analyst|expert|"
    "economist|scientist|researcher|professor|doctor|officer|executive|director|manager|"
    "leader|insider|fellow|partisan|backer|opponent|skeptic|sceptic|writer|author|"
    "someone|somebody|anyone|everyone|commenter|poster|tweeter|pundit|operative|congregant|"
    "parishioner|juror|bystander|driver|rider|traveler|traveller|tourist|visitor|guest|elector|"
    "onlooker|demonstrator|marcher|canvasser|caucusgoer|delegate|lobbyist|contributor|survivor"
)
DESCRIPTION_NOUN_PATTERN = alternation(DESCRIPTION_NOUNS)
# the words before a description's noun: "one senior administration", not "a breakfast with"
_MODIFIER = (
    r"(?!(?:with|for|of|at|in|on|from|by|to|and|or|but|who|whom|which|that|said|says|told|is|"
    r"was|were|are|has|had|have)\b)[\w\-’'.]+"
)
DESCRIPTION = (
    rf"\b(?:{INDEFINITE}\s+(?:of\s+(?:the|those|these|his|her|their|its)\s+|"
    rf"(?:lot|couple|handful|number|group|majority|dozen|pair|crowd|host|bunch)\s+of\s+)?"
    rf"(?:{_MODIFIER}\s+){{0,5}}?(?i:{DESCRIPTION_NOUN_PATTERN})(?:e?s)?|[Ss]omeone|[Ss]omebody)\b"
)
# what may follow a description and belongs to it: "an official familiar with the talks",
# "an official who was not allowed to speak", "one of her aides, who spoke ..."
_POST = (
    r"(?:,?\s+(?:who|whom|whose|which|that)\b|,\s+(?:speaking|requesting|asking|declining|"
    r"citing|granted)\b|\s+(?:familiar|close|with|for|to|of|at|in|from|on|inside|within|"
    r"involved|named|speaking|working|based|outside|near|under|by)\b)"
    r"[^,.;:!?\x01\"“”()]{0,140}"
)
POST_MODIFIER = regexes.compile(rf"(?:{_POST})+")
# after "said" or "according to", an indefinite noun phrase up to the clause's end is the
# speaker whatever its head noun ("wrote one commenter", "said a strategist for one of them")
GENERIC_NP = rf"(?:{INDEFINITE}|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+[^,.;:!?\x01\"“”()\n]{{1,100}}?(?=\s*(?:[,.;:!?\x01\"“”()\n]|$))"
# the verbs after which such a phrase is the speaker, not an object ("admitted some plagiarism")
NP_VERBS = set(
    "said says wrote writes added adds asked asks noted notes explained replied countered "
    "quipped tweeted posted remarked observed argued insisted warned cautioned continued "
    "recalled complained".split()
)
DESCRIPTION_RE = regexes.compile(DESCRIPTION)
# the plural nouns that make a group subject on their own ("local traders note", "Critics
# say", "About 50 protesters chanted")
_GROUP_WORDS = (
    "officials|critics|supporters|opponents|protesters|protestors|voters|residents|analysts|"
    "experts|observers|researchers|scientists|prosecutors|investigators|lawmakers|legislators|"
    "activists|advocates|policymakers|organizers|organisers|economists|strategists|commenters|"
    "insiders|donors|staffers|traders|lobbyists|demonstrators|marchers|respondents|proponents|"
    "backers|defenders|skeptics|sceptics|participants|attendees|spectators"
)
_GROUP_NOUNS_ALONE = alternation(_GROUP_WORDS)
# and those that make one after "Many", "Most", "Few", "Several", "Some" ("Some fans chanted")
_GROUP_NOUNS = alternation(
    f"{_GROUP_WORDS}|members|leaders|aides|advisers|advisors|sources|students|workers|"
    "employees|parents|teachers|doctors|delegates|republicans|democrats|conservatives|liberals|"
    "progressives|officers|agents|readers|viewers|fans|people|users|veterans"
)
# a clause that opens with a group: "Some fans chanted", "local traders note", and at a
# sentence start "Critics say", "Legal experts warn" (one capitalised word, then the noun:
# "Trump blamed local officials" is no group), "Hundreds of local workers marched", "About 50
# protesters chanted"
GROUP_SUBJECT = regexes.compile(
    rf"\s*(?:[Oo]thers\b(?!\s+of\b)|(?:[Mm]any|[Mm]ost|[Ff]ew|[Ss]everal|[Ss]ome)"
    rf"(?:\s+(?:[\w\-]+\s+){{0,2}}?(?:{_GROUP_NOUNS})\b)|"
    rf"(?:(?:[Hh]undreds|[Tt]housands|[Dd]ozens)\s+of|(?:(?:[Aa]bout|[Nn]early|[Oo]ver)\s+)?"
    rf"\d[\d,]*)\s+(?:[a-z][\w\-]+\s+){{0,2}}?(?:{_GROUP_NOUNS_ALONE})\b|"
    rf"(?:[a-z][\w\-]+\s+){{0,2}}(?:{_GROUP_NOUNS_ALONE})\b|"
    rf"(?=[A-Z][a-z])(?:[A-Z][a-z\-]+\s+)?(?i:{_GROUP_NOUNS_ALONE})\b)"
)
INDEFINITE_START = regexes.compile(
    r"(?:an?|one|another|some|several|many|two|three|four|other|others|someone|somebody)\b",
    re.I,
)
# lowercase words between a verb and a name are role words ("says co-author Søren Holm"), not
# a preposition ("testified before Congress") or the start of a clause ("said that Smith")
_ROLE_WORD = (
    r"(?:\d+(?:st|nd|rd|th)|(?!(?:that|this|these|those|it|he|she|they|we|his|her|their|its|our|the|a|an|and|or|"
    r"but|if|when|while|as|so|not|no|was|is|were|are|has|had|have|will|would|about|among|"
    r"against|after|before|during|since|without|like|than|in|at|from|near|to|into|through|"
    r"toward|towards|between|within|of|on|under|over|for|with|by|upon|up|out|off|down|"
    r"there|here|then|also|how|what|why|who|whom|which|where|one|another|some|several|many|"
    r"two|three|four|other|others)\b)[a-z][a-z\-]*)"
)
# "Ohio delegate Rhea Banks", "ACLU spokesman Tom Reed": role words, then the name
_TITLED = (
    rf"{NAME}(?:\s+(?:(?:secretary|minister) of (?:state|defen[cs]e|the \w+)\s+|"
    rf"(?:{_ROLE_WORD}\s+){{1,3}}?)(?P<tname>{NAME}))?"
)
_WHO = (
    rf"(?:{SPOKES}|(?P<who>{DESCRIPTION}(?:\s+(?:for|of|at|from|with|in)\b(?:(?!\s(?:who|which|that)\b)[^,.;:!?\x01\"“”()]){{1,80}}?)?|{ROLE}|{PRONOUN}|\b[Oo]ne\b(?!\s+[A-Z])|{_TITLED}))"
    rf"(?P<appos>(?:,\s+[^,\x01\"“”]{{1,200}}){{1,5}},)?"
)
_BARE = (
    r"(?:police|officials|authorities|prosecutors|witnesses|investigators|experts|analysts|"
    r"residents|critics|doctors|lawmakers|legislators|researchers|scientists|economists|"
    r"protesters|supporters|opponents|activists|organizers|voters|observers|advocates|"
    r"lawyers|attorneys|aides|advisers|strategists|officers|agents|senators|democrats|"
    r"republicans|conservatives|liberals|policymakers|diplomats|negotiators|leaders)"
)
CUE_AFTER = regexes.compile(
    rf"^[\s,.!?;:—–\-\x01\"”’'»“«›]*(?:{_WHO},?\s+{_ADVERBS}(?P<verb>{VERB_PATTERN})\b"
    rf"|(?P<verb2>{alternation(INVERTED_AFTER)})\s+(?:(?:le|la|les|der|die|das)\s+[^\W\d]+\s+|(?:{_ROLE_WORD}\s+){{1,3}}?(?=[{_UP}]))?(?P<who2>{DESCRIPTION}|{ROLE}|{NAME}|{GENERIC_NP}))"
    rf"|^[\s,.!?;:—–\-\x01\"”’'»“«›]*(?P<who4>(?:[a-z][\w\-]+\s+){{0,2}}?{_BARE})\s+{_ADVERBS}"
    rf"(?:{VERB_PATTERN})\b"
    # '"Is it safe?" a commuter on the platform wondered': any indefinite noun phrase there
    rf"|^[\s,.!?;:—–\-\x01\"”’'»“«›]*(?P<who5>{INDEFINITE}\s+(?:{_MODIFIER}\s+){{0,4}}?[a-z][\w\-]*"
    rf"(?:\s+(?:on|in|at|from|of|with|near|outside|inside)\s+(?:the\s+)?[a-z][\w\-]*"
    rf"(?:\s+[a-z][\w\-]*){{0,2}}?)?)\s+{_ADVERBS}(?:{VERB_PATTERN})\b"
)
CUE_ANY = regexes.compile(
    rf"(?:{_WHO},?\s+{_ADVERBS}(?P<verb>{VERB_PATTERN})\b"
    rf"|(?<![\w\-])(?P<verb2>{alternation(INVERTED_VERBS)})\s+(?:(?:le|la|les|der|die|das)\s+[^\W\d]+\s+|(?:{_ROLE_WORD}\s+){{1,3}}?(?=[{_UP}]))?(?P<who2>{DESCRIPTION}|{ROLE}|{NAME}|{GENERIC_NP})"
    rf"|\b(?:[Aa]ccording\s+to|[Ii]n\s+the\s+words\s+of|[Qq]uoting|[Ss]aid\s+by|"
    rf"[Aa]s\s+(?:put|described|stated)\s+by|[Ii]n\s+(?:a|its|his|her|their)\s+"
    rf"(?:statement|words))\s+(?P<who3>{DESCRIPTION}|{ROLE}|{NAME}|{_BARE}|{GENERIC_NP}))"
)
# a cheap test before CUE_ANY: no such word, no cue
CUE_HINT = regexes.compile(
    rf"\b(?:{VERB_PATTERN}|[Aa]ccording|[Ww]ords|[Qq]uoting|[Pp]ut|[Dd]escribed|[Ss]tated|[Ss]tatement)\b"
)
PARTICIPLE = regexes.compile(rf"\b(?:{alternation(PARTICIPLES)})\b")
# "Dr. Amara Nwosu", "St. Aidan's": a period after these does not end a sentence
# "MADRID (Reuters) —", "LIMA, Peru —": a place, not a speaker
DATELINE = regexes.compile(r"(?:(?<=\n)|(?<=^))[A-Z][A-Z .'-]{2,30}(?=[,(]|\s+[(—–-])")
PARA_BREAK = regexes.compile(r"\n\s*\n")
ABBREVIATION = regexes.compile(
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
ORG_APPOSITION_TAIL = regexes.compile(
    rf",\s+(?:a|an|the)\s+(?:[\w\-’']+\s+){{0,4}}?(?:{alternation(_ORG_NOUNS)})\b(?![’']s)"
)
# "Its director, Gloria Abernathy, said", "One rival, former Sen. Ada Price, wrote"
APPOSITION_NAME = regexes.compile(
    rf"(?:\s+(?:at|of|for|from|in|with)\s+[^,\x01\"“”]{{1,40}})?"  # "his best friend at Ridgeway,"
    rf",\s+(?:(?:his|her|their)\s+[a-z\-]+\s+)?"  # "The other man, his cousin Tom Hale,"
    rf"(?:(?:former|then|now|retired|longtime|veteran|fellow|state|local)\s+)*({NAME})"
    rf"\s*(?:,|$|\.|\s+(?:said|says|told|added|wrote))"
)
BY_AFTER = regexes.compile(
    rf"^[\s,.\x01\"”’'»]*by\s+(?:(?:the|a|an)\s+)?(?:[a-z\-]+\s+){{0,3}}?(?P<who>{NAME})"
)
MENTION = regexes.compile(rf"\b(?=[{_UP}tahi])(?:{ROLE}|{NAME})")
# the end of a sentence, then (group 1) the marks and the space before the next one; starting
# with the punctuation rather than a look behind lets ``re`` skip ahead to it
SENTENCE_END = regexes.compile(r"[.!?]([\"”’»']*\s+)(?=[\"“‘«„\x01" + _UP + r"])")

# sentence-opening words that are never a name's first word ("Given Hale's record")
_OPENING_WORDS = (
    "given regarding though although unlike like perhaps maybe including whether because unless "
    "until amid via per dear thanks plus except besides toward towards upon within without "
    "across behind against along around near past through throughout hence therefore indeed "
    "moreover furthermore nevertheless nonetheless otherwise rather yes well oh okay ok hey "
    "please sadly luckily unfortunately fortunately clearly obviously notably separately "
    "nor neither either whatever whoever whenever wherever or"
).split()
STOP_WORDS = {
    *(
        "the a an in on at but and however earlier back even after before when while this that "
        "these those it he she they we i there here although despite according since as if so "
        "then meanwhile also still yet now today yesterday last next some many most other both "
        "each every all no not only for with from by of to under over asked speaking instead "
        "thus his her their its our my your what why how who where which one two three first "
        "second later related original read more see photo video update updated breaking "
        "exclusive analysis opinion mr. ms. q a: q: january february march april may june july "
        "august september october november december monday tuesday wednesday thursday friday "
        "saturday sunday said says"
    ).split(),
    "in the words of",
    *_OPENING_WORDS,
}
# the last word of a name that is no one's: buildings and places, laws, events and things
PLACE_HEADS = set(
    "tower towers building plaza mall hotel resort casino stadium arena palace castle cathedral "
    "mosque temple synagogue airport station terminal port bridge tunnel canal lake lakes "
    "mountain mountains mount hills bay beach peninsula strait republic kingdom empire state "
    "states city town village territory territories coast heights springs falls".split()
)
THING_HEADS = set(
    "agreement accord treaty act bill law amendment amendments plan program programme project "
    "initiative deal summit conference convention caucus caucuses primary primaries debate "
    "debates election elections tour show series festival fair expo prize award awards medal "
    "cup games olympics championship tournament war wars revolution crisis scandal affair "
    "doctrine policy reform budget index census code constitution declaration charter "
    "manifesto platform day week month year era age shirt t-shirt card book novel film movie "
    "album song app website blog podcast behind left right".split()
)
ORG_WORDS = {
    *(
        "service ministry agency office department authority government court council "
        "commission intelligence company group union party bank committee board police times "
        "news post press inc ltd corp corporation association institute university foundation "
        "embassy army military kremlin parliament assembly club team campaign organisation "
        "organization federation network trust fund church school hospital centre center "
        "office's report statement sources foods motors airlines energy holdings systems labs "
        "media partners capital industries technologies pharmaceuticals railways officials "
        "residents researchers scientists activists"
    ).split(),
}
PERSON_ROLES = {
    *(
        "president minister mayor spokesman spokeswoman spokesperson official judge chief "
        "governor senator lawyer attorney doctor expert analyst witness coach manager chairman "
        "director ceo founder leader sheriff prosecutor prime"
    ).split(),
    *_EXTRA_PERSON_ROLES,
}

PASSIVE = regexes.compile(
    r"\b(?:called|described|dubbed|hailed|praised|branded|labell?ed|termed)\b"
)
ANY_VERB = regexes.compile(rf"\b(?:{VERB_OR_PARTICIPLE_PATTERN})\b")
SPOKES_ROLE = regexes.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:[\w\-]+\s+)?(?:spokes(?:wo)?man|spokesperson|representative)\b"
)
NAME_BEFORE = regexes.compile(rf"({NAME})\s*$")
# "Asked about the fee, ...", "Speaking to reporters, ...", "Responding to the criticism, ..."
# "After the debate, ...", "On Monday, after a long silence, ...": a sentence's subject
# comes after its opening clauses
OPENER = regexes.compile(
    r"\s*(?:(?!According\b)[A-Z][a-z]+(?:ed|ing)\b|(?:[Aa]fter|[Ww]hen|[Ww]hile|[Aa]lthough|"
    r"[Tt]hough|[Bb]ecause|[Ss]ince|[Bb]efore|[Aa]s|[Ii]f|[Oo]nce|[Uu]ntil|[Uu]nless|[Dd]espite|"
    r"[Ii]n|[Oo]n|[Aa]t|[Dd]uring|[Ff]or|[Ww]ith|[Ww]ithout|[Aa]mid|[Ff]ollowing|[Uu]nlike|"
    r"[Ll]ike|[Uu]nder|[Oo]ver|[Tt]hroughout|[Bb]y|[Ff]rom|[Bb]ack|[Ee]arlier|[Ll]ater|[Ll]ast|"
    r"[Mm]eanwhile|[Aa]lso|[Ss]till|[Yy]et|[Tt]hen|[Nn]ow|[Tt]oday|[Ss]peaking|[Aa]sked|[Oo]f|"
    r"[Rr]egarding|[Aa]bout|[Hh]owever)\b)"
    r"[^,.;:\x01\"“”]{0,100},\s*"
)
OWNED_ROLE = regexes.compile(rf"\s+((?:[\w\-]+\s+){{0,2}}?(?:{ROLE_NOUN_PATTERN}))\b")
ADDRESSED = {"told", "tells", "tell", "asked", "asks", "urged", "reminded", "assured"}
TITLED_NAME = regexes.compile(
    rf"\s+(?:(?:{_ROLE_WORD}\s+){{0,3}}(?:secretary|minister) of (?:state|defen[cs]e)\s+|"
    rf"(?:{_ROLE_WORD}\s+){{1,4}})({NAME})"
)
ROLE_NAME = regexes.compile(rf"\s+({NAME})")  # "her campaign manager Rob Tate"
FROM_BY = regexes.compile(
    rf"\s+(?:from|by|of)\s+(?:[a-z]+\s+(?:at|from|of)\s+)?((?:the\s+)?{NAME})"
)
SPOKES_HEADS = {"spokesman", "spokeswoman", "spokesperson", "representative", "official"}
SPOKES_OF = regexes.compile(
    rf"(?:\b(?:[Aa]n?|[Tt]he)\s+(?P<name>{NAME})\s+|\b(?:[Aa]n?|[Tt]he)\s+(?P<noun>[a-z]+)\s+)"
    rf"(?:spokes(?:wo)?man|spokesperson|representative|official)\b"
    rf"|(?:spokes(?:wo)?man|spokesperson|representative|official)\s+(?:for|of|at)\s+"
    rf"(?:the\s+)?(?P<name2>{NAME}|[a-z]+(?:\s+[a-z]+){{0,3}})"
)

# Gender of a person, for "he"/"she": what the article says first (titles, nouns, pronouns
# used of the name), then common given names as a last resort.
FEMALE_WORDS = {"she", "her", "hers", "herself"}
MALE_WORDS = {"he", "him", "his", "himself"}
FEMALE_TITLES = {
    *(
        "mrs ms miss madam madame mme dame lady queen princess sister duchess countess baroness "
        "frau senora sra"
    ).split(),
}
MALE_TITLES = {
    *("mr sir lord king prince monsieur herr duke count baron senor sr father brother").split(),
}
FEMALE_NOUNS = {
    *(
        "wife mother daughter sister grandmother aunt niece woman girl spokeswoman "
        "congresswoman chairwoman businesswoman actress widow granddaughter councilwoman "
        "assemblywoman alderwoman stepmother girlfriend mom mum grandma sportswoman policewoman "
        "waitress heiress fiancee"
    ).split(),
}
MALE_NOUNS = {  # not "chairman", "spokesman" or "actor": those are said of women too
    *(
        "husband father son brother grandfather uncle nephew man boy widower grandson "
        "stepfather boyfriend dad grandpa fiance"
    ).split(),
}
FEMALE_GIVEN = set(
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa "
    "betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa "
    "deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna "
    "brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn "
    "janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina "
    "lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria "
    "ann anne teresa kathryn sara janice jean alice madison doris abigail julia judy grace "
    "denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella "
    "charlotte rose alexis kayla jane lucy claire sophie chloe ellen eleanor valerie wendy "
    "carmen rosa ana sofia lucia elena irina natasha olga tatiana ingrid greta astrid "
    "fatima aisha leila mariam priya anita sunita yuki mei "
    "joanna suzanne tina peggy jill jillian caroline kate katie molly erin colleen "
    "elaine carla monica veronica vanessa tracy stacy nina dana lynn".split()
)
MALE_GIVEN = set(
    "james robert john michael david william richard joseph thomas charles christopher daniel "
    "matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy "
    "ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin "
    "scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry "
    "tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold "
    "keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan "
    "bryan joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy "
    "eugene vincent russell elijah louis bobby philip johnny mike bill bob jim tom dave steve "
    "tim ted ben sam dan chris matt nick tony ron ed jeff greg fred ken rick doug pete "
    "bernard "
    "hans klaus jurgen pierre jean-claude francois jacques luis carlos miguel pedro diego "
    "ahmed mohammed muhammad ali omar hassan ivan sergei vladimir dmitri boris igor "
    "hiroshi kenji wei raj rahul arjun ravi".split()
)
