"""資格: the master's local additions, registration by the employee (or HR), HR review, renewal."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import Organization
from jinji.personnel.models import Employee
from jinji.talent import events
from jinji.talent.dates import validity_end
from jinji.talent.evidence import StoredEvidence, discard, evidence_problems, store_evidence
from jinji.talent.models import EmployeeQualification, Qualification, QualificationCategory, QualificationStatus
from jinji.talent.permissions import is_own, require_hr, require_hr_for, require_own_or_hr
from jinji.talent.services.common import business_today, raise_if, same_organization


def _facts(record: EmployeeQualification) -> dict[str, Any]:
    return {
        "employee": record.employee_id,
        "qualification": record.qualification_id,
        "acquired_on": record.acquired_on,
        "expires_on": record.expires_on,
        "renewed_on": record.renewed_on,
        "certificate_number": record.certificate_number,
        "status": record.status,
        "evidence_sha256": record.evidence_sha256,
    }


def expiry_for(qualification: Qualification, start: datetime.date, given: datetime.date | None) -> datetime.date | None:
    """The entered expiry, or the one implied by the renewal rule (registration + N years − 1 day)."""
    if given is not None:
        return given
    if qualification.renewal_years:
        return validity_end(start, qualification.renewal_years)
    return None


def _date_problems(
    qualification: Qualification, acquired_on: datetime.date, expires_on: datetime.date | None, today: datetime.date
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if acquired_on > today:
        problems.append(FieldProblem("acquired_on", "取得日は今日以前の日付にしてください"))
    if expires_on is not None and expires_on < acquired_on:
        problems.append(FieldProblem("expires_on", "有効期限は取得日以降の日付にしてください"))
    elif expires_on is not None and expires_on < today:
        problems.append(
            FieldProblem(
                "expires_on",
                f"「{qualification.name}」は{expires_on:%Y年%m月%d日}で有効期限が切れています。"
                "更新済みの場合は更新後の有効期限と証明書類で登録してください",
            )
        )
    return problems


def _duplicate_problem(employee: Employee, qualification: Qualification) -> list[FieldProblem]:
    existing = (
        EmployeeQualification.objects.for_organization(employee.organization_id)
        .filter(employee=employee, qualification=qualification)
        .exclude(status=QualificationStatus.REJECTED)
        .first()
    )
    if existing is None:
        return []
    message = (
        f"「{qualification.name}」は既に登録されています(状態: {existing.get_status_display()})。"
        "更新は「更新」から行ってください"
    )
    return [FieldProblem("qualification", message)]


def qualification_register(
    *,
    acting_user: Any,
    employee: Employee,
    qualification: Qualification,
    acquired_on: datetime.date,
    certificate_number: str = "",
    expires_on: datetime.date | None = None,
    evidence: File[bytes] | None = None,
    on: datetime.date | None = None,
) -> EmployeeQualification:
    """資格の登録 (確認待ち). The employee registers their own with evidence; 人事担当 may enter any in scope.

    Refused, with nothing saved: another organization's or inactive qualification, a duplicate of a
    live record, an expired one, a future 取得日, missing (self-registration) or bad evidence.
    """
    today = on or business_today()
    require_own_or_hr(acting_user, employee, on=today)
    problems = same_organization(qualification, employee.organization_id, "qualification", "資格")
    if not qualification.is_active:
        problems.append(FieldProblem("qualification", f"「{qualification.name}」は現在登録できません(無効)"))
    expiry = expiry_for(qualification, acquired_on, expires_on)
    problems += _date_problems(qualification, acquired_on, expiry, today)
    problems += _duplicate_problem(employee, qualification)
    if evidence is None and is_own(acting_user, employee.pk):
        problems.append(FieldProblem("evidence", "合格証書・登録証などの証明書類を添付してください"))
    elif evidence is not None:
        problems += evidence_problems(evidence)
    raise_if(problems)
    stored = store_evidence(evidence, organization_id=employee.organization_id) if evidence is not None else None
    try:
        return _save_registration(
            acting_user,
            employee=employee,
            qualification=qualification,
            acquired_on=acquired_on,
            certificate_number=certificate_number,
            expires_on=expiry,
            stored=stored,
        )
    except Exception:
        discard(stored)
        raise


def _save_registration(
    acting_user: Any,
    *,
    employee: Employee,
    qualification: Qualification,
    acquired_on: datetime.date,
    certificate_number: str,
    expires_on: datetime.date | None,
    stored: StoredEvidence | None,
) -> EmployeeQualification:
    try:
        with transaction.atomic():
            record: EmployeeQualification = EmployeeQualification.objects.create(
                organization_id=employee.organization_id,
                employee=employee,
                qualification=qualification,
                acquired_on=acquired_on,
                certificate_number=certificate_number.strip(),
                expires_on=expires_on,
                submitted_by=acting_user,
                **_evidence_fields(stored),
            )
            audit_record(actor=acting_user, action=events.QUALIFICATION_REGISTER, target=record, after=_facts(record))
    except IntegrityError as exc:
        raise DomainError([FieldProblem("qualification", f"「{qualification.name}」は既に登録されています")]) from exc
    return record


def _evidence_fields(stored: StoredEvidence | None) -> dict[str, Any]:
    if stored is None:
        return {}
    return {
        "evidence_file": stored.relative_path,
        "evidence_name": stored.original_name,
        "evidence_type": stored.content_type,
        "evidence_size": stored.size,
        "evidence_sha256": stored.sha256,
    }


def _locked(record: EmployeeQualification) -> EmployeeQualification:
    locked: EmployeeQualification = (
        EmployeeQualification.objects.for_organization(record.organization_id)
        .select_for_update()
        .select_related("qualification", "employee")
        .get(pk=record.pk)
    )
    return locked


def qualification_review(
    *, acting_user: Any, record: EmployeeQualification, approve: bool, note: str = ""
) -> EmployeeQualification:
    """人事担当の確認: 確認待ち → 確認済 (approve) or 差戻し (a reason is required). Not one's own record."""
    note = note.strip()
    with transaction.atomic():
        locked = _locked(record)
        require_hr_for(acting_user, locked.employee)
        problems: list[FieldProblem] = []
        if is_own(acting_user, locked.employee_id):
            problems.append(FieldProblem("status", "自分の資格は確認できません。他の人事担当に依頼してください"))
        if locked.status != QualificationStatus.PENDING:
            problems.append(FieldProblem("status", f"この資格は「{locked.get_status_display()}」のため確認できません"))
        if not approve and not note:
            problems.append(FieldProblem("note", "差戻しの理由を入力してください"))
        raise_if(problems)
        before = _facts(locked)
        locked.status = QualificationStatus.VERIFIED if approve else QualificationStatus.REJECTED
        locked.reviewed_by = acting_user
        locked.reviewed_at = timezone.now()
        locked.review_note = note[:200]
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        action = events.QUALIFICATION_VERIFY if approve else events.QUALIFICATION_REJECT
        audit_record(actor=acting_user, action=action, target=locked, before=before, after=_facts(locked))
    return locked


def qualification_renew(
    *,
    acting_user: Any,
    record: EmployeeQualification,
    renewed_on: datetime.date,
    evidence: File[bytes] | None,
    expires_on: datetime.date | None = None,
    on: datetime.date | None = None,
) -> EmployeeQualification:
    """更新 (e.g. 登録セキスペ every 3 years): new expiry from the renewal date, new evidence, back to 確認待ち."""
    today = on or business_today()
    require_own_or_hr(acting_user, record.employee, on=today)
    qualification = record.qualification
    problems: list[FieldProblem] = []
    if not qualification.renewal_years and expires_on is None:
        problems.append(FieldProblem("expires_on", f"「{qualification.name}」には更新制度がありません"))
    new_expiry = expiry_for(qualification, renewed_on, expires_on)
    problems += _date_problems(qualification, renewed_on, new_expiry, today)
    if record.expires_on and new_expiry and new_expiry <= record.expires_on:
        problems.append(FieldProblem("expires_on", "更新後の有効期限は現在の有効期限より後にしてください"))
    if evidence is None:
        problems.append(FieldProblem("evidence", "更新後の登録証などの証明書類を添付してください"))
    else:
        problems += evidence_problems(evidence)
    raise_if(problems)
    assert evidence is not None
    stored = store_evidence(evidence, organization_id=record.organization_id)
    try:
        with transaction.atomic():
            locked = _locked(record)
            if locked.status == QualificationStatus.REJECTED:
                raise DomainError([FieldProblem("status", "差戻しされた資格は更新できません。登録し直してください")])
            before = _facts(locked)
            locked.renewed_on, locked.expires_on = renewed_on, new_expiry
            locked.status = QualificationStatus.PENDING
            locked.reviewed_by, locked.reviewed_at, locked.review_note = None, None, ""
            for name, value in _evidence_fields(stored).items():
                setattr(locked, name, value)
            locked.save()
            audit_record(
                actor=acting_user, action=events.QUALIFICATION_RENEW, target=locked, before=before, after=_facts(locked)
            )
    except Exception:
        discard(stored)
        raise
    return locked


def qualification_master_add(
    *,
    acting_user: Any,
    organization: Organization,
    code: str,
    name: str,
    category: str,
    issuer: str = "",
    renewal_years: int | None = None,
    renewal_note: str = "",
    ipa_level: int | None = None,
) -> Qualification:
    """団体独自の資格・免許を資格マスタに追加 (national rows such as the IPA exams are seeded)."""
    require_hr(acting_user)
    code, name = code.strip(), name.strip()
    problems: list[FieldProblem] = []
    if not code:
        problems.append(FieldProblem("code", "資格コードを入力してください"))
    if not name:
        problems.append(FieldProblem("name", "資格名を入力してください"))
    if category not in QualificationCategory.values:
        problems.append(FieldProblem("category", "区分を選んでください"))
    if ipa_level is not None and not 1 <= ipa_level <= 4:
        problems.append(FieldProblem("ipa_level", "IPAレベルは1〜4で入力してください"))
    if renewal_years is not None and not 1 <= renewal_years <= 20:
        problems.append(FieldProblem("renewal_years", "更新周期は1〜20年で入力してください"))
    if code and Qualification.objects.for_organization(organization).filter(code=code).exists():
        problems.append(FieldProblem("code", f"資格コード「{code}」は既に使われています"))
    raise_if(problems)
    with transaction.atomic():
        row: Qualification = Qualification.unscoped.create(
            organization=organization,
            code=code,
            name=name,
            category=category,
            issuer=issuer.strip(),
            renewal_years=renewal_years,
            renewal_note=renewal_note.strip(),
            ipa_level=ipa_level,
            sort_order=10_000,
        )
        audit_record(
            actor=acting_user,
            action=events.QUALIFICATION_MASTER_ADD,
            target=row,
            organization_id=organization.pk,
            after={"code": code, "name": name, "category": category, "renewal_years": renewal_years},
        )
    return row
