"""A small hierarchy of domain errors that views turn into a message or a 4xx."""


class DomainError(Exception):
    """Something the user asked for cannot be done; the message is shown to them."""


class NotFound(DomainError):
    """The record does not exist or is not visible to this user (never tell which)."""


class Forbidden(DomainError):
    """The user's role may not do this."""


class ValidationFailed(DomainError):
    """Input broke a rule; `errors` maps a place (field, row) to a message."""

    def __init__(self, message: str, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.errors = errors or {}
