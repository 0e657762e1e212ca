"""Exception hierarchy. Every error a user can provoke is a :class:`TflmError` with a readable message.

The subclasses that stand for a bad argument also subclass the builtin a Python caller would expect
(``ValueError``, ``TypeError``), as scikit-learn's do, so ``except ValueError`` keeps working.
"""

from __future__ import annotations


class TflmError(Exception):
    """Base class; the CLI prints the message and exits with :attr:`exit_code` instead of a traceback."""

    exit_code = 2


class InvalidParameterError(TflmError, ValueError, TypeError):
    """A parameter of an estimator or an argument of a query is of the wrong type or out of its range."""


class DataError(TflmError, ValueError):
    """Input data does not have the shape or the columns the call needs."""


class NotFittedError(TflmError, ValueError, AttributeError):
    """A model was asked to predict before it was fitted or loaded."""


class SourceError(TflmError):
    """A source file cannot be decoded or parsed."""


class InterpreterError(TflmError):
    """The target interpreter is missing, broken, or lacks pytest."""


class CollectionError(TflmError):
    """pytest could not collect or run the target's tests."""


class NothingToLocalize(TflmError):
    """The suite has no tests, or no failing test: there is no bug to localize."""

    exit_code = 3
