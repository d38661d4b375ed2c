"""The ``accord`` command line.

Commands: ``demo``, ``validate FILE…``, ``show FILE``, ``divergence FILE``,
``evaluate FILE [--fact NAME=VALUE …]``, ``diff OLD NEW``, ``schema``.
Exit status: 0 ok, 1 invalid input (one clear line on stderr, no traceback),
2 usage error: a command line that cannot be carried out as written (an
unknown option, a malformed ``--fact`` or ``--as-of``, an actor the file does
not have).
"""

import argparse
import codecs
import csv
import datetime as dt
import enum
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import attrs

from accord._ids import check_fact_name, did_you_mean
from accord._validation import one_line, visible
from accord.conditions import Compare, facts_of, format_value, parse_condition, walk
from accord.dates import ISO_DATE_TIME, parse_date
from accord.diff import Change, FrameworkDiff, diff
from accord.errors import AccordError, ConditionSyntaxError, ValidationError
from accord.evaluation import Facts, FactValue
from accord.examples import postwar_ukraine
from accord.framework import Framework
from accord.matrix import divergence_matrix
from accord.reports import (
    activation_report,
    divergence_table,
    gap_report,
    requirements_report,
    summary,
)
from accord.serialisation import VERSION_KEY, json_schema, load, to_dict

__all__ = ["main"]

_FORMATS = ("text", "markdown", "json", "csv")
_FILE_HELP = "a framework file written by accord.dump; - for standard input"
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\Z")


def _read(path: str) -> Framework:
    """Load a framework file (``-`` for standard input, named ``<stdin>`` in errors)."""
    if not path:
        raise ValidationError("'': an empty file name")
    if path != "-" and Path(path).is_dir():
        raise ValidationError(f"{_shown(path)}: is a directory, not a framework file")
    try:
        if path == "-":  # read as bytes, decoded as files are (UTF-8), whatever the terminal's encoding
            return load(getattr(sys.stdin, "buffer", sys.stdin), Framework)
        return load(path, Framework)  # a file, a pipe (<(…), /dev/stdin) or a FIFO
    except AccordError as error:
        raise type(error)(f"{_shown(path)}: {_headline(error)}") from None
    except FileNotFoundError:
        raise ValidationError(f"{_shown(path)}: no such file") from None
    except OSError as error:  # one line naming the file, and `validate` goes on to the next
        raise ValidationError(f"{_shown(path)}: cannot be read ({error.strerror or error})") from None


def _shown(path: str) -> str:
    """A file name for a message or an ``ok`` line: on one line, control characters escaped."""
    return "<stdin>" if path == "-" else one_line(path)


def _headline(error: BaseException) -> str:
    """One line for an error: the first problem, and how many more there are."""
    if not isinstance(error, ValidationError) or not error.problems:
        return (str(error).splitlines() or [type(error).__name__])[0]
    notes = [f"and {error.count - 1} more problem(s)"] if error.count > 1 else []
    if not error.complete:
        notes.append(f"stopped after the first {error.count}")
    return error.problems[0] + (f" ({'; '.join(notes)})" if notes else "")


class _UsageError(ValidationError):
    """A command line that cannot be carried out as written: exit status 2, as argparse's own."""


def _short(text: str, width: int = 40) -> str:
    """*text*, cut to *width* characters with an ellipsis (a number of 1,000 digits, say)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _date_option(option: str, text: str | None) -> dt.date | None:
    """The date an option gives (``--as-of``), read by :func:`parse_date`; None if not given."""
    if text is None:
        return None
    try:
        return parse_date(text)
    except ValidationError as error:
        raise _UsageError(f"{option}: {error}") from None


def _count(text: str) -> int:
    """A whole number ≥ 0 given on the command line (argparse reports the error); huge ones are capped."""
    digits = text.strip().removeprefix("+")
    if not digits.isascii() or not digits.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number ≥ 0")
    return int(digits) if len(digits) <= 18 else 10**18


def _fact(text: str) -> tuple[str, FactValue]:
    """``NAME=VALUE`` with VALUE true/false, a number, an ISO date, or text (quotes optional).

    An ISO date and time with its UTC offset is read as its UTC date, as documents read it.
    """
    name, sep, raw = text.partition("=")
    name, raw = name.strip(), raw.strip()
    if not sep or not name:
        raise _UsageError(f"--fact {text!r}: expected NAME=VALUE, e.g. settlement_signed=true")
    problem = check_fact_name(name, "--fact")
    if problem:
        raise _UsageError(problem)
    value: FactValue
    if raw.lower() in ("true", "false"):
        value = raw.lower() == "true"
    elif _NUMBER.match(raw):
        if len(raw) > 100:
            raise _UsageError(f"--fact {name}: {raw[:20]}… is too long for a number")
        value = int(raw) if raw.lstrip("-").isdigit() else Decimal(raw)
    elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            raise _UsageError(f"--fact {name}: {raw!r} is not a valid date") from None
    elif ISO_DATE_TIME.match(raw):
        try:  # a moment with its UTC offset: its UTC date, as Facts and documents read it
            value = parse_date(raw)
        except ValidationError as error:
            raise _UsageError(f"--fact {name}: {error}") from None
    elif len(raw) >= 2 and raw[0] == raw[-1] == '"':  # the condition language's own spelling
        try:
            literal = parse_condition(f"x == {raw}")
        except ConditionSyntaxError as error:
            reason = str(error).split(" at column")[0]
            raise _UsageError(f"--fact {name}: {raw[:40]} is not a string literal ({reason})") from None
        value = literal.value  # type: ignore[union-attr,assignment]
    elif len(raw) >= 2 and raw[0] == raw[-1] == "'":
        value = raw[1:-1]
    else:
        value = raw
    return name, value


def _kinds_text(kinds: set[type]) -> str:
    """The kinds of literal a fact is compared with, in words: "numbers", "dates and true or false"."""
    words = []
    if kinds & {int, float, Decimal}:
        words.append("numbers")
    if dt.date in kinds:
        words.append("dates")
    if bool in kinds:
        words.append("true or false")
    return " and ".join(words)


def _facts(fw: Framework, args: argparse.Namespace) -> Facts:
    """The ``--fact`` and ``--as-of`` options as :class:`Facts`, checked against *fw*'s conditions.

    A fact given twice is refused, and so is a value other than true, false
    or a date (the day it happened, which also starts periods counted from
    it) for a fact the framework's conditions read as yes or no (a bare name
    such as ``settlement_signed``): evaluated, it could only be unknown, which
    would hide the typo (``=no``, ``=0``). Likewise, an unquoted value for a
    fact the conditions compare only with text is the text as typed
    (``un_resolution=2719`` for ``un_resolution == "2719"``); a value for a
    fact compared only with numbers must be a number, which may group its
    digits (``5,000``, ``12_000``), not ``0,6``; one compared only with dates
    or only with true and false must be one. Quoted values are text as given,
    refused for a fact the conditions never compare with text.
    """
    conditions = [c.conditions for c in fw.commitments] + [p.conditions for p in fw.positions]
    nodes = [node for condition in conditions if condition is not None for node in walk(condition)]
    yes_no = fw._yes_no_facts()
    literals: dict[str, set[type]] = {}  # fact -> the kinds of literal the conditions compare it with
    for node in nodes:
        if isinstance(node, Compare):
            found = node.value if isinstance(node.value, tuple) else (node.value,)
            literals.setdefault(node.fact, set()).update(map(type, found))
    values: dict[str, FactValue] = {}
    as_given: dict[str, str] = {}  # the values as given
    typed: dict[str, str] = {}  # the unquoted values, as typed
    for text in args.fact:
        raw = text.partition("=")[2].strip()
        quoted = len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'"
        try:
            name, value = _fact(text)
        except _UsageError:  # "2025-13-01": no date, but a text-only fact takes it as typed
            name = text.partition("=")[0].strip()
            if quoted or literals.get(name) != {str} or name in yes_no:
                raise
            value = raw
        if name in values:
            raise _UsageError(
                f"--fact {name}: given twice ({_short(format_value(values[name]))} "
                f"and {_short(format_value(value))})"
            )
        values[name] = value
        as_given[name] = raw
        if not quoted:
            typed[name] = raw
    for name, kinds in literals.items():
        if name in values and name not in typed and name not in yes_no and str not in kinds:
            raise _UsageError(
                f"--fact {name}={_short(as_given[name])}: a quoted value is text, and the framework"
                f" compares {name} only with {_kinds_text(kinds)}; give it without quotes"
            )
        if name not in typed or name in yes_no:
            continue
        value, given = values[name], f"--fact {name}={_short(typed[name])}"
        if kinds == {str}:
            # compared only with text: the value is the text as typed (a code, a resolution number)
            values[name] = typed[name]
        elif kinds <= {int, float, Decimal}:
            if isinstance(value, str):
                value = re.sub(r"(?<=[0-9])[,_](?=[0-9]{3}\b)", "", value)  # 5,000 and 12_000
                if _NUMBER.match(value):
                    values[name] = value = _fact(f"{name}={value}")[1]
            if not isinstance(value, int | Decimal) or isinstance(value, bool):
                raise _UsageError(
                    f"{given}: the framework compares {name} only with numbers; give a number"
                    f" ({name}=0.6, {name}=5000)"
                )
        elif kinds == {dt.date} and not isinstance(value, dt.date):
            raise _UsageError(
                f"{given}: the framework compares {name} only with dates; give {name}=2025-09-01"
            )
        elif kinds == {bool} and not isinstance(value, bool):
            raise _UsageError(f"{given}: the framework compares {name} only with true or false")
    # what `evaluate` reports: the commitments, their conditions and periods
    read = {name for c in fw.commitments if c.conditions is not None for name in facts_of(c.conditions)}
    read.update(c.period.after for c in fw.commitments if c.period is not None and c.period.after)
    for name in [n for n in values if n not in read]:  # most likely a typo; still a fact
        hint = did_you_mean(name, read)
        _say("warning", f"--fact {name}: no commitment's conditions or period read it{hint}")
    for name, value in values.items():
        if name in yes_no and not isinstance(value, bool | dt.date):
            raise _UsageError(
                f"--fact {name}={_short(format_value(value))}: the framework reads {name} as yes or no; "
                f"give {name}=true, {name}=false or the date it happened ({name}=2025-09-01)"
            )
    for name, value in values.items():
        try:
            Facts({name: value})
        except ValidationError as error:  # a value no fact can have (a number too long, …)
            reason = str(error).partition(": ")[2]
            raise _UsageError(f"--fact {name}: {reason}") from None
    return Facts(values, as_of=_date_option("--as-of", args.as_of))


def _demo(args: argparse.Namespace) -> str:
    fw = postwar_ukraine()
    actors = ["GBR", "FRA", "USA"]
    settlement = Facts({"settlement_signed": True, "un_mandate": True})
    only_settlement = Facts({"settlement_signed": True})
    return "\n\n".join(
        [
            summary(fw),
            "How far apart? (0 = same stance on every shared issue, 1 = opposite ends)\n"
            + divergence_table(divergence_matrix(fw, actors)),
            gap_report(fw, "USA", "GBR"),
            "If a settlement were signed tomorrow with a UN mandate\n" + activation_report(fw, settlement),
            "With a settlement but nothing known about its legal basis\n"
            + activation_report(fw, only_settlement),
            requirements_report(fw, "gbr-ground-presence"),
        ]
    )


def _validate(args: argparse.Namespace) -> str:
    """One line per file: ``ok`` with its counts on stdout, or its first problem on stderr."""
    _stdin_once(args.files)
    lines, failed = [], []
    for path in args.files:
        try:
            fw = _read(path)
        except AccordError as error:
            failed.append(_headline(error))
            continue
        lines.append(
            f"{_shown(path)}: ok — {len(fw.actors)} actors, {len(fw.issues)} issues, "
            f"{len(fw.positions)} positions, {len(fw.commitments)} commitments"
        )
    if failed:
        if lines:
            _print("\n".join(lines), sys.stdout)
            _flush(sys.stdout)  # before the errors, when both go to one terminal or file
        if len(failed) == 1:
            raise ValidationError(f"1 of {len(args.files)} file(s) invalid: {failed[0]}")
        for line in failed:
            _say("error", line)
        raise ValidationError(f"{len(failed)} of {len(args.files)} file(s) invalid")
    return "\n".join(lines)


def _show(args: argparse.Namespace) -> str:
    fw = _read(args.file)
    as_of = _date_option("--as-of", args.as_of)
    return summary(fw if as_of is None else fw.at(as_of))


def _divergence(args: argparse.Namespace) -> str:
    fw = _read(args.file)
    try:
        actors = [fw.resolve(a).id for a in args.actors] if args.actors else None
    except AccordError as error:
        raise _UsageError(f"--actors: {error}") from None
    twice = sorted({a for a in actors or () if actors.count(a) > 1})  # type: ignore[union-attr]
    if twice:
        raise _UsageError(f"--actors: {', '.join(twice)} named twice")
    as_of = _date_option("--as-of", args.as_of)
    m = divergence_matrix(fw, actors, as_of=as_of, on=args.on)
    if args.format == "json":
        scores = [[None if s != s else s for s in row] for row in m.scores]
        counts = [list(r) for r in m.counts]
        return _json({"actors": list(m.actors), "scores": scores, "counts": counts, "on": m.on})
    if args.format == "csv":
        buffer = io.StringIO()
        label = "actor" if "actor" not in m.actors else "actor id"  # (ids have no spaces)
        writer = csv.DictWriter(buffer, fieldnames=[label, *m.actors], lineterminator="\n")
        writer.writeheader()
        for row in m.rows(label=label):  # a pair with nothing in common: an empty cell, not "nan"
            writer.writerow({k: "" if v != v else v for k, v in row.items()})
        return buffer.getvalue().rstrip("\n")
    if not m.actors:
        return "No actors to compare."
    table = divergence_table(m, markdown=args.format == "markdown")
    if args.format == "text" and len(m.actors) == 2:
        limit = None if args.top == 0 else args.top
        table += "\n\n" + gap_report(fw, *m.actors, as_of=as_of, on=args.on, limit=limit)
    return table


def _evaluate(args: argparse.Namespace) -> str:
    fw = _read(args.file)
    facts = _facts(fw, args)
    if args.format == "json":
        results = fw.evaluate(facts)
        return _json(
            {
                cid: {
                    "truth": e.truth.name.lower(),
                    "unknown": list(e.unknown),
                    "unmet": [str(u) for u in e.unmet],
                    "reasons": list(e.reasons),
                    "starts": None if e.starts is None else e.starts.isoformat(),
                    "ends": None if e.ends is None else e.ends.isoformat(),
                }
                for cid, e in results.items()
            },
            sort_keys=True,
        )
    return activation_report(fw, facts)


def _diff(args: argparse.Namespace) -> str:
    _stdin_once([args.old, args.new])
    changes = diff(_read(args.old), _read(args.new))
    if args.format == "json":
        return _json(_diff_document(changes), sort_keys=True)
    return str(changes)


def _diff_document(d: FrameworkDiff) -> dict[str, Any]:
    """A diff as JSON values: every change with the objects before and after, as documents write them."""

    def written(value: object) -> object:
        if attrs.has(type(value)):
            data = to_dict(value)
            data.pop(VERSION_KEY, None)
            return data
        if isinstance(value, tuple):
            return [written(v) for v in value]
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, enum.Enum):
            return value.value
        return value

    def change(c: Change[Any]) -> dict[str, object]:
        return {
            "id": c.id,
            "change": c.kind,
            "fields": list(c.fields),
            "before": written(c.before),
            "after": written(c.after),
        }

    framework = dict(zip(d.framework, ([written(b), written(a)] for b, a in d.framework_values), strict=True))
    return {
        "old": d.old_id,
        "new": d.new_id,
        "framework": framework,
        "actors": [change(c) for c in d.actors],
        "issues": [change(c) for c in d.issues],
        "memberships": [change(c) for c in d.memberships],
        "positions": [
            {
                "actor": p.actor,
                "issue": p.issue,
                "change": p.kind,
                "before": written(p.before),
                "after": written(p.after),
            }
            for p in d.positions
        ],
        "earlier_positions": [{"actor": a, "issue": i} for a, i in d.history],
        "commitments": [change(c) for c in d.commitments],
        "components": [change(c) for c in d.components],
    }


def _stdin_once(paths: Sequence[str]) -> None:
    """A usage error when standard input (``-``) is named more than once: it can be read once."""
    if paths.count("-") > 1:
        raise _UsageError("standard input (-) can be read only once; give it for one file at most")


def _schema(args: argparse.Namespace) -> str:
    return _json(json_schema(Framework), indent=2, sort_keys=True)


#: Characters JSON leaves as they are but a terminal would act on: DEL and the C1 controls.
_UNESCAPED_CONTROL = re.compile("[\x7f-\x9f]")


def _json(value: object, **options: Any) -> str:
    r"""*value* as JSON text with every control character escaped (``\u009b``), so none reaches the terminal.

    ``json`` escapes line ends and the other C0 controls itself; DEL and C1 would otherwise be shown
    as ``\x9b`` on the way out, which is not JSON.
    """
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        utf8 = False
    # JSON is UTF-8 (RFC 8259): another stdout gets ASCII, non-ASCII characters as \u escapes
    text = json.dumps(value, ensure_ascii=not utf8, **options)
    return _UNESCAPED_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="accord",
        description="Who stands where, who promised what, and on which conditions.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = commands.add_parser("demo", help="analyse the embedded post-war Ukraine scenario")
    demo.set_defaults(run=_demo)

    validate = commands.add_parser("validate", help="check framework files; exit 1 if any is invalid")
    validate.add_argument("files", nargs="+", metavar="FILE", help=_FILE_HELP)
    validate.set_defaults(run=_validate)

    show = commands.add_parser("show", help="summarise a framework file")
    show.add_argument("file", metavar="FILE", help=_FILE_HELP)
    show.add_argument("--as-of", metavar="DATE", help="the framework as it stood on this date (Framework.at)")
    show.set_defaults(run=_show)

    div = commands.add_parser("divergence", help="divergence between actors of a framework file")
    div.add_argument("file", metavar="FILE", help=_FILE_HELP)
    div.add_argument("--actors", nargs="+", metavar="ACTOR", help="ids, names or aliases (default: all)")
    div.add_argument("--on", choices=("positions", "commitments"), default="positions")
    div.add_argument("--as-of", metavar="DATE", help="compare the stances as of this date")
    div.add_argument(
        "--top",
        type=_count,
        default=20,
        metavar="N",
        help="for two actors, list at most N differing issues (default 20; 0 lists every one)",
    )
    div.add_argument("--format", choices=_FORMATS, default="text")
    div.set_defaults(run=_divergence)

    ev = commands.add_parser("evaluate", help="which commitments would be in force given some facts")
    ev.add_argument("file", metavar="FILE", help=_FILE_HELP)
    ev.add_argument(
        "--fact",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a known fact (true/false, a number, an ISO date or text); repeat for each; none: nothing known",
    )
    ev.add_argument("--as-of", metavar="DATE", help="the date to evaluate on (before/after, periods)")
    ev.add_argument("--format", choices=("text", "json"), default="text")
    ev.set_defaults(run=_evaluate)

    change = commands.add_parser("diff", help="what changed between two framework files")
    change.add_argument("old", metavar="OLD")
    change.add_argument("new", metavar="NEW")
    change.add_argument("--format", choices=("text", "json"), default="text")
    change.set_defaults(run=_diff)

    schema = commands.add_parser("schema", help="print the JSON Schema of framework files")
    schema.set_defaults(run=_schema)
    return parser


def _print(text: str, stream: TextIO) -> None:
    """Print *text*; what the stream's encoding cannot show (``PYTHONIOENCODING=ascii``) as escapes."""
    try:
        print(text, file=stream)
    except UnicodeEncodeError:  # raised before anything is written
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(text.encode(encoding, "backslashreplace").decode(encoding), file=stream)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        output = args.run(args)
    except _UsageError as error:
        _say("error", _headline(error))
        return 2
    except AccordError as error:
        _say("error", _headline(error))
        return 1
    except OSError as error:
        _say("error", f"{error.filename or ''}: {error.strerror or error}")
        return 1
    except Exception as error:  # a bug in accord: still one line, never a traceback
        _say("error", f"unexpected {type(error).__name__}: {error} (please report this)")
        return 1
    try:
        _print(visible(output), sys.stdout)
        _flush(sys.stdout)
    except BrokenPipeError:  # e.g. `accord demo | head`: the reader has all it wanted
        _silence_stdout()
    except OSError as error:  # e.g. `accord demo > /dev/full`
        _silence_stdout()
        _say("error", f"cannot write the output: {error.strerror or error}")
        return 1
    return 0


def _say(kind: str, message: str) -> None:
    """One line on stderr (``accord: error: …``), whatever a file name or value in it holds."""
    _print(f"accord: {kind}: {one_line(message)}", sys.stderr)


def _flush(stream: TextIO | None) -> None:
    if stream is not None:  # None when the program was started with the stream closed
        stream.flush()


def _silence_stdout() -> None:
    """Point stdout at the null device, so that the flush at exit does not fail again."""
    if sys.stdout is not None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
