"""Identifier syntax and close-match hints."""

import difflib
import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "FACT_NAME",
    "FACT_NAME_SCHEMA",
    "ID_PATTERN",
    "ID_SCHEMA",
    "KEYWORDS",
    "MAX_ID_LENGTH",
    "check_fact_name",
    "check_id",
    "did_you_mean",
    "fold",
    "hint_cost",
    "hint_pool",
    "is_id",
]

MAX_ID_LENGTH = 64
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*\Z")
FACT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

#: Words of the condition language, which cannot be fact names.
KEYWORDS = frozenset(
    {"and", "or", "not", "in", "true", "false", "before", "after", "at", "least", "of", "in_force"}
)
#: The end of the text in a JSON Schema pattern, in ECMA-262 and in Python alike. ``$`` alone
#: also matches before a final line end in Python's ``re`` (which validators such as
#: ``jsonschema`` use), so ``"GBR\n"`` would pass for an id that ``loads`` refuses.
PATTERN_END = r"(?!\n)$"
#: What a fact name is, as JSON Schema keywords (ECMA-262 regular expressions).
FACT_NAME_SCHEMA = {"pattern": "^[A-Za-z_][A-Za-z0-9_]*" + PATTERN_END, "not": {"enum": sorted(KEYWORDS)}}
#: What an id is, as JSON Schema keywords.
ID_SCHEMA = {"pattern": r"^[A-Za-z0-9][A-Za-z0-9_.:-]*" + PATTERN_END, "maxLength": MAX_ID_LENGTH}


def is_id(value: object) -> bool:
    """Whether *value* is a valid identifier string."""
    return isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH and ID_PATTERN.match(value) is not None


def check_id(value: object, what: str) -> str | None:
    """Return a problem description if *value* is not a valid id, else None."""
    if not isinstance(value, str):
        return f"{what}: {value!r} is not a string"
    if not value:
        return f"{what}: the id is empty"
    if len(value) > MAX_ID_LENGTH:
        return f"{what}: {value[:20]!r}... is {len(value)} characters long (at most {MAX_ID_LENGTH})"
    if ID_PATTERN.match(value) is None:
        return (
            f"{what}: {value!r} is not a valid id "
            "(letters, digits and _ . : -, starting with a letter or digit)"
        )
    return None


#: Unicode's default-ignorable code points (soft hyphens, zero-width and direction marks, variation
#: selectors, …), which NFKC_Casefold removes: invisible, they do not make another name.
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def fold(label: str) -> str:
    """*label* as names are matched: case and Unicode spelling ignored ("Türkiye" typed either way).

    Text arrives with accents composed (NFC) or decomposed (NFD), with
    compatibility forms (ligatures, full-width letters, subscripts: "CO₂" is
    "CO2") and with invisible characters (a soft hyphen, a zero-width space).
    As Unicode's NFKC_Casefold: the invisible ones are removed, NFKC makes one
    spelling, case is folded and the result normalised again. ASCII only
    needs its case folded. Spaces around it are left out and spaces within
    count as one (" UK ", "United  Kingdom"): text extracted from pages has them.
    """
    if label.isascii():
        return " ".join(label.split()).casefold()
    visible = _IGNORABLE.sub("", label)
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", visible).casefold())
    return " ".join(folded.split())


#: Beyond this many candidates a hint compares *name* only with those of about its length that
#: begin with its first letter: difflib's comparisons cost microseconds each, and a lookup that
#: misses in a framework of 100,000 actors took a second to suggest a name.
_MANY_CANDIDATES = 5_000


def hint_pool(name: str, candidates: Iterable[str]) -> list[str]:
    """The candidates :func:`did_you_mean` compares *name* with (all, or past
    :data:`_MANY_CANDIDATES` those of about its length that begin with its first letter)."""
    pool = list(candidates)
    if len(pool) > _MANY_CANDIDATES:
        first, low, high = fold(name[:1]), len(name) - 3, len(name) + 3
        pool = [c for c in pool if low <= len(c) <= high and fold(c[:1]) == first]
    return pool


def hint_cost(name: str, pool: Iterable[str]) -> int:
    """What comparing *name* with every string of *pool* may cost, in pairs of characters.

    difflib's comparison of two strings takes up to about 0.1 µs per pair of their
    characters (ids of 64 characters from a two-letter alphabet: 0.35 ms each), so a budget
    of comparisons alone does not bound the time.
    """
    return len(name) * sum(map(len, pool))


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A '; did you mean X?' hint for *name*, or '' when nothing is close."""
    pool = hint_pool(name, candidates)
    matches = difflib.get_close_matches(name, pool, n=3, cutoff=0.6)
    if not matches:
        folded = {fold(c): c for c in pool}
        if fold(name) in folded:
            matches = [folded[fold(name)]]
    if not matches:
        return ""
    return "; did you mean " + " or ".join(repr(m) for m in matches) + "?"


def check_fact_name(value: object, what: str) -> str | None:
    """Return a problem description if *value* is not a usable fact name, else None."""
    if not isinstance(value, str) or FACT_NAME.match(value) is None:
        return f"{what}: {value!r:.60} is not a fact name (letters, digits and _, not starting with a digit)"
    if value in KEYWORDS:
        return f"{what}: {value!r} is a keyword of the condition language"
    return None
