"""A small HTML form reader for the security tests: which forms a page has, and their fields."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

TEXT_TYPES = {"text", "search", "email", "tel", "url", ""}


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    multiple: bool = False

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_TYPES or self.kind == "textarea"


@dataclass
class Form:
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)

    @property
    def has_file(self) -> bool:
        return any(f.kind == "file" for f in self.fields)

    def text_fields(self) -> list[Field]:
        return [f for f in self.fields if f.is_text and f.name != "csrf_token"]

    def values(self, override: dict[str, str] | None = None) -> list[tuple[str, str]]:
        """The pairs a browser would submit, with `override` replacing some values."""
        pairs = []
        for f in self.fields:
            if f.kind in {"submit", "button", "file", "reset", "image"}:
                continue
            if f.kind in {"checkbox", "radio"}:
                if f.checked:
                    pairs.append((f.name, f.value or "y"))
            elif f.kind == "select":
                chosen = f.selected or f.options[:1]
                pairs.extend((f.name, v) for v in (chosen if f.multiple else chosen[:1]))
            else:
                pairs.append((f.name, f.value))
        if override:
            pairs = [(n, v) for n, v in pairs if n not in override] + list(override.items())
        return pairs


class _Reader(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: str | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            action = a.get("action") or self.page_url
            self._form = Form(action, (a.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is None or ("name" not in a and tag != "option"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            self._form.fields.append(Field(a["name"], kind, a.get("value", ""), "checked" in a))
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea")
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(a["name"], "select", multiple="multiple" in a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._select.options.append(value if value is not None else "")
            if "selected" in a:
                self._select.selected.append(self._select.options[-1])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def read_forms(html: str, page_url: str) -> list[Form]:
    """Every form on the page."""
    reader = _Reader(page_url)
    reader.feed(html)
    return reader.forms
