"""Form helpers shared by the talent screens."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Model
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from jinji.core.errors import DomainError
from jinji.org.selectors import UnitNode
from jinji.talent.evidence import ALLOWED_LABEL, max_bytes


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PlainSelect(forms.Select):
    """A ``<select>`` built in Python in one pass, for pick lists of hundreds of org units.

    Django's default renders one template per option, which for the unit lists of a large
    organization costs tens of milliseconds per page. Same markup, same attributes.
    """

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        values = value if isinstance(value, list | tuple) else [value]
        chosen = {str(v) for v in values if v not in (None, "")}
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, " selected" if str(v) in chosen else "", label) for v, label in self.choices),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), options)


class PlainSelectMultiple(PlainSelect):
    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        return getter(name) if getter is not None else data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False


def unit_choices(nodes: Iterable[UnitNode], *, blank: str = "(指定なし)") -> list[tuple[str, str]]:
    """Units in chart order, indented with full-width spaces."""
    return [("", blank)] + [(str(n.id), f"{'　' * n.depth}{n.name}") for n in nodes]


def model_choices(rows: Iterable[Model], *, blank: str | None = "(指定なし)") -> list[tuple[str, str]]:
    head = [("", blank)] if blank is not None else []
    return head + [(str(r.pk), str(r)) for r in rows]


def evidence_field(*, required: bool, label: str = "証明書類") -> forms.FileField:
    limit = max_bytes() // (1024 * 1024)
    return forms.FileField(
        label=label,
        required=required,
        help_text=f"合格証書・登録証の写し({ALLOWED_LABEL}、{limit}MBまで)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )


def add_domain_errors(form: forms.BaseForm, error: DomainError, field_map: dict[str, str] | None = None) -> None:
    """Each FieldProblem next to its field (by name, mapped name or Japanese label); the rest on top."""
    by_label = {str(f.label): name for name, f in form.fields.items()}
    mapping = field_map or {}
    for problem in error.problems:
        name = mapping.get(problem.field, problem.field)
        name = name if name in form.fields else by_label.get(problem.field, "")
        form.add_error(name or None, problem.message if name else str(problem))
