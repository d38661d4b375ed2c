"""The ``accord`` command line.

Exit status: 0 ok, 1 invalid input (one clear line on stderr, no traceback),
2 usage error.
"""

import argparse
import sys
from collections.abc import Sequence

from accord.errors import AccordError
from accord.examples import postwar_ukraine
from accord.reports import summary

__all__ = ["main"]


def _demo(args: argparse.Namespace) -> str:
    return summary(postwar_ukraine())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="accord",
        description="Who stands where, who promised what, and on which conditions.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    demo = commands.add_parser("demo", help="summarise the embedded post-war Ukraine scenario")
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        output = args.run(args)
    except AccordError as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        print(f"accord: error: {first}", file=sys.stderr)
        return 1
    print(output)
    return 0
