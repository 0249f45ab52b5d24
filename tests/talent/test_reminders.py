"""Reminders before a qualification expires (holder: お知らせ + email) and before a term ends (HR). Idempotent."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command

from jinji.accounts.models import Role
from jinji.accounts.selectors import users_with_role
from jinji.talent.models import TalentNotice, TermAppointment
from jinji.talent.services import reminders_send
from tests.factories import EmployeeQualificationFactory, RoleGrantFactory, national
from tests.talent.world import Town


def _sc(town: Town, expires_on: datetime.date, status: str = "verified") -> object:
    return EmployeeQualificationFactory(
        employee=town.emp("alice"),
        qualification=national("Qualification", "ipa_sc"),
        acquired_on=expires_on - datetime.timedelta(days=3 * 365),
        expires_on=expires_on,
        status=status,
    )


def test_ninety_days_before_one_notice_and_one_email_and_rerunning_adds_nothing(town: Town) -> None:
    on = datetime.date(2026, 4, 1)
    _sc(town, on + datetime.timedelta(days=80))
    first = reminders_send(organization_id=town.org.pk, on=on)
    assert (first.notices, first.emails) == (1, 1)
    [email] = mail.outbox
    assert email.to == ["alice@example.jp"]
    assert "情報処理安全確保支援士" in email.body
    assert "あと80日" in email.body
    again = reminders_send(organization_id=town.org.pk, on=on)
    later_same_step = reminders_send(organization_id=town.org.pk, on=on + datetime.timedelta(days=5))
    assert (again.notices, again.emails, later_same_step.notices) == (0, 0, 0)
    assert len(mail.outbox) == 1
    assert TalentNotice.objects.count() == 1


def test_the_thirty_day_step_and_the_expiry_each_remind_once_more(town: Town) -> None:
    expires = datetime.date(2026, 9, 30)
    _sc(town, expires)
    days = [expires - datetime.timedelta(days=d) for d in (100, 90, 60, 30, 29, 1)] + [
        expires + datetime.timedelta(days=1)
    ]
    created = [reminders_send(organization_id=town.org.pk, on=d).notices for d in days]
    assert created == [0, 1, 0, 1, 0, 0, 1]
    keys = sorted(TalentNotice.objects.values_list("dedupe_key", flat=True))
    assert [k.rsplit(":", 1)[1] for k in keys] == ["30", "90", "expired"]


def test_without_renewal_nothing_is_due_and_rejected_records_are_skipped(town: Town) -> None:
    EmployeeQualificationFactory(employee=town.emp("alice"))  # 基本情報: no expiry
    _sc(town, datetime.date(2026, 6, 1), status="rejected")
    assert reminders_send(organization_id=town.org.pk, on=datetime.date(2026, 5, 1)).notices == 0


def test_renewal_to_a_new_date_reminds_again_for_that_date(town: Town) -> None:
    record = _sc(town, datetime.date(2026, 6, 1))
    reminders_send(organization_id=town.org.pk, on=datetime.date(2026, 5, 20))
    record.expires_on = datetime.date(2026, 6, 20)  # type: ignore[attr-defined]
    record.save()  # type: ignore[attr-defined]
    assert reminders_send(organization_id=town.org.pk, on=datetime.date(2026, 5, 25)).notices == 1


def test_terms_ending_within_sixty_days_alert_hr_once(town: Town) -> None:
    TermAppointment.objects.create(
        organization=town.org,
        employee=town.emp("carol"),
        kind="fiscal_year",
        term_start=datetime.date(2026, 4, 1),
        term_end=datetime.date(2027, 3, 31),
    )
    assert reminders_send(organization_id=town.org.pk, on=datetime.date(2027, 1, 15)).terms == 0
    result = reminders_send(organization_id=town.org.pk, on=datetime.date(2027, 2, 1))
    assert (result.terms, result.notices, result.emails) == (1, 1, 2)
    notice = TalentNotice.objects.get()
    assert notice.audience == "hr"
    assert notice.emailed
    assert "会計年度任用職員" in notice.message
    assert "2027年03月31日に満了" in notice.message
    assert reminders_send(organization_id=town.org.pk, on=datetime.date(2027, 2, 2)).notices == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["hr2@example.jp", "hr@example.jp"]


def test_the_command_reports_and_is_idempotent(town: Town) -> None:
    _sc(town, datetime.date(2026, 6, 1))
    out = StringIO()
    call_command("talent_remind", "--on", "2026-05-15", "--organization", town.org.code, stdout=out)
    call_command("talent_remind", "--on", "2026-05-15", "--organization", town.org.code, stdout=out)
    lines = out.getvalue().splitlines()
    assert "新しいお知らせ 1 件、メール 1 通" in lines[0]
    assert "新しいお知らせ 0 件、メール 0 通" in lines[1]


def _term(town: Town, who: str, kind: str = "fixed_term") -> TermAppointment:
    return TermAppointment.objects.create(
        organization=town.org,
        employee=town.emp(who),
        kind=kind,
        term_start=datetime.date(2024, 4, 1),
        term_end=datetime.date(2027, 3, 31),
    )


def test_hr_users_are_found_by_role_and_date_and_only_active_ones(town: Town) -> None:
    on = datetime.date(2027, 2, 1)
    RoleGrantFactory(user=town.person("hr_old", town.jinjika), role=Role.HR, valid_to=datetime.date(2026, 3, 31))
    RoleGrantFactory(user=town.person("hr_next", town.jinjika), role=Role.HR, valid_from=datetime.date(2027, 4, 1))
    gone = town.person("hr_gone", town.jinjika)
    RoleGrantFactory(user=gone, role=Role.HR)
    gone.is_active = False
    gone.save()
    names = [u.username for u in users_with_role(organization_id=town.org.pk, role=Role.HR, on=on)]
    assert names == ["hr", "hr2"]
    heads = users_with_role(organization_id=town.org.pk, role=Role.UNIT_HEAD, on=on)
    assert [u.username for u in heads] == ["head", "welfare_head"]


def test_each_hr_user_gets_one_email_listing_every_term_ending(town: Town) -> None:
    _term(town, "alice")
    _term(town, "carol", kind="fiscal_year")
    no_address = town.person("hr_noaddr", town.jinjika)
    RoleGrantFactory(user=no_address, role=Role.HR)
    no_address.email = ""
    no_address.save()
    RoleGrantFactory(user=town.person("hr_old", town.jinjika), role=Role.HR, valid_to=datetime.date(2026, 3, 31))
    result = reminders_send(organization_id=town.org.pk, on=datetime.date(2027, 2, 1))
    assert (result.terms, result.notices, result.emails) == (2, 2, 2)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["hr2@example.jp", "hr@example.jp"]
    email = by_address["hr@example.jp"]
    assert email.subject == "【Jinji】任期満了のお知らせ"
    assert "(2件)" in email.body
    assert f"{town.emp('alice').full_name}(任期付職員)の任期が2027年03月31日に満了" in email.body
    assert f"{town.emp('carol').full_name}(会計年度任用職員)" in email.body
    assert reminders_send(organization_id=town.org.pk, on=datetime.date(2027, 2, 3)).emails == 0
    assert len(mail.outbox) == 2


def test_with_no_hr_user_in_scope_the_notice_stays_unmailed(town: Town) -> None:
    _term(town, "alice")
    for name in ("hr", "hr2"):
        user = town.user(name)
        user.email = ""
        user.save()
    result = reminders_send(organization_id=town.org.pk, on=datetime.date(2027, 2, 1))
    assert (result.notices, result.emails) == (1, 0)
    assert not TalentNotice.objects.get().emailed
    assert mail.outbox == []
