"""The command table's shape and the options several commands share; usage errors exit 2 in both languages.

A subcommand is one ``Command``: its name, its help, its arguments (``Arg``s) and the function
that runs it. ``parser()`` builds the one argparse parser from the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.definitions.load import DEFAULT_POLICIES


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own message is English only
        self.print_usage(sys.stderr)
        self.exit(2, f"用法错误：{message}\nUsage error: {message}\n")


@dataclass(frozen=True)
class Arg:
    flags: tuple[str, ...]
    options: dict = field(default_factory=dict)


def arg(*flags: str, **options) -> Arg:
    return Arg(flags, options)


@dataclass(frozen=True)
class OneOf:
    """Arguments of which exactly one (``required``) or at most one may be given."""

    arguments: tuple[Arg, ...]
    required: bool = True


@dataclass(frozen=True)
class Command:
    """One subcommand: ``run(args, out, err)`` returns the exit code."""

    name: str
    help: str
    arguments: tuple[Arg | OneOf, ...]
    run: Callable[[argparse.Namespace, object, object], int]


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(text: str) -> str:
    """``YYYY-MM-DD`` as written (not the other forms ``date.fromisoformat`` takes), of a day that exists."""
    if not _ISO_DATE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD / a date must be YYYY-MM-DD: {text!r}")
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"没有这一天 / the date does not exist: {text!r}") from None


def positive_int(text: str) -> int:
    """A count of at least 1 (``--jobs``)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为不小于 1 的整数 / must be a whole number of at least 1: {text!r}")
    return value


def output_format(*names: str) -> Arg:
    """``--format``, its choices the reporters that can write this command's output."""
    return arg("--format", dest="output_format", choices=names, default=names[0], help="output format")


AS_OF = arg("--as-of", type=iso_date, help="judge periods and application windows as of this date, YYYY-MM-DD (default: today)")
LANG = arg("--lang", choices=["both", "zh", "en"], default="both", help="language of the text report")


def parser(commands: tuple[Command, ...]) -> argparse.ArgumentParser:
    top = _Parser(
        prog="policy-site", description="Skills-subsidy policies as data: check applications, build schemas and the site."
    )
    top.add_argument("--policies", type=Path, default=DEFAULT_POLICIES, help="the policies/ folder (default: the project's)")
    subparsers = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in commands:
        sub = subparsers.add_parser(command.name, help=command.help, description=command.help)
        for argument in command.arguments:
            if isinstance(argument, OneOf):
                group = sub.add_mutually_exclusive_group(required=argument.required)
                for one in argument.arguments:
                    group.add_argument(*one.flags, **one.options)
            else:
                sub.add_argument(*argument.flags, **argument.options)
        sub.set_defaults(run=command.run)
    return top
