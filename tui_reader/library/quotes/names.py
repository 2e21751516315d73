"""Speaker names as entities: folding, titles, surnames and acronyms.

"Aleksandar Vučić", "Vucic", "President Vucic" and "Serbian President Aleksandar Vučić" are one
speaker; so are "SVR", "the SVR", "Russia's SVR" and "Russia's Foreign Intelligence Service (SVR)".
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from tui_reader.library import regexes
from tui_reader.library.folding import fold

TITLES = {
    "member",
    "councilmember",
    "councilwoman",
    "councilman",
    "cllr",
    "alderman",
    "alderwoman",
    "supervisor",
    "trustee",
    "assemblyman",
    "assemblywoman",
    "assemblymember",
    "mla",
    "msp",
    "td",
    "lt",
    "det",
    "insp",
    "supt",
    "mmc",
    "ing",
    "mx",
    "president",
    "vice",
    "prime",
    "minister",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "mayor",
    "deputy",
    "senator",
    "sen",
    "rep",
    "representative",
    "governor",
    "gov",
    "chancellor",
    "secretary",
    "general",
    "gen",
    "colonel",
    "col",
    "captain",
    "capt",
    "sgt",
    "sergeant",
    "officer",
    "chief",
    "executive",
    "ceo",
    "chairman",
    "chairwoman",
    "chair",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "father",
    "rev",
    "reverend",
    "judge",
    "justice",
    "inspector",
    "detective",
    "commissioner",
    "director",
    "councillor",
    "councilor",
    "coach",
    "manager",
    "head",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "health",
    "state",
    "former",
    "acting",
    "opposition",
    "leader",
    "mp",
    "mep",
    "ambassador",
    "sheriff",
    "superintendent",
    "premier",
    "herr",
    "frau",
    "constable",
    "commander",
    "lieutenant",
    "major",
    "union",
    "monsieur",
    "madame",
    "mme",
    "dott",
    "sr",
    "sra",
    "the",
    "of",
}
# the last word of an organization's name: its leading words are part of it
ORG_HEADS = set(
    "department ministry committee office council party agency service commission court board "
    "bank university institute foundation association union police government administration "
    "army navy force forces guard bureau authority network news times post press group company "
    "corporation campaign house senate congress parliament assembly league federation society "
    "church school college hospital center centre fund trust agency coalition alliance "
    "organization organisation council caucus conference".split()
)
NATIONALITY_SUFFIXES = ("ian", "ese", "ish", "ean", "can", "ic", "i")
_POSSESSIVE = regexes.compile(r"['’]s?\b")
_NON_WORD = regexes.compile(r"[^\w\s]")
_ACRONYM = regexes.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
_CAPITALISED = regexes.compile(r"[A-Z][\w’']*")


def _is_nationality(token: str) -> bool:
    return len(token) > 4 and token.endswith(NATIONALITY_SUFFIXES)


@lru_cache(maxsize=4096)
def speaker_key(name: str) -> str:
    """A folded key: no case, diacritics, possessives, punctuation or leading titles."""
    acronym = _ACRONYM.search(name) if "(" in name else None
    folded = fold(_ACRONYM.sub(" ", name) if acronym else name)
    if "'" in folded or "’" in folded:
        folded = _POSSESSIVE.sub("", folded)
    tokens = _NON_WORD.sub(" ", folded).split()
    # Titles and nationality words lead a name ("Serbian President Aleksandar Vučić"); drop
    # them while a real name follows, but not from an organization's name ("State
    # Department", "Harbour Workers Union")
    while (
        len(tokens) > 1
        and tokens[-1] not in ORG_HEADS
        and (tokens[0] in TITLES or _is_nationality(tokens[0]))
    ):
        tokens.pop(0)
    if tokens and tokens[0] == "the":
        tokens.pop(0)
    if acronym:
        tokens.append(fold(acronym.group(1)))
    return " ".join(tokens)


def acronym_of(name: str) -> str | None:
    """The acronym a name gives for itself: "Long Name (ACR)" -> "acr"."""
    m = _ACRONYM.search(name) if "(" in name else None
    return fold(m.group(1)) if m else None


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """The folded first letters of a name's capitalised words ("Foreign Intelligence Service"
    -> "fis")."""
    words = _CAPITALISED.findall(_ACRONYM.sub(" ", name) if "(" in name else name)
    return fold("".join(w[0] for w in words if not w.endswith(("'s", "’s"))))


def _keys_match(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1:
        # A surname (or an acronym given last) joins the full name.
        if short[0] == long_[-1]:
            return True
        if len(short[0]) > 2 and short[0] == long_[0] and long_[-1] in ORG_HEADS:
            return True  # "Reuters" ~ "Reuters News Agency", but "Ivo" is not "Ivo Kent"
        # "the Intelligence" ~ "Russia's Foreign Intelligence Service (SVR)"
        return len(long_) >= 3 and len(short[0]) > 3 and short[0] in long_
    return set(short) <= set(long_) and short[-1] == long_[-1]


@lru_cache(maxsize=8192)
def _full_name_key(name: str) -> tuple[str, ...] | None:
    """The key words of what looks like a person's full name ("Ivo Marsh"): two or more
    capitalised words, not an organization's, a possessive or "X of Y"."""
    if name.endswith(("'s", "’s")) or " of " in name or "(" in name:
        return None
    key = tuple(speaker_key(name).split())
    if len(key) < 2 or key[-1] in ORG_HEADS:
        return None
    if sum(1 for w in name.split() if w[:1].isupper()) < 2:
        return None
    return key


def _first_names_agree(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def conflicting_names(a_names: Iterable[str], b_names: Iterable[str]) -> bool:
    """Two full names with one surname and different first names: "Ivo Marsh" is not
    "Dora Marsh", though "Marsh" may be either ("Mayor-elect Dora Marsh" is Dora Marsh)."""
    return _conflicting(tuple(a_names), tuple(b_names))


@lru_cache(maxsize=8192)
def _conflicting(a_names: tuple[str, ...], b_names: tuple[str, ...]) -> bool:
    a_full = {k for n in a_names if (k := _full_name_key(n))}
    b_full = {k for n in b_names if (k := _full_name_key(n))}
    return any(
        x[-1] == y[-1]
        and not _first_names_agree(x[0], y[0])
        and not (set(x) <= set(y) or set(y) <= set(x))
        for x in a_full
        for y in b_full
    )


def same_entity(a_names: Iterable[str], b_names: Iterable[str]) -> bool:
    """Do two sets of names (name plus aliases) denote the same speaker? Never two people
    whose full names differ in their first names."""
    a, b = tuple(a_names), tuple(b_names)
    return _same_entity(a, b) and not _conflicting(a, b)


@lru_cache(maxsize=8192)
def _same_entity(a_list: tuple[str, ...], b_list: tuple[str, ...]) -> bool:
    a_keys = {speaker_key(n) for n in a_list} - {""}
    b_keys = {speaker_key(n) for n in b_list} - {""}
    if a_keys & b_keys:
        return True
    if any(_keys_match(x, y) for x in a_keys for y in b_keys):
        return True
    # An acronym joins its expansion: "SVR" ~ "Foreign Intelligence Service (SVR)"
    a_acr = {k for k in a_keys if " " not in k} | {x for n in a_list if (x := acronym_of(n))}
    b_acr = {k for k in b_keys if " " not in k} | {x for n in b_list if (x := acronym_of(n))}
    a_init = {initials(n) for n in a_list} - {""}
    b_init = {initials(n) for n in b_list} - {""}
    return bool(
        (a_acr & b_init and len(a_acr & b_init) > 0 and min(map(len, a_acr & b_init)) > 1)
        or (b_acr & a_init and min(map(len, b_acr & a_init)) > 1)
    )


@lru_cache(maxsize=8192)
def display_name(name: str) -> str:
    """A name without leading titles and articles, keeping its own spelling: "Army Capt. Lee
    Grant" is Lee Grant."""
    words = name.split()
    if fold(words[-1] if words else "").strip(".,") not in ORG_HEADS:
        titled = [
            i
            for i, w in enumerate(words[:-2])
            if w[:1].isupper() and fold(w).strip(".,") in TITLES - {"the", "of"}
        ]
        if titled and any(w.endswith(".") for w in words[: titled[-1] + 1]):
            words = words[titled[-1] + 1 :]  # "Marine 1st Lt. Ana Cruz"
    while (
        len(words) > 2
        and fold(words[-1]).strip(".,") not in ORG_HEADS
        and (fold(words[0]).strip(".,") in TITLES or _is_nationality(fold(words[0])))
    ):
        words.pop(0)
    if words and words[0] in ("the", "The") and len(words) > 1:
        words.pop(0)
    return " ".join(words)


def best_name(names: Iterable[str]) -> str:
    """The fullest display name among aliases: most words, then diacritics, then length."""
    candidates = [display_name(n) for n in names if n.strip()]
    if not candidates:
        return ""

    def score(n: str) -> tuple[int, int, int, int]:
        non_ascii = sum(1 for ch in n if ord(ch) > 127)
        acr = 1 if _ACRONYM.search(n) else 0
        return (acr, len(n.split()), non_ascii, len(n))

    best = max(candidates, key=score)
    if not _ACRONYM.search(best):
        # "Harbour Workers Union" that the article also calls "the HWU"
        short = {c.removeprefix("the ").strip() for c in candidates}
        for acronym in sorted(short):
            if acronym.isupper() and 1 < len(acronym) <= 6 and initials(best) == fold(acronym):
                return f"{best} ({acronym})"
    return best
