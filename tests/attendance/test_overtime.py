"""超過勤務: orders through the workflow, cap warnings as notifications, 特例業務, designated units, 実績確認."""

from __future__ import annotations

import datetime

import pytest

from jinji.attendance.models import OvertimeOrder, OvertimeUnit
from jinji.attendance.overtime_orders import parse_overtime
from jinji.attendance.services.definitions import attendance_definitions_seed
from jinji.attendance.services.overtime import overtime_confirm
from jinji.core.errors import DomainError, NotPermitted
from jinji.workflow.models import InstanceStatus, Notification
from jinji.workflow.services import instance_approve, instance_create
from tests.attendance.conftest import World, jst

pytestmark = pytest.mark.django_db


def _past(w: World, hours: int, day: datetime.date = datetime.date(2026, 6, 1)) -> None:
    assert w.staff.employee_id is not None
    OvertimeOrder.objects.create(employee_id=w.staff.employee_id, day=day, starts_at=jst(2026, 6, 1, 17, 15),
                                 ends_at=jst(2026, 6, 1, 23, 0), ordered_minutes=hours * 60)  # fmt: skip


def _order(w: World, start: str, end: str, exceptional: str = ""):  # type: ignore[no-untyped-def]
    payload = {
        "date": "2026-06-20",
        "start": start,
        "end": end,
        "reason": "予算編成",
        "exceptional_reason": exceptional,
    }
    return instance_create(acting_user=w.staff, application_type="overtime_order", subject="時間外勤務",
                           payload=payload, attributes={"minutes": 0})  # fmt: skip


def test_order_near_the_monthly_cap_warns_staff_head_and_hr(world: World) -> None:
    attendance_definitions_seed(acting_user=world.hr)
    _past(world, 35)
    instance = _order(world, "17:15", "19:15")  # 37h of 45h → warning at 80 % (36h)
    assert instance_approve(instance=instance, acting_user=world.head).status == InstanceStatus.APPROVED
    order = OvertimeOrder.objects.get(application_id=instance.pk)
    assert order.ordered_minutes == 120
    recipients = set(
        Notification.objects.filter(message__contains="上限に近づいています").values_list("recipient_id", flat=True)
    )
    assert recipients == {world.staff.pk, world.head.pk, world.hr.pk}


def test_order_beyond_45_hours_needs_a_special_duty_reason(world: World) -> None:
    attendance_definitions_seed(acting_user=world.hr)
    _past(world, 44)
    with pytest.raises(DomainError, match="特例業務"):
        _order(world, "17:15", "19:15")
    instance = _order(world, "17:15", "19:15", exceptional="大規模災害への対応")
    assert instance_approve(instance=instance, acting_user=world.head).status == InstanceStatus.APPROVED
    assert OvertimeOrder.objects.get(application_id=instance.pk).exceptional_reason == "大規模災害への対応"


def test_designated_unit_has_the_higher_cap(world: World) -> None:
    attendance_definitions_seed(acting_user=world.hr)
    OvertimeUnit.objects.create(org_unit=world.kakari, designated=True)
    _past(world, 60)
    instance = _order(world, "17:15", "19:15")
    assert instance_approve(instance=instance, acting_user=world.head).status == InstanceStatus.APPROVED


def test_night_order_crosses_midnight() -> None:
    ask = parse_overtime({"date": "2026-06-20", "start": "22:00", "end": "01:30", "reason": "災害対応"})
    assert ask.minutes == 210
    assert ask.ends_at == jst(2026, 6, 21, 1, 30)


def test_head_confirms_actual_against_ordered(world: World) -> None:
    _past(world, 2)
    order = OvertimeOrder.objects.get()
    confirmed = overtime_confirm(acting_user=world.head, order_id=order.pk, actual_minutes=90)
    assert confirmed.confirmed_minutes == 90
    assert confirmed.counted_minutes == 90
    with pytest.raises(NotPermitted):
        overtime_confirm(acting_user=world.clerk, order_id=order.pk, actual_minutes=60)


def test_confirming_more_than_ordered_rechecks_the_caps(world: World) -> None:
    _past(world, 40)
    _past(world, 2, day=datetime.date(2026, 6, 2))
    small = OvertimeOrder.objects.get(day=datetime.date(2026, 6, 2))
    with pytest.raises(DomainError, match="特例業務"):
        overtime_confirm(acting_user=world.head, order_id=small.pk, actual_minutes=6 * 60)


def test_heat_classes() -> None:
    from jinji.attendance.selectors.overtime import heat_class

    cap = 45 * 60
    assert [heat_class(m, cap) for m in (0, 60, 23 * 60, 36 * 60, 46 * 60)] == [
        "heat-0", "heat-1", "heat-2", "heat-3", "heat-4",
    ]  # fmt: skip


@pytest.mark.parametrize("extra", [1, 10])
def test_dashboard_queries_do_not_grow_and_show_near_cap(
    world: World, extra: int, django_assert_max_num_queries: object
) -> None:
    from django.test import Client

    from tests.accounts.builders import make_employee

    for _ in range(extra):
        e = make_employee(world.org, world.kakari)
        OvertimeOrder.objects.create(employee_id=e.pk, day=datetime.date(2026, 6, 3), starts_at=jst(2026, 6, 3, 17, 15),
                                     ends_at=jst(2026, 6, 3, 19, 15), ordered_minutes=120)  # fmt: skip
    _past(world, 40)
    c = Client()
    c.force_login(world.head)
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        body = c.get("/attendance/overtime/dashboard/").content.decode()
    assert body.count('class="heat-1"') >= extra
    assert body.count("上限に注意") == 1
    assert 'class="heat-3"' in body
    assert world.outsider.employee is not None
    assert world.outsider.employee.staff_number not in body
