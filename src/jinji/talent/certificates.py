"""修了証 (certificate of completion) as PDF with WeasyPrint and the system's CJK fonts (``local()`` only;
nothing is fetched: the URL fetcher refuses every URL but local font files)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.notices import render_pdf, wareki
from jinji.talent import events
from jinji.talent.models import Enrolment, EnrolmentStatus
from jinji.talent.permissions import hr_can, is_own, refuse


def certificate_html(enrolment: Enrolment, *, issuer: str) -> str:
    assert enrolment.completed_on is not None
    context = {
        "number": enrolment.certificate_number,
        "name": enrolment.employee.working_name,
        "staff_number": enrolment.employee.staff_number,
        "course": enrolment.course.name,
        "session": enrolment.session.name,
        "period": f"{wareki(enrolment.session.starts_on)}〜{wareki(enrolment.session.ends_on)}",
        "hours": enrolment.course.hours,
        "completed": wareki(enrolment.completed_on),
        "issuer": issuer,
    }
    return render_to_string("talent/certificate.html", context)


def certificate_pdf(*, acting_user: Any, enrolment: Enrolment) -> bytes:
    """The 修了証 of a completed enrolment, for the employee or 人事担当 in scope. Printing is audited."""
    if not (is_own(acting_user, enrolment.employee_id) or hr_can(acting_user, enrolment.employee)):
        raise refuse("修了証は本人または人事担当だけが出力できます")
    if enrolment.status != EnrolmentStatus.COMPLETED or enrolment.completed_on is None:
        raise DomainError([FieldProblem("status", "修了した研修の修了証だけを出力できます")])
    issuer = getattr(acting_user, "organization", None)
    pdf = render_pdf(certificate_html(enrolment, issuer=f"{issuer.name}長" if issuer is not None else ""))
    audit_record(
        actor=acting_user,
        action=events.CERTIFICATE_PRINT,
        target=enrolment,
        kind=AuditKind.READ,
        after={"certificate_number": enrolment.certificate_number},
    )
    return pdf
