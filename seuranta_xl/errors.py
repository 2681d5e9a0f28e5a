"""Errors that mean "cannot run at all". Problems in the data are findings, never exceptions."""

from __future__ import annotations


class InputError(Exception):
    """The input cannot be used (unreadable, not a report, bad config).

    Carries its exit code like click's ClickException: the CLI prints one line
    ``<file>: <message>`` and exits with ``exit_code``; the library never prints.
    """

    exit_code = 2

    def __init__(self, source: str, message: str, *, code: str = "input", params: dict | None = None):
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
        #: The message id in the catalogue (stable, like a finding's rule code) and its parameters:
        #: what tests and programs compare, never the sentence.
        self.code = code
        self.params = dict(params or {})

    @classmethod
    def of(cls, source: str, code: str, lang: str = "fi", /, **params: object) -> "InputError":
        """The error ``code`` of the message catalogue, rendered in ``lang``."""
        from .messages import t

        return cls(source, t(code, lang, **params), code=code, params=params)
