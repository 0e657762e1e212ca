"""Exception hierarchy. Every error a user can provoke is a :class:`TflmError` with a readable message."""

from __future__ import annotations


class TflmError(Exception):
    """Base class; the CLI prints the message and exits with :attr:`exit_code` instead of a traceback."""

    exit_code = 2


class SourceError(TflmError):
    """A source file cannot be decoded or parsed."""


class InterpreterError(TflmError):
    """The target interpreter is missing, broken, or lacks pytest."""


class CollectionError(TflmError):
    """pytest could not collect or run the target's tests."""


class NothingToLocalize(TflmError):
    """The suite has no tests, or no failing test: there is no bug to localize."""

    exit_code = 3
