"""Numbers the way the user writes them, both ways: "3,5" in Dutch is read as 3.5 and 3.5 is
shown as "3,5"; and the plain-language sentence for a number outside its bound."""

import re
import unicodedata
from decimal import Decimal

from babel import Locale
from babel.numbers import (
    NumberFormatError,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from matcher.bounds import Bound

# Digits with at most separators between them and a sign in front: no exponents, no "nan".
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)*[.,]?|[.,]\d+)")


def _locale(locale: Locale | str | None) -> Locale:
    if locale is None:
        locale = get_locale() or "nl"
    return Locale.parse(locale)


def parse_number(text: str, locale: Locale | str | None = None) -> Decimal:
    """The number in `text` as the user's locale writes it; ValueError if it is none.

    The locale's decimal sign always works ("3,5" in Dutch). The other sign works too when it
    cannot be a thousands separator: "3.5" is 3,5 in Dutch, "1.000" is a thousand. Spaces are
    ignored; NaN, infinities and exponents are refused.
    """
    place = _locale(locale)
    raw = "".join(unicodedata.normalize("NFKC", text).replace("\u2212", "-").split())
    if not _NUMBER.fullmatch(raw):
        raise ValueError(text)
    decimal_sign, group_sign = get_decimal_symbol(place), get_group_symbol(place)
    lone_group = decimal_sign not in raw and raw.count(group_sign) == 1
    if lone_group and len(raw.rpartition(group_sign)[2]) != 3:  # not a thousands group
        raw = raw.replace(group_sign, decimal_sign)
    try:
        value = parse_decimal(raw.lstrip("+"), locale=place, strict=True)
    except (NumberFormatError, ValueError) as error:
        raise ValueError(text) from error
    if not value.is_finite():
        raise ValueError(text)
    return value


def format_number(value: float | Decimal, locale: Locale | str | None = None) -> str:
    """`value` in the user's locale, without thousands separators ("3,5"; "1600")."""
    return format_decimal(value, format="0.######", locale=_locale(locale))


def example(whole: bool = False) -> str:
    """A number to show in a hint, in the user's locale ("3,5")."""
    return format_number(2 if whole else Decimal("3.5"))


def not_a_number_message(whole: bool = False):
    """'Vul een getal in, bijvoorbeeld 3,5.'"""
    if whole:
        return _l("Vul een heel getal in, bijvoorbeeld %(example)s.", example=example(True))
    return _l("Vul een getal in, bijvoorbeeld %(example)s.", example=example())


def bound_message(bound: Bound):
    """'Vul een getal tussen 0,5 en 20 in.' for `bound`, the numbers in the user's locale."""
    low, high = format_number(bound.low), format_number(bound.high)
    if bound.whole:
        return _l("Vul een heel getal van %(low)s tot en met %(high)s in.", low=low, high=high)
    if bound.low_open:
        return _l("Vul een getal groter dan %(low)s en hooguit %(high)s in.", low=low, high=high)
    return _l("Vul een getal tussen %(low)s en %(high)s in.", low=low, high=high)
