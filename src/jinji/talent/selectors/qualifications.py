"""資格の参照: the master, an employee's records, HR's queue of records to verify, expiries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from jinji.accounts.scope import AnyUser
from jinji.personnel.models import Employee
from jinji.talent.models import EmployeeQualification, Qualification, QualificationStatus
from jinji.talent.permissions import hr_scope_q


def qualification_master(*, organization: int, active_only: bool = True) -> QuerySet[Qualification]:
    """National rows (IPA exams …) and the organization's own, in display order."""
    qs = Qualification.objects.for_organization(organization)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("sort_order", "code")


@dataclass(frozen=True, slots=True)
class QualificationView:
    id: int
    employee_id: int
    staff_number: str
    employee_name: str
    qualification_id: int
    name: str
    category_label: str
    ipa_level: int | None
    acquired_on: datetime.date
    expires_on: datetime.date | None
    renewed_on: datetime.date | None
    certificate_number: str
    status: str
    status_label: str
    evidence_name: str
    evidence_size: int
    review_note: str
    renewable: bool
    expired: bool
    submitted_at: datetime.datetime

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_name)

    @property
    def is_pending(self) -> bool:
        return self.status == QualificationStatus.PENDING


def _view(r: EmployeeQualification, on: datetime.date) -> QualificationView:
    q = r.qualification
    return QualificationView(
        id=r.pk,
        employee_id=r.employee_id,
        staff_number=r.employee.staff_number,
        employee_name=r.employee.working_name,
        qualification_id=q.pk,
        name=q.name,
        category_label=q.get_category_display(),
        ipa_level=q.ipa_level,
        acquired_on=r.acquired_on,
        expires_on=r.expires_on,
        renewed_on=r.renewed_on,
        certificate_number=r.certificate_number,
        status=r.status,
        status_label=r.get_status_display(),
        evidence_name=r.evidence_name if r.evidence_file else "",
        evidence_size=r.evidence_size,
        review_note=r.review_note,
        renewable=bool(q.renewal_years) and r.status != QualificationStatus.REJECTED,
        expired=r.expires_on is not None and r.expires_on < on,
        submitted_at=r.submitted_at,
    )


def _rows(organization: int) -> QuerySet[EmployeeQualification]:
    return EmployeeQualification.objects.for_organization(organization).select_related("qualification", "employee")


def employee_qualifications(*, organization: int, employee_id: int, on: datetime.date) -> list[QualificationView]:
    """An employee's qualifications (rejected ones too, so they can see why), by IPA level and name. One query."""
    qs = _rows(organization).filter(employee_id=employee_id).order_by("qualification__sort_order", "-acquired_on")
    return [_view(r, on) for r in qs]


def pending_qualifications(
    *, organization: int, user: AnyUser, on: datetime.date, limit: int = 200
) -> list[QualificationView]:
    """確認待ち records of employees in the 人事担当's scope, oldest first. Bounded (``limit``)."""
    qs = (
        _rows(organization)
        .filter(status=QualificationStatus.PENDING)
        .filter(employee__in=_scope_subquery(organization, user, on))
        .order_by("submitted_at", "id")[:limit]
    )
    return [_view(r, on) for r in qs]


def expiring_qualifications(
    *, organization: int, user: AnyUser, on: datetime.date, within_days: int = 90, limit: int = 200
) -> list[QualificationView]:
    """Verified records expiring within ``within_days`` (or expired in the last 30 days). Bounded."""
    qs = (
        _rows(organization)
        .filter(status=QualificationStatus.VERIFIED, expires_on__isnull=False)
        .filter(
            expires_on__gte=on - datetime.timedelta(days=30), expires_on__lte=on + datetime.timedelta(days=within_days)
        )
        .filter(employee__in=_scope_subquery(organization, user, on))
        .order_by("expires_on", "id")[:limit]
    )
    return [_view(r, on) for r in qs]


def _scope_subquery(organization: int, user: AnyUser, on: datetime.date) -> QuerySet[Employee, dict[str, Any]]:
    return Employee.objects.for_organization(organization).filter(hr_scope_q(user, on=on)).values("pk")


def qualification_record_get(*, organization: int, record_id: int) -> EmployeeQualification | None:
    return _rows(organization).filter(pk=record_id).first()


def holds_q(on: datetime.date, prefix: str = "") -> Q:
    """Q on EmployeeQualification (or ``prefix`` + fields): verified and valid on ``on``."""
    return Q(**{f"{prefix}status": QualificationStatus.VERIFIED, f"{prefix}acquired_on__lte": on}) & (
        Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": on})
    )
