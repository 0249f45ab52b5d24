"""お知らせ before a qualification expires (to the holder, with an email) and before a term ends (to HR).

Idempotent: each notice has a dedupe key (record, expiry date, reminder step), so running the
command several times a day, or every day, creates each notice and sends each email once. A
qualification renewed to a new expiry date gets new reminders for the new date.

HR notices (任期付・再任用・会計年度任用の任期満了) also go by email: one message per 人事担当 with an
address, listing the notices about employees that user's scope reaches (the same check as every
人事担当 page, ``hr_scope_q``).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.mail import EmailMessage, get_connection
from django.db import transaction

from jinji.accounts.models import Role
from jinji.accounts.selectors import users_with_role
from jinji.audit.services import audit_record
from jinji.talent import events
from jinji.talent.models import (
    EmployeeQualification,
    NoticeAudience,
    NoticeKind,
    QualificationStatus,
    TalentNotice,
    TermAppointment,
    TermStatus,
)
from jinji.talent.permissions import hr_scope_q

QUALIFICATION_STEPS = (90, 30)
"""Days before expiry at which the holder is reminded (the smallest step reached is used)."""
TERM_ALERT_DAYS = 60


@dataclass(frozen=True, slots=True)
class ReminderResult:
    qualifications: int
    terms: int
    notices: int
    emails: int


def _step(days_left: int, steps: Sequence[int]) -> str | None:
    if days_left < 0:
        return "expired"
    reached = [s for s in sorted(steps) if days_left <= s]
    return str(reached[0]) if reached else None


def _qualification_notices(organization_id: int, on: datetime.date, steps: Sequence[int]) -> list[TalentNotice]:
    horizon = on + datetime.timedelta(days=max(steps))
    rows = (
        EmployeeQualification.objects.for_organization(organization_id)
        .filter(status__in=(QualificationStatus.VERIFIED, QualificationStatus.PENDING))
        .filter(expires_on__isnull=False, expires_on__lte=horizon, expires_on__gte=on - datetime.timedelta(days=30))
        .select_related("qualification")
        .order_by("expires_on", "id")
    )
    notices: list[TalentNotice] = []
    for row in rows:
        assert row.expires_on is not None
        step = _step((row.expires_on - on).days, steps)
        if step is None:
            continue
        when = f"{row.expires_on:%Y年%m月%d日}"
        text = f"資格「{row.qualification.name}」の有効期限({when})が" + (
            "過ぎています。更新した場合は更新の登録をしてください"
            if step == "expired"
            else f"近づいています(あと{(row.expires_on - on).days}日)。更新の手続をしてください"
        )
        notices.append(
            TalentNotice(
                organization_id=organization_id,
                audience=NoticeAudience.EMPLOYEE,
                employee_id=row.employee_id,
                kind=NoticeKind.QUALIFICATION_EXPIRY,
                message=text[:300],
                due_on=row.expires_on,
                dedupe_key=f"qualification:{row.pk}:{row.expires_on.isoformat()}:{step}",
            )
        )
    return notices


def _term_notices(organization_id: int, on: datetime.date, days: int) -> list[TalentNotice]:
    rows = (
        TermAppointment.objects.for_organization(organization_id)
        .filter(status=TermStatus.ACTIVE, term_end__gte=on, term_end__lte=on + datetime.timedelta(days=days))
        .select_related("employee")
        .order_by("term_end", "id")
    )
    return [
        TalentNotice(
            organization_id=organization_id,
            audience=NoticeAudience.HR,
            employee_id=t.employee_id,
            kind=NoticeKind.TERM_END,
            message=(
                f"{t.employee.staff_number} {t.employee.full_name}({t.get_kind_display()})の任期が"
                f"{t.term_end:%Y年%m月%d日}に満了します。再度の任用または任期満了の手続をしてください"
            )[:300],
            due_on=t.term_end,
            dedupe_key=f"term:{t.pk}:{t.term_end.isoformat()}",
        )
        for t in rows
    ]


def _fresh(organization_id: int, candidates: list[TalentNotice]) -> list[TalentNotice]:
    keys = [n.dedupe_key for n in candidates]
    done = set(
        TalentNotice.objects.for_organization(organization_id)
        .filter(dedupe_key__in=keys)
        .values_list("dedupe_key", flat=True)
    )
    return [n for n in candidates if n.dedupe_key not in done]


def _emails(organization_id: int, notices: list[TalentNotice]) -> list[EmailMessage]:
    from jinji.personnel.models import Employee

    ids = sorted({n.employee_id for n in notices if n.audience == NoticeAudience.EMPLOYEE})
    addresses: dict[int, str] = {}
    for pk, own, login in (
        Employee.objects.for_organization(organization_id).filter(pk__in=ids).values_list("pk", "email", "user__email")
    ):
        address = login or own
        if address:
            addresses[pk] = address
    messages = []
    for n in notices:
        if n.audience == NoticeAudience.EMPLOYEE and n.employee_id in addresses:
            body = f"{n.message}\n\nJinji の「わたしの人材情報」から更新を登録できます。"
            messages.append(
                EmailMessage(subject="【Jinji】資格の有効期限のお知らせ", body=body, to=[addresses[n.employee_id]])
            )
            n.emailed = True
    return messages


def _hr_emails(organization_id: int, on: datetime.date, notices: list[TalentNotice]) -> list[EmailMessage]:
    """One digest per 人事担当 with an email address, of the fresh HR notices about staff in their scope.

    Queries: the HR users, then one per HR user (their grants and the scope check), never per notice.
    """
    from jinji.personnel.models import Employee

    hr_notices = [n for n in notices if n.audience == NoticeAudience.HR]
    if not hr_notices:
        return []
    ids = sorted({n.employee_id for n in hr_notices})
    messages = []
    for user in users_with_role(organization_id=organization_id, role=Role.HR, on=on).exclude(email=""):
        reach = set(
            Employee.objects.for_organization(organization_id)
            .filter(hr_scope_q(user, on=on), pk__in=ids)
            .values_list("pk", flat=True)
        )
        mine = [n for n in hr_notices if n.employee_id in reach]
        if not mine:
            continue
        lines = "\n".join(f"・{n.message}" for n in mine)
        body = (
            f"任期の満了が近い職員がいます({len(mine)}件)。\n\n{lines}\n\n"
            "Jinji の人事担当メニュー「任期」から手続をしてください。"
        )
        messages.append(EmailMessage(subject="【Jinji】任期満了のお知らせ", body=body, to=[user.email]))
        for n in mine:
            n.emailed = True
    return messages


def reminders_send(
    *,
    organization_id: int,
    on: datetime.date,
    qualification_steps: Sequence[int] = QUALIFICATION_STEPS,
    term_days: int = TERM_ALERT_DAYS,
) -> ReminderResult:
    """Create the due お知らせ and send the holders' emails. Safe to run any number of times."""
    qualification = _qualification_notices(organization_id, on, qualification_steps)
    terms = _term_notices(organization_id, on, term_days)
    fresh = _fresh(organization_id, qualification + terms)
    messages = _emails(organization_id, fresh) + _hr_emails(organization_id, on, fresh)
    with transaction.atomic():
        TalentNotice.objects.bulk_create(fresh, ignore_conflicts=True)
        if fresh:
            audit_record(
                actor=None,
                action=events.REMINDERS_SEND,
                target_type="talent.talentnotice",
                organization_id=organization_id,
                after={"on": on, "notices": len(fresh), "emails": len(messages)},
            )
    sent = get_connection().send_messages(messages) if messages else 0
    return ReminderResult(qualifications=len(qualification), terms=len(terms), notices=len(fresh), emails=sent or 0)
