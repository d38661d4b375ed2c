"""Serialisation speed and memory: accord against pydantic v2, msgspec and a hand-written baseline.

Run (needs the ``bench`` extra: pydantic, msgspec, orjson)::

    pip install -e '.[bench]'
    python benchmarks/serialisation.py            # full size, 7 rounds
    python benchmarks/serialisation.py --rounds 5 --scale 0.25

The data set is deterministic: 200 actors, 100 issues, 20,000 positions and
20,000 commitments, about 40 % of them with condition trees up to 3 levels
deep. Every contender reads and writes the same JSON document, with models
of the same schema. Operations run interleaved (one round = every contender
once, in rotating order) and the median of the rounds is reported, with
Python's garbage collector on (the default) and off. Ratios are accord's time
divided by the other library's (lower is better for accord).

Printed lines begin with the operation's name::

    load  accord/pydantic=0.66 accord/msgspec=6.5 ...
"""

import argparse
import datetime as dt
import gc
import json
import os
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

import msgspec
import pydantic

import accord
from accord import (
    Actor,
    AllOf,
    AnyOf,
    AtLeast,
    Before,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Compare,
    Component,
    Fact,
    Framework,
    InForce,
    Issue,
    Not,
    Period,
    Position,
    Quantity,
    Source,
    StatusChange,
)
from accord import serialisation as ser

# --- the data set ------------------------------------------------------------------------


def build_framework(scale: float = 1.0, seed: int = 7) -> Framework:
    rng = random.Random(seed)
    n_actors = max(4, int(200 * scale))
    n_issues = 100
    n_commitments = int(20_000 * scale)
    day0 = dt.date(2020, 1, 1)
    actors = tuple(
        Actor(
            id=f"A{i:03d}",
            name=f"Actor {i}",
            kind=rng.choice(list(accord.ActorKind)),
            aliases=(f"a{i}",) if i % 3 == 0 else (),
            identifiers={"cow": str(i)} if i % 2 == 0 else {},
        )
        for i in range(n_actors)
    )
    components = tuple(Component(id=f"comp{i}", title=f"Component {i}") for i in range(5))
    issues = tuple(
        Issue(id=f"i{i:03d}", title=f"Issue {i}", component=f"comp{i % 5}") for i in range(n_issues)
    )
    levels = accord.STANCE.levels
    sources = [
        Source(title=f"Report {i}", url=f"https://example.org/{i}", published=day0 + dt.timedelta(days=i))
        for i in range(50)
    ]
    positions = []
    for a in actors:
        for issue in issues:
            if len(positions) >= n_commitments:
                break
            positions.append(
                Position(
                    actor=a.id,
                    issue=issue.id,
                    stance=rng.choice(levels),
                    salience=round(rng.random(), 3),
                    as_of=day0 + dt.timedelta(days=rng.randrange(2000)),
                    sources=(rng.choice(sources),) if rng.random() < 0.3 else (),
                )
            )

    def leaf(i: int) -> Any:
        r = rng.random()
        if r < 0.45:
            return Fact(f"fact_{rng.randrange(60)}")
        if r < 0.75:
            return Compare(f"level_{rng.randrange(30)}", rng.choice([">=", "<", "=="]), rng.randrange(10_000))
        if r < 0.85:
            return Compare("basis", "in", ("un", "eu", "bilateral"))
        if r < 0.92:
            return Before(day0 + dt.timedelta(days=rng.randrange(3000)))
        return InForce(f"c{rng.randrange(max(1, i)):05d}")

    def tree(depth: int, i: int) -> Any:
        if depth == 1 or rng.random() < 0.3:
            return leaf(i)
        kind = rng.random()
        if kind < 0.15:
            return Not(tree(depth - 1, i))
        children = tuple(tree(depth - 1, i) for _ in range(rng.randint(2, 3)))
        if kind < 0.6:
            return AllOf(children)
        if kind < 0.9:
            return AnyOf(children)
        return AtLeast(rng.randint(1, len(children)), children)

    statuses = list(CommitmentStatus)
    commitments = []
    for i in range(n_commitments):
        status = rng.choice(statuses)
        quantity = (
            Quantity(amount=Decimal(rng.randrange(10**9)) / 100, unit=rng.choice(["EUR", "USD", "troops"]))
            if rng.random() < 0.5
            else None
        )
        history = ()
        if rng.random() < 0.3:
            history = (
                StatusChange(date=day0, status=CommitmentStatus.SIGNALLED),
                StatusChange(date=day0 + dt.timedelta(days=30), status=status, quantity=quantity),
            )
        commitments.append(
            Commitment(
                id=f"c{i:05d}",
                actor=rng.choice(actors).id,
                kind=rng.choice(list(CommitmentKind)),
                status=status,
                beneficiary=rng.choice(actors).id if rng.random() < 0.8 else None,
                description=f"Commitment number {i}" if rng.random() < 0.5 else None,
                quantity=quantity,
                period=Period(after="settlement_signed", duration="P10Y") if rng.random() < 0.2 else None,
                conditions=tree(3, i) if rng.random() < 0.4 else None,
                component=f"comp{i % 5}",
                as_of=day0 + dt.timedelta(days=rng.randrange(2000)),
                sources=(rng.choice(sources),) if rng.random() < 0.5 else (),
                history=history,
            )
        )
    return Framework(
        id="bench",
        title="Benchmark framework",
        as_of=dt.date(2026, 1, 1),
        actors=actors,
        issues=issues,
        positions=tuple(positions),
        commitments=tuple(commitments),
        components=components,
    )


# --- pydantic v2 models of the same schema ---------------------------------------------------


class PBase(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True)


class PDecimal(PBase):
    decimal: Decimal


class PDate(PBase):
    date: dt.date


PScalar = Union[bool, int, str, PDecimal, PDate]  # noqa: UP007


class PSource(PBase):
    title: str
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    quote: str | None = None


class PActor(PBase):
    id: str
    name: str
    kind: accord.ActorKind = accord.ActorKind.STATE
    aliases: tuple[str, ...] = ()
    identifiers: dict[str, str] = {}


class PFact(PBase):
    kind: Literal["fact"]
    name: str


class PCompare(PBase):
    kind: Literal["compare"]
    fact: str
    op: str
    value: PScalar | list[PScalar]


class PAllOf(PBase):
    kind: Literal["all_of"]
    items: "tuple[PCondition, ...]"


class PAnyOf(PBase):
    kind: Literal["any_of"]
    items: "tuple[PCondition, ...]"


class PNot(PBase):
    kind: Literal["not"]
    item: "PCondition"


class PAtLeast(PBase):
    kind: Literal["at_least"]
    count: int
    items: "tuple[PCondition, ...]"


class PBefore(PBase):
    kind: Literal["before"]
    date: dt.date


class PAfter(PBase):
    kind: Literal["after"]
    date: dt.date


class PInForce(PBase):
    kind: Literal["in_force"]
    commitment: str


PCondition = Annotated[
    PFact | PCompare | PAllOf | PAnyOf | PNot | PAtLeast | PBefore | PAfter | PInForce,
    pydantic.Field(discriminator="kind"),
]
for _m in (PAllOf, PAnyOf, PNot, PAtLeast):
    _m.model_rebuild()


class POrdinal(PBase):
    kind: Literal["ordinal"]
    levels: tuple[str, ...]


class PIssue(PBase):
    id: str
    title: str
    scale: POrdinal | None = None
    component: str | None = None
    description: str | None = None


class PPosition(PBase):
    actor: str
    issue: str
    stance: str | int | float | PDecimal
    salience: float = 1.0
    conditions: PCondition | None = None
    as_of: dt.date | None = None
    sources: tuple[PSource, ...] = ()
    note: str | None = None


class PQuantity(PBase):
    amount: Decimal
    unit: str


class PPeriod(PBase):
    start: dt.date | None = None
    end: dt.date | None = None
    after: str | None = None
    delay: str | None = None
    duration: str | None = None


class PStatusChange(PBase):
    date: dt.date
    status: CommitmentStatus
    quantity: PQuantity | None = None
    source: PSource | None = None
    note: str | None = None


class PCommitment(PBase):
    id: str
    actor: str
    kind: CommitmentKind
    status: CommitmentStatus
    beneficiary: str | None = None
    description: str | None = None
    quantity: PQuantity | None = None
    period: PPeriod | None = None
    conditions: PCondition | None = None
    component: str | None = None
    as_of: dt.date | None = None
    sources: tuple[PSource, ...] = ()
    history: tuple[PStatusChange, ...] = ()


class PComponent(PBase):
    id: str
    title: str
    status: accord.ComponentStatus = accord.ComponentStatus.UNDER_NEGOTIATION
    description: str | None = None
    sources: tuple[PSource, ...] = ()


class PFramework(PBase):
    accord_format_version: int
    id: str
    title: str
    status: accord.ComponentStatus | None = None
    as_of: dt.date | None = None
    description: str | None = None
    actors: tuple[PActor, ...] = ()
    issues: tuple[PIssue, ...] = ()
    positions: tuple[PPosition, ...] = ()
    commitments: tuple[PCommitment, ...] = ()
    components: tuple[PComponent, ...] = ()
    sources: tuple[PSource, ...] = ()


# --- msgspec Structs of the same schema --------------------------------------------------------


class MSource(msgspec.Struct, frozen=True, omit_defaults=True):
    title: str
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    quote: str | None = None


class MActor(msgspec.Struct, frozen=True, omit_defaults=True):
    id: str
    name: str
    kind: accord.ActorKind = accord.ActorKind.STATE
    aliases: tuple[str, ...] = ()
    identifiers: dict[str, str] = {}


MScalar = bool | int | str | dict[str, str]


class MFact(msgspec.Struct, frozen=True, tag_field="kind", tag="fact"):
    name: str


class MCompare(msgspec.Struct, frozen=True, tag_field="kind", tag="compare"):
    fact: str
    op: str
    value: MScalar | list[MScalar]


class MAllOf(msgspec.Struct, frozen=True, tag_field="kind", tag="all_of"):
    items: "tuple[MCondition, ...]"


class MAnyOf(msgspec.Struct, frozen=True, tag_field="kind", tag="any_of"):
    items: "tuple[MCondition, ...]"


class MNot(msgspec.Struct, frozen=True, tag_field="kind", tag="not"):
    item: "MCondition"


class MAtLeast(msgspec.Struct, frozen=True, tag_field="kind", tag="at_least"):
    count: int
    items: "tuple[MCondition, ...]"


class MBefore(msgspec.Struct, frozen=True, tag_field="kind", tag="before"):
    date: dt.date


class MAfter(msgspec.Struct, frozen=True, tag_field="kind", tag="after"):
    date: dt.date


class MInForce(msgspec.Struct, frozen=True, tag_field="kind", tag="in_force"):
    commitment: str


MCondition = MFact | MCompare | MAllOf | MAnyOf | MNot | MAtLeast | MBefore | MAfter | MInForce


class MOrdinal(msgspec.Struct, frozen=True, tag_field="kind", tag="ordinal"):
    levels: tuple[str, ...]


class MIssue(msgspec.Struct, frozen=True, omit_defaults=True):
    id: str
    title: str
    scale: MOrdinal | None = None
    component: str | None = None
    description: str | None = None


class MPosition(msgspec.Struct, frozen=True, omit_defaults=True):
    actor: str
    issue: str
    stance: str | int | float | dict[str, str]
    salience: float = 1.0
    conditions: MCondition | None = None
    as_of: dt.date | None = None
    sources: tuple[MSource, ...] = ()
    note: str | None = None


class MQuantity(msgspec.Struct, frozen=True):
    amount: Decimal
    unit: str


class MPeriod(msgspec.Struct, frozen=True, omit_defaults=True):
    start: dt.date | None = None
    end: dt.date | None = None
    after: str | None = None
    delay: str | None = None
    duration: str | None = None


class MStatusChange(msgspec.Struct, frozen=True, omit_defaults=True):
    date: dt.date
    status: CommitmentStatus
    quantity: MQuantity | None = None
    source: MSource | None = None
    note: str | None = None


class MCommitment(msgspec.Struct, frozen=True, omit_defaults=True):
    id: str
    actor: str
    kind: CommitmentKind
    status: CommitmentStatus
    beneficiary: str | None = None
    description: str | None = None
    quantity: MQuantity | None = None
    period: MPeriod | None = None
    conditions: MCondition | None = None
    component: str | None = None
    as_of: dt.date | None = None
    sources: tuple[MSource, ...] = ()
    history: tuple[MStatusChange, ...] = ()


class MComponent(msgspec.Struct, frozen=True, omit_defaults=True):
    id: str
    title: str
    status: accord.ComponentStatus = accord.ComponentStatus.UNDER_NEGOTIATION
    description: str | None = None
    sources: tuple[MSource, ...] = ()


class MFramework(msgspec.Struct, frozen=True, omit_defaults=True):
    accord_format_version: int
    id: str
    title: str
    status: accord.ComponentStatus | None = None
    as_of: dt.date | None = None
    description: str | None = None
    actors: tuple[MActor, ...] = ()
    issues: tuple[MIssue, ...] = ()
    positions: tuple[MPosition, ...] = ()
    commitments: tuple[MCommitment, ...] = ()
    components: tuple[MComponent, ...] = ()
    sources: tuple[MSource, ...] = ()


_M_DECODER = msgspec.json.Decoder(MFramework)
_M_ENCODER = msgspec.json.Encoder(order="sorted")

# --- the hand-written baseline: json.loads, then constructors, no checks of its own --------------


def _hand_date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _hand_source(d: dict[str, Any]) -> Source:
    return Source(
        title=d["title"],
        url=d.get("url"),
        publisher=d.get("publisher"),
        published=_hand_date(d.get("published")),
        quote=d.get("quote"),
    )


def _hand_value(v: Any) -> Any:
    if isinstance(v, dict):
        return Decimal(v["decimal"]) if "decimal" in v else dt.date.fromisoformat(v["date"])
    if isinstance(v, list):
        return tuple(_hand_value(x) for x in v)
    return v


def _hand_condition(d: dict[str, Any]) -> Any:
    kind = d["kind"]
    if kind == "fact":
        return Fact(d["name"])
    if kind == "compare":
        return Compare(d["fact"], d["op"], _hand_value(d["value"]))
    if kind == "all_of":
        return AllOf(tuple(_hand_condition(x) for x in d["items"]))
    if kind == "any_of":
        return AnyOf(tuple(_hand_condition(x) for x in d["items"]))
    if kind == "not":
        return Not(_hand_condition(d["item"]))
    if kind == "at_least":
        return AtLeast(d["count"], tuple(_hand_condition(x) for x in d["items"]))
    if kind == "before":
        return Before(dt.date.fromisoformat(d["date"]))
    if kind == "after":
        return accord.After(dt.date.fromisoformat(d["date"]))
    return InForce(d["commitment"])


def _hand_quantity(d: dict[str, Any] | None) -> Quantity | None:
    return None if d is None else Quantity(amount=Decimal(d["amount"]), unit=d["unit"])


def hand_framework(d: dict[str, Any]) -> Framework:
    return Framework(
        id=d["id"],
        title=d["title"],
        as_of=_hand_date(d.get("as_of")),
        actors=tuple(
            Actor(
                id=a["id"],
                name=a["name"],
                kind=a.get("kind", "state"),
                aliases=tuple(a.get("aliases", ())),
                identifiers=a.get("identifiers", {}),
            )
            for a in d.get("actors", ())
        ),
        issues=tuple(
            Issue(id=i["id"], title=i["title"], component=i.get("component")) for i in d.get("issues", ())
        ),
        positions=tuple(
            Position(
                actor=p["actor"],
                issue=p["issue"],
                stance=p["stance"],
                salience=p.get("salience", 1.0),
                as_of=_hand_date(p.get("as_of")),
                sources=tuple(_hand_source(s) for s in p.get("sources", ())),
            )
            for p in d.get("positions", ())
        ),
        commitments=tuple(
            Commitment(
                id=c["id"],
                actor=c["actor"],
                kind=c["kind"],
                status=c["status"],
                beneficiary=c.get("beneficiary"),
                description=c.get("description"),
                quantity=_hand_quantity(c.get("quantity")),
                period=Period(**c["period"]) if "period" in c else None,
                conditions=_hand_condition(c["conditions"]) if "conditions" in c else None,
                component=c.get("component"),
                as_of=_hand_date(c.get("as_of")),
                sources=tuple(_hand_source(s) for s in c.get("sources", ())),
                history=tuple(
                    StatusChange(
                        date=dt.date.fromisoformat(h["date"]),
                        status=h["status"],
                        quantity=_hand_quantity(h.get("quantity")),
                    )
                    for h in c.get("history", ())
                ),
            )
            for c in d.get("commitments", ())
        ),
        components=tuple(Component(id=c["id"], title=c["title"]) for c in d.get("components", ())),
    )


# --- timing -------------------------------------------------------------------------------------


def _time(fn: Callable[[], Any], gc_on: bool) -> float:
    gc.collect()
    if not gc_on:
        gc.disable()
    try:
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
    finally:
        gc.enable()
    del result
    return elapsed


def _retained(fn: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    result = fn()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del result
    return after - before


def _fast(enabled: bool) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    def wrap(fn: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            previous = os.environ.get("ACCORD_FAST")
            os.environ["ACCORD_FAST"] = "1" if enabled else "0"
            try:
                return fn()
            finally:
                if previous is None:
                    del os.environ["ACCORD_FAST"]
                else:
                    os.environ["ACCORD_FAST"] = previous

        return run

    return wrap


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (median reported; >= 5)")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full data set")
    parser.add_argument("--no-gc-off", action="store_true", help="skip the rounds with the GC off")
    args = parser.parse_args(argv)

    fw = build_framework(args.scale)
    text = accord.dumps(fw)
    data = json.loads(text)
    p_obj = PFramework.model_validate_json(text)
    m_obj = _M_DECODER.decode(text)
    nodes = sum(1 for c in fw.commitments if c.conditions for _ in accord.conditions.walk(c.conditions))
    print(
        f"data  actors={len(fw.actors)} positions={len(fw.positions)} commitments={len(fw.commitments)} "
        f"with_conditions={sum(1 for c in fw.commitments if c.conditions)} condition_nodes={nodes} "
        f"json_bytes={len(text.encode())} orjson={ser._orjson is not None} msgspec={ser._msgspec is not None}"
    )
    assert accord.loads(text, Framework) == fw
    assert hand_framework(data) == fw

    fast_available = ser._msgspec is not None or ser._orjson is not None
    contenders: dict[str, dict[str, Callable[[], Any]]] = {
        "load": {
            "accord": _fast(True)(lambda: accord.loads(text, Framework)),
            "accord-canonical": _fast(False)(lambda: accord.loads(text, Framework)),
            "pydantic": lambda: PFramework.model_validate_json(text),
            "msgspec": lambda: _M_DECODER.decode(text),
            "hand": lambda: hand_framework(json.loads(text)),
        },
        "dump": {
            "accord": _fast(True)(lambda: accord.dumps(fw)),
            "accord-canonical": _fast(False)(lambda: accord.dumps(fw)),
            "pydantic": lambda: p_obj.model_dump_json(exclude_defaults=True),
            "msgspec": lambda: _M_ENCODER.encode(m_obj),
        },
        "from_dict": {
            "accord": lambda: accord.from_dict(data, Framework),
            "pydantic": lambda: PFramework.model_validate(data),
            "msgspec": lambda: msgspec.convert(data, MFramework),
            "hand": lambda: hand_framework(data),
        },
        "to_dict": {
            "accord": lambda: accord.to_dict(fw),
            "pydantic": lambda: p_obj.model_dump(mode="json", exclude_defaults=True),
            "msgspec": lambda: msgspec.to_builtins(m_obj),
        },
    }
    if not fast_available:
        for op in ("load", "dump"):
            del contenders[op]["accord-canonical"]

    modes = [True] if args.no_gc_off else [True, False]
    results: dict[tuple[str, str, bool], list[float]] = {}
    for r in range(max(args.rounds, 5)):
        for op, group in contenders.items():
            names = list(group)
            names = names[r % len(names) :] + names[: r % len(names)]
            for gc_on in modes:
                for name in names:
                    results.setdefault((op, name, gc_on), []).append(_time(group[name], gc_on))

    def median(op: str, name: str, gc_on: bool) -> float:
        return statistics.median(results[(op, name, gc_on)])

    def line(label: str, op: str, who: str, gc_on: bool) -> None:
        ours = median(op, who, gc_on)
        parts = [f"{label:<22}"]
        for other in ("pydantic", "msgspec", "hand"):
            if (op, other, gc_on) in results:
                parts.append(f"accord/{other}={ours / median(op, other, gc_on):.2f}")
        times = " ".join(
            f"{name}={median(op, name, gc_on) * 1000:.0f}ms"
            for name in contenders[op]
            if (op, name, gc_on) in results
        )
        print("  ".join(parts) + f"   ({times})")

    for gc_on in modes:
        suffix = "" if gc_on else "-gc-off"
        for op in contenders:
            line(op + suffix, op, "accord", gc_on)
            if "accord-canonical" in contenders[op]:
                line(f"{op}-canonical{suffix}", op, "accord-canonical", gc_on)

    memory = {
        "accord": _retained(lambda: accord.loads(text, Framework)),
        "pydantic": _retained(lambda: PFramework.model_validate_json(text)),
        "msgspec": _retained(lambda: _M_DECODER.decode(text)),
    }
    print(
        f"{'memory':<22}  accord/pydantic={memory['accord'] / memory['pydantic']:.2f}  "
        f"accord/msgspec={memory['accord'] / memory['msgspec']:.2f}   "
        + " ".join(f"{k}={v / 2**20:.1f}MiB" for k, v in memory.items())
    )
    print(f"python {sys.version.split()[0]}, pydantic {pydantic.VERSION}, msgspec {msgspec.__version__}")


if __name__ == "__main__":
    main()
