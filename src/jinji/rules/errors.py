"""Errors raised by the rules core. Messages are Japanese and say what was wrong."""

from __future__ import annotations


class RulesError(ValueError):
    """Base class: an invalid argument or a missing/invalid legal table."""


class InvalidArgument(RulesError):
    """An argument outside what the rule accepts (negative amount, unknown column …)."""


class TableNotFound(RulesError):
    """No version of a table is in force on the requested date."""


class TableInvalid(RulesError):
    """A data file failed its provenance or schema check."""
