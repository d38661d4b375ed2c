"""PA-X peace agreements, one framework per agreement.

:func:`read_agreements` reads the PA-X Peace Agreements Database (Bell &
Badanjak 2019, University of Edinburgh; ``pax_all_agreements_data.csv``) and
:func:`iter_agreements` streams it record by record.

How PA-X maps onto accord:

===============================  =======================================================
PA-X                             accord
===============================  =======================================================
``AgtId``                        framework id ``pax-<AgtId>``
``Agt``                          framework title
``Dat``                          framework ``as_of``
``Status``                       framework status: "Multiparty signed/agreed" and
                                 "Agreement with subsequent status" → ``AGREED``;
                                 "Unilateral document", "Status unclear" and anything
                                 else → None (the text is kept in the description)
``Con``, ``PPName``, ``Stage``   the framework's description, one labelled sentence each
``StageSub``, ``Agtp``, ``Reg``  likewise (empty fields are left out)
``Part``, ``ThrdPart``           the description too: "Parties: …", "Third parties: …"
security provisions              one :class:`~accord.Component` per nonzero column, status
                                 ``AGREED`` (the provision is in the agreed text), the
                                 PA-X level (0 = absent, higher = more detailed) in the
                                 description; ids below
===============================  =======================================================

=============  ==============================  ==================================
column         provision                       component id
=============  ==============================  ==================================
``SsrGua``     security guarantees             ``security-guarantees``
``Ce``         ceasefire                       ``ceasefire``
``SsrFf``      foreign forces                  ``foreign-forces``
``ImPK``       international mission or force  ``international-mission``
``ImE``        enforcement mechanism           ``enforcement-mechanism``
``ImUN``       UN signatory                    ``un-signatory``
``ImOth``      other international signatory   ``other-international-signatory``
=============  ==============================  ==================================

Parties. ``Part`` and ``ThrdPart`` are free text ("Israel, signed for by
Yitzhak Rabin and Shimon Peres; PLO, signed for by Yasser Arafat;", "Stated to
be Participants to the Afghan Peace Conference ..."); they cannot be split into
actors reliably, so they are kept, in the description (line breaks, which separate
names in PA-X, become "; ", but for lines PA-X wrapped, which are joined)
and the frameworks have no actors.

The file's UTF-8 byte-order mark is handled. Malformed records raise
:class:`~accord.ValidationError` naming the file, line, column and value.
"""

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from accord.datasets._csv import PathLike, Problems, Row, RowError, check_path, read_rows
from accord.framework import Component, Framework
from accord.sources import Source
from accord.vocabulary import ComponentStatus

__all__ = ["PAX_SOURCE", "PROVISIONS", "iter_agreements", "read_agreements"]

#: Where every object read from PA-X comes from.
PAX_SOURCE = Source(
    title="PA-X Peace Agreements Database (Bell & Badanjak 2019)",
    url="https://www.peaceagreements.org/",
    publisher="University of Edinburgh",
)

#: PA-X column → (component id, title).
PROVISIONS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "SsrGua": ("security-guarantees", "Security guarantees"),
        "Ce": ("ceasefire", "Ceasefire"),
        "SsrFf": ("foreign-forces", "Foreign forces"),
        "ImPK": ("international-mission", "International mission or force"),
        "ImE": ("enforcement-mechanism", "Enforcement mechanism"),
        "ImUN": ("un-signatory", "UN signatory"),
        "ImOth": ("other-international-signatory", "Other international signatory"),
    }
)

_AGREED_STATUSES = frozenset({"Multiparty signed/agreed", "Agreement with subsequent status"})

# Column → label of its sentence in the framework's description, in order.
_DESCRIBED = {
    "Con": "Conflict",
    "PPName": "Peace process",
    "Stage": "Stage",
    "StageSub": "Sub-stage",
    "Agtp": "Agreement type",
    "Reg": "Region",
    "Status": "Status",
    "Part": "Parties",
    "ThrdPart": "Third parties",
}

_PARTIES = frozenset({"Part", "ThrdPart"})

COLUMNS: tuple[str, ...] = ("AgtId", "Agt", "Dat", *_DESCRIBED, *PROVISIONS)


def _plain(text: str) -> str:
    """Whitespace, line breaks included, collapsed to single spaces."""
    return " ".join(text.split())


#: A line that ends in one of these words goes on in the next (PA-X hard-wraps some parties'
#: text: "President of the Federal Republic of" / "Yugoslavia").
_GOES_ON = re.compile(
    r"(?:\A|\s)(of|the|and|for|from|on|in|to|at|by|with|de|du|des|del|la|le|el|y|et)\Z", re.IGNORECASE
)
#: A line that begins a list item (a bullet, a dash, a number or letter and a stop) is a name.
_ITEM = re.compile(r"[•·*\-–—]|\(?[0-9]{1,3}[.)]|\([a-z]\)")
#: A line that begins with one of these (in lower case) goes on from the one before ("and His
#: Excellency …", "of Bosnia and Herzegovina"); other lower-case beginnings ("from the Russian
#: side - …", "al-Hasan") begin names of their own.
_GOING_ON = re.compile(r"(of|and|de|du|des|del|et|y) ")


def _names(text: str) -> str:
    """Whitespace collapsed; line breaks, which separate names in PA-X, become "; ".

    A wrapped line is joined to the one before instead (unless that one ends in ";" or
    ","): one that follows a line ending in a word such as "of", or begins with "of" or
    "and" in lower case.
    """
    names: list[str] = []
    separated = True  # the line before ended in ";" or "," (or there is none): a new name
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        goes_on = _GOES_ON.search(names[-1]) if names else None
        if not separated and not _ITEM.match(line) and (goes_on or _GOING_ON.match(line)):
            names[-1] = f"{names[-1]} {line}"
        else:
            names.append(line)
        separated = line.endswith((";", ","))
        names[-1] = names[-1].rstrip(";,")
        if not names[-1]:  # a line of punctuation alone
            names.pop()
    return "; ".join(names)


def _agreement(row: Row) -> Framework:
    agt_id = row.count("AgtId")
    title = _plain(row.values["Agt"])
    if not title:
        raise RowError("column 'Agt': empty, expected the agreement's name")
    as_of = row.iso_date("Dat")
    components = []
    for column, (component_id, component_title) in PROVISIONS.items():
        level = row.count(column)
        if level:
            components.append(
                Component(
                    id=component_id,
                    title=component_title,
                    status=ComponentStatus.AGREED,
                    description=f"PA-X {column} = {level} (0 = absent, higher = more detailed).",
                    sources=(PAX_SOURCE,),
                )
            )
    sentences = []
    for column, label in _DESCRIBED.items():
        text = (_names if column in _PARTIES else _plain)(row.values[column]).rstrip(";. ")
        if text:
            sentences.append(f"{label}: {text}.")
    status = ComponentStatus.AGREED if row.text("Status") in _AGREED_STATUSES else None
    return Framework(
        id=f"pax-{agt_id}",
        title=title,
        status=status,
        as_of=as_of,
        description=" ".join(sentences) or None,
        components=tuple(components),
        sources=(PAX_SOURCE,),
    )


def iter_agreements(csv: PathLike) -> Iterator[Framework]:
    """Stream PA-X agreements as frameworks, one record at a time.

    Malformed records are collected while reading; after the last record a
    :class:`~accord.ValidationError` lists them (the frameworks of the good
    records have already been yielded by then).

    Args:
        csv: ``pax_all_agreements_data.csv`` (optionally ``.gz``).

    Yields:
        One framework per agreement, in file order; see the module
        documentation for the mapping.

    Raises:
        ValidationError: the file lacks a column, or has malformed or repeated
            records; every problem names the file, line, column and value.
        OSError: the file cannot be opened or read (as with :func:`open`).
    """
    check_path("csv", csv)
    problems = Problems(csv)
    seen: dict[str, int] = {}
    for row in read_rows(csv, COLUMNS):
        framework = problems.guard(row, _agreement)
        if framework is None:
            continue
        if framework.id in seen:
            problems.add(row.line, f"column 'AgtId': {framework.id!r} repeats line {seen[framework.id]}")
            continue
        seen[framework.id] = row.line
        yield framework
    problems.raise_if_any()


def read_agreements(csv: PathLike) -> tuple[Framework, ...]:
    """Read every PA-X agreement: one framework each, its security provisions as components.

    The file is streamed; nothing is returned unless every record is valid.

    Args:
        csv: ``pax_all_agreements_data.csv`` (optionally ``.gz``).

    Returns:
        The frameworks ``pax-<AgtId>`` in file order.

    Raises:
        ValidationError: the file lacks a column, or has malformed or repeated
            records; every problem names the file, line, column and value.
        OSError: the file cannot be opened or read (as with :func:`open`).
    """
    return tuple(iter_agreements(csv))  # which checks *csv* when it starts
