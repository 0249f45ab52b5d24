"""Route definitions for the administration screen: the list, and a version as an editable spec."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from jinji.workflow.models import DefinitionVersion, WorkflowDefinition
from jinji.workflow.registry import application_type_label
from jinji.workflow.routing import load_spec
from jinji.workflow.specs import DefinitionSpec


@dataclass(frozen=True, slots=True)
class DefinitionItem:
    id: int
    application_type: str
    application_type_label: str
    name: str
    is_active: bool
    current_version_number: int | None
    updated_at: datetime.datetime


def definition_list() -> list[DefinitionItem]:
    """Every route of the organization in context, by application type. One query."""
    rows = WorkflowDefinition.objects.select_related("current_version").order_by("application_type")
    return [
        DefinitionItem(
            id=d.pk,
            application_type=d.application_type,
            application_type_label=application_type_label(d.application_type),
            name=d.name,
            is_active=d.is_active,
            current_version_number=d.current_version.number if d.current_version else None,
            updated_at=d.updated_at,
        )
        for d in rows
    ]


def definition_spec(*, application_type: str, number: int | None = None) -> DefinitionSpec | None:
    """The current (or the ``number``-th) version of a type's route as a spec; None if there is none."""
    qs = DefinitionVersion.objects.filter(definition__application_type=application_type).select_related("definition")
    version = qs.filter(number=number).first() if number is not None else None
    if number is None:
        definition = WorkflowDefinition.objects.filter(application_type=application_type).first()
        if definition is None or definition.current_version_id is None:
            return None
        version = qs.filter(pk=definition.current_version_id).first()
    if version is None:
        return None
    spec = load_spec(version.pk, name=version.definition.name)
    return DefinitionSpec(name=spec.name, steps=spec.steps, note=version.note)
