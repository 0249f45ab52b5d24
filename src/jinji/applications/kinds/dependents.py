"""扶養親族届: dependants to add (認定) and to remove (解除) from the 発効日.

決裁 → ``dependent_add`` / ``dependent_end`` (the flags say whether each counts for 扶養手当, for
tax (税法上の扶養) and for 共済), then a 扶養手当 determination over the dependants in force on the
発効日, with the 級 of the primary post on that day (8級・9級以上 change the 父母等 amount).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from jinji.accounts.models import User
from jinji.applications.allowances import AllowanceResult, DependantFact, dependents_result
from jinji.applications.kinds.base import Cleaned, Context, Kind, applicant_employee, effective_date, yes_no
from jinji.applications.kinds.fields import PayloadReader
from jinji.applications.models import AllowanceKind
from jinji.applications.services.determinations import determination_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import as_of_q
from jinji.personnel.models import Dependent, Relationship
from jinji.personnel.selectors import assignment_views_on
from jinji.personnel.services import dependent_add, dependent_end
from jinji.workflow.models import WorkflowInstance

CODE = "dependents_notification"
LABEL = "扶養親族届"
RELATIONSHIPS = {str(value): str(label) for value, label in Relationship.choices}
FLAGS = ("for_allowance", "for_tax", "for_insurance", "has_disability", "lives_together")
MAX_ROWS = 10
ONE_DAY = datetime.timedelta(days=1)


def dependants_on(ctx: Context, on: datetime.date) -> list[Dependent]:
    """The employee's dependants in force on ``on`` (oldest first)."""
    return list(
        Dependent.objects.for_organization(ctx.organization_id)
        .filter(as_of_q(on), employee_id=ctx.employee_id)
        .order_by("birth_date", "id")
    )


def _additions(r: PayloadReader, effective_on: datetime.date | None) -> list[dict[str, Any]]:
    result = []
    for i, item in enumerate(r.items("add", "追加する扶養親族")):
        if not any(str(item.get(k, "")).strip() for k in ("name", "name_kana", "birth_date")):
            continue  # an empty row of the form
        row = r.nested("add", i, item)
        birth = row.date("birth_date", f"追加{i + 1}人目の生年月日")
        if birth is not None and effective_on is not None and birth > effective_on:
            row.problem("birth_date", f"追加{i + 1}人目の生年月日は発効日以前の日付にしてください")
        result.append(
            {
                "name": row.text("name", f"追加{i + 1}人目の氏名", max_length=100),
                "name_kana": row.kana("name_kana", f"追加{i + 1}人目のフリガナ", max_length=200),
                "relationship": row.choice("relationship", f"追加{i + 1}人目の続柄", RELATIONSHIPS),
                "birth_date": birth.isoformat() if birth else "",
                **{flag: row.flag(flag, default=flag != "has_disability") for flag in FLAGS},
            }
        )
    return result


def _removals(r: PayloadReader, ctx: Context) -> list[dict[str, Any]]:
    raw = r.items("remove", "扶養から外す親族")
    current = {d.pk: d for d in dependants_on(ctx, ctx.effective_on)} if ctx.effective_on else {}
    result = []
    for i, item in enumerate(raw):
        row = r.nested("remove", i, item)
        try:
            dependent_id = int(item.get("dependent_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            row.problem("dependent_id", "扶養から外す親族を選んでください")
            continue
        found = current.get(dependent_id)
        if ctx.effective_on is not None and found is None:
            row.problem("dependent_id", "発効日の時点で扶養親族として登録されていない親族は外せません")
            continue
        result.append(
            {
                "dependent_id": dependent_id,
                "name": found.name if found else "",
                "reason": row.text("reason", "扶養から外す理由(就職・別居など)", max_length=100),
            }
        )
    return result


def clean(payload: Mapping[str, Any], ctx: Context) -> Cleaned:
    r = PayloadReader(payload)
    data = {"add": _additions(r, ctx.effective_on), "remove": _removals(r, ctx)}
    if not data["add"] and not data["remove"] and not r.problems:
        r.problem("add", "追加する扶養親族か、扶養から外す親族を1人以上入力してください")
    if len(data["add"]) + len(data["remove"]) > MAX_ROWS:
        r.problem("add", f"1回の届出で扱えるのは{MAX_ROWS}人までです")
    return Cleaned(payload=data, problems=r.problems)


def _facts(dependants: Sequence[Dependent]) -> list[DependantFact]:
    return [DependantFact(d.name, d.relationship, d.birth_date, d.for_allowance, d.for_tax) for d in dependants]


def _grade(ctx: Context, on: datetime.date) -> int:
    posts = assignment_views_on(organization=ctx.organization_id, employee_ids=[ctx.employee_id], on=on)
    primary = next((p for p in posts.get(ctx.employee_id, []) if p.kind == "primary"), None)
    return primary.grade if primary is not None and primary.grade else 0


def estimate(payload: Mapping[str, Any], ctx: Context) -> AllowanceResult | None:
    """扶養手当 after the changes, on the 発効日 (before 決裁: the current dependants ± this notice)."""
    on = ctx.effective_on
    if on is None:
        return None
    removed = {int(x["dependent_id"]) for x in payload.get("remove", [])}
    facts = _facts([d for d in dependants_on(ctx, on) if d.pk not in removed])
    for x in payload.get("add", []):
        birth = datetime.date.fromisoformat(str(x["birth_date"]))
        facts.append(
            DependantFact(str(x["name"]), str(x["relationship"]), birth, bool(x["for_allowance"]), bool(x["for_tax"]))
        )
    return dependents_result(on=on, grade=_grade(ctx, on), dependants=facts)


def summarize(payload: Mapping[str, Any]) -> Sequence[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for i, x in enumerate(payload.get("add", []), start=1):
        relation = RELATIONSHIPS.get(str(x.get("relationship", "")), "")
        rows.append(
            (
                f"追加{i}",
                f"{x.get('name', '')}({x.get('name_kana', '')}・{relation}・{x.get('birth_date', '')}生)"
                f" 扶養手当: {yes_no(x.get('for_allowance'))} 税法上の扶養: {yes_no(x.get('for_tax'))}"
                f" 共済: {yes_no(x.get('for_insurance'))}",
            )
        )
    for i, x in enumerate(payload.get("remove", []), start=1):
        rows.append((f"解除{i}", f"{x.get('name', '')}(理由: {x.get('reason', '')})"))
    return rows


def effect(instance: WorkflowInstance, acting_user: User) -> None:
    """認定・解除 in the master, then the 扶養手当 determination over who is in force on the 発効日."""
    on = effective_date(instance)
    employee = applicant_employee(instance)
    ctx = Context(instance.organization_id, employee.pk, on)
    for x in instance.payload.get("add", []):
        dependent_add(
            acting_user=acting_user,
            employee=employee,
            valid_from=on,
            name=str(x["name"]),
            name_kana=str(x["name_kana"]),
            relationship=str(x["relationship"]),
            birth_date=datetime.date.fromisoformat(str(x["birth_date"])),
            for_allowance=bool(x.get("for_allowance")),
            for_tax=bool(x.get("for_tax")),
            for_insurance=bool(x.get("for_insurance")),
            has_disability=bool(x.get("has_disability")),
            lives_together=bool(x.get("lives_together")),
        )
    by_id = {d.pk: d for d in dependants_on(ctx, on)}
    for x in instance.payload.get("remove", []):
        found = by_id.get(int(x["dependent_id"]))
        if found is None:
            message = f"扶養から外す親族「{x.get('name', '')}」は発効日の時点で登録されていません"
            raise DomainError([FieldProblem(field="payload.remove", message=message)])
        dependent_end(acting_user=acting_user, dependent=found, valid_to=on - ONE_DAY)
    result = dependents_result(on=on, grade=_grade(ctx, on), dependants=_facts(dependants_on(ctx, on)))
    determination_record(
        acting_user=acting_user,
        organization_id=instance.organization_id,
        employee_id=employee.pk,
        result=result,
        valid_from=on,
        source_application=instance,
    )


KIND = Kind(
    code=CODE,
    label=LABEL,
    description="出生・婚姻・就職などで扶養親族が増えた・減ったとき。扶養手当と税法上の扶養を認定します。",
    clean=clean,
    effect=effect,
    summarize=summarize,
    evidence_label="戸籍謄本・住民票・収入を証明する書類など",
    evidence_required=True,
    allowance=AllowanceKind.DEPENDENTS,
    estimate=estimate,
)
