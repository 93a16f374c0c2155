"""The form base and fields every form in matcher/web uses.

- `Form`: a FlaskForm whose text is cleaned before validation (NFC, no control characters or
  invisible formatting; newlines only in text areas) and whose choices are trimmed.
- `NumberField`: a number in the user's locale both ways ("3,5" and "3.5" are read, "3,5" is
  shown in Dutch), NaN and infinities refused, its bound from matcher/bounds.py, and messages in
  plain Dutch ("Vul een getal in, bijvoorbeeld 3,5"; "Vul een getal tussen 0,5 en 20 in").
- `WholeNumberField`: the same for whole numbers.
- `Name`: a validator for names of people and organisations (at least one letter).
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, Field, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import ValidationError
from wtforms.widgets import TextInput

from matcher import free_text, number_format
from matcher.bounds import Bound

# Page numbers of the lists, and ids typed into forms.
PAGE = Bound(1, 100_000, whole=True)
RECORD_ID = Bound(1, 2**31 - 1, whole=True)
# Dates anyone could mean: outside these, "a week later" or "the day before" would overflow.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def _clean_line(value):
    return free_text.clean(value) if isinstance(value, str) else value


def _clean_text(value):
    return free_text.clean(value, multiline=True) if isinstance(value, str) else value


def _trimmed(value):
    return value.strip() if isinstance(value, str) else value


def _sane_date(value):
    if isinstance(value, date) and not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(str(_l("Vul een datum tussen 1900 en 3000 in.")))
    return value


def _filter_for(field_class) -> object | None:
    if issubclass(field_class, PasswordField):
        return None  # a password is exactly what was typed
    if issubclass(field_class, StringField):
        multiline = getattr(field_class.widget, "input_type", None) is None
        return _clean_text if multiline else _clean_line
    if issubclass(field_class, SelectField | RadioField):
        return _trimmed
    if issubclass(field_class, DateField):
        return _sane_date
    return None


class Form(FlaskForm):
    """The base of every form: free text is cleaned and choices trimmed before validation."""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            extra = _filter_for(unbound_field.field_class)
            if extra is not None:
                filters = [extra, *unbound_field.kwargs.get("filters", ())]
                options = {**options, "filters": filters}
            return super().bind_field(form, unbound_field, options)


class InBound:
    """A validator: the field's number lies inside `bound` (message with locale numbers)."""

    def __init__(self, bound: Bound):
        self.bound = bound

    def __call__(self, form, field):
        if field.data is not None and not self.bound.contains(field.data):
            raise ValidationError(str(number_format.bound_message(self.bound)))


class NumberField(Field):
    """A decimal number typed the user's way; `bound` adds the range check."""

    widget = TextInput()
    whole = False

    def __init__(self, label=None, validators=None, bound: Bound | None = None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "numeric" if self.whole else "decimal"})
        validators = list(validators or [])
        if bound is not None:
            validators.append(InBound(bound))
        super().__init__(label, validators, **kwargs)
        self.bound = bound

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not str(valuelist[0]).strip():
            self.raw_data = [""]  # blank: InputRequired refuses it, Optional skips it
            return
        try:
            self.data = self._read(str(valuelist[0]))
        except ValueError as error:
            raise ValueError(str(number_format.not_a_number_message(self.whole))) from error

    def _read(self, text: str):
        return float(number_format.parse_number(text))

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return number_format.format_number(self.data)


class WholeNumberField(NumberField):
    """A whole number (page numbers, places, capacities)."""

    whole = True

    def _read(self, text: str):
        value = number_format.parse_number(text)
        if value != value.to_integral_value():
            raise ValueError(text)
        return int(value)


class Name:
    """A validator for names: at least one letter, in any script."""

    def __init__(self, message=None):
        self.message = message

    def __call__(self, form, field):
        if field.data and not free_text.is_name(field.data):
            raise ValidationError(str(self.message or _l("Een naam bevat minstens één letter.")))
