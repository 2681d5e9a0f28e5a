"""Errors that mean "cannot run at all". Problems in the data are findings, never exceptions."""

from __future__ import annotations


class InputError(Exception):
    """The input cannot be used (unreadable, not a report, bad config).

    Carries its exit code like click's ClickException: the CLI prints one line
    ``<file>: <message>`` and exits with ``exit_code``; the library never prints.
    """

    exit_code = 2

    def __init__(self, source: str, message: str):
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
