"""REST endpoints of the 庶務事務: submit an application (files as base64), and the 認定簿.

Approving, sending back and the inbox are the engine's endpoints (``/api/workflow/…``).
"""

from __future__ import annotations

import base64
import binascii
import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.applications.attachments import MAX_FILES, max_bytes
from jinji.applications.kinds import KINDS
from jinji.applications.models import AllowanceKind
from jinji.applications.selectors.determinations import determination_page
from jinji.applications.services.submission import application_submit
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.workflow.selectors import application_detail

router = Router(auth=ApiTokenAuth())
REGISTER_ROLES = (Role.PAYROLL, Role.HR)


class AttachmentIn(Schema):
    name: str = Field(..., max_length=200, description="ファイル名(表示用)")
    content_base64: str = Field(..., description="ファイルの中身(Base64)。PDF・PNG・JPEG のみ")


class SubmitIn(Schema):
    application_type: str = Field(..., description="申請種別コード(commuting_notification など)")
    effective_on: datetime.date = Field(..., description="発効日(事実の発生日)")
    payload: dict[str, Any] = Field(..., description="申請内容(種別ごとの項目)")
    attachments: list[AttachmentIn] = Field([], max_length=MAX_FILES)
    idempotency_key: str | None = Field(
        None, max_length=64, description="二重送信防止キー(同じキーの再送は同じ申請を返す)"
    )
    applicant_employee_id: int | None = Field(None, description="代理入力のときの申請者(職員ID)")


class SubmittedOut(Schema):
    id: int
    version: int
    application_type: str
    subject: str
    status: str
    status_label: str
    current_step_name: str
    payload: dict[str, Any]


class KindOut(Schema):
    code: str
    label: str
    description: str
    evidence_label: str
    evidence_required: bool
    allowance: str | None


class DeterminationFilter(Schema):
    on: datetime.date | None = Field(None, description="基準日(既定: 今日)")
    kind: str | None = Field(None, description="手当(commuting, housing, dependents)")
    unit_id: int | None = Field(None, description="所属ID(下位組織を含む)")
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0)


class DeterminationOut(Schema):
    id: int
    employee_id: int
    staff_number: str
    employee_name: str
    unit_name: str
    kind: str
    kind_label: str
    monthly_amount: int
    nontaxable_amount: int
    taxable_amount: int
    valid_from: datetime.date
    valid_to: datetime.date | None
    retro: bool
    basis: dict[str, Any]
    table_refs: list[str]
    source_application_id: int | None


class DeterminationPageOut(Schema):
    on: datetime.date
    total: int
    items: list[DeterminationOut]


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _files(attachments: list[AttachmentIn]) -> list[SimpleUploadedFile]:
    files: list[SimpleUploadedFile] = []
    problems: list[FieldProblem] = []
    limit_chars = (max_bytes() * 4) // 3 + 8
    for i, item in enumerate(attachments):
        if len(item.content_base64) > limit_chars:
            problems.append(FieldProblem(f"attachments.{i}", f"「{item.name}」は大きすぎます"))
            continue
        try:
            content = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError):
            problems.append(
                FieldProblem(f"attachments.{i}", f"「{item.name}」の content_base64 が Base64 ではありません")
            )
            continue
        files.append(SimpleUploadedFile(item.name, content))
    if problems:
        raise DomainError(problems)
    return files


@router.get("/types", response=list[KindOut], summary="申請種別の一覧")
def application_types_api(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": k.code,
            "label": k.label,
            "description": k.description,
            "evidence_label": k.evidence_label,
            "evidence_required": k.evidence_required,
            "allowance": k.allowance,
        }
        for k in KINDS.values()
    ]


@router.post("/submit", response={201: SubmittedOut}, summary="申請・届出(添付書類を含む)")
def submit_api(request: HttpRequest, body: SubmitIn) -> Status[dict[str, Any]]:
    user = _user(request)
    instance = application_submit(
        acting_user=user,
        application_type=body.application_type,
        payload=body.payload,
        effective_on=body.effective_on,
        files=_files(body.attachments),
        idempotency_key=body.idempotency_key,
        applicant_employee_id=body.applicant_employee_id,
    )
    item = application_detail(instance_id=instance.pk, user=user).application
    out = {name: getattr(item, name) for name in SubmittedOut.model_fields if name != "payload"}
    return Status(201, {**out, "payload": instance.payload})


@router.get("/determinations", response=DeterminationPageOut, summary="認定簿(基準日時点の手当の認定)")
def determinations_api(request: HttpRequest, filters: Query[DeterminationFilter]) -> dict[str, Any]:
    user = _user(request)
    if not has_role(user, REGISTER_ROLES):
        raise NotPermitted([FieldProblem("", "認定簿を参照できるのは給与担当・人事担当です")])
    if filters.kind is not None and filters.kind not in AllowanceKind.values:
        raise DomainError([FieldProblem("kind", "手当は commuting・housing・dependents のいずれかです")])
    on = filters.on or timezone.localdate()
    page = determination_page(
        organization=user.organization_id,
        on=on,
        kind=filters.kind,
        unit_id=filters.unit_id,
        limit=filters.limit,
        offset=filters.offset,
    )
    items = []
    for row in page.rows:
        d = row.determination
        items.append(
            {
                **{name: getattr(d, name) for name in DeterminationOut.model_fields if hasattr(d, name)},
                "table_refs": list(d.table_refs),
                "staff_number": row.staff_number,
                "employee_name": row.employee_name,
                "unit_name": row.unit_name,
                "kind_label": row.kind_label,
            }
        )
    return {"on": on, "total": page.total, "items": items}
