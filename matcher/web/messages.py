"""The wording of domain errors: services raise codes with data, the web layer words them.

`render(error)` gives the sentence for a DomainError and `field_errors(error)` the sentence per
form field of a ValidationFailed. Views and the request boundary use only these two, so the
catalogue behind them is the one place where a service's refusal becomes text.
"""

from matcher.services.errors import DomainError


def render(error: DomainError) -> str:
    """The user's sentence for a domain error."""
    return str(error)


def field_errors(error: DomainError) -> dict[str, str]:
    """The user's sentence per form field (or import cell) for a ValidationFailed."""
    return {place: str(message) for place, message in getattr(error, "errors", {}).items()}
