"""辞令 PDF: wording, 令和 date, appointing authority; renders to PDF pages with local fonts only."""

from __future__ import annotations

import datetime

import pytest

from jinji.audit.models import AuditEvent, AuditKind
from jinji.core.errors import NotPermitted
from jinji.personnel.models import ActionType, PersonnelAction
from jinji.personnel.notices import (
    action_batch_notices_pdf,
    employee_notice_pdf,
    notice_html,
    notice_pages,
    wareki,
)
from jinji.personnel.services import ActionInput, action_batch_add_actions, action_batch_create
from tests.factories import UserFactory
from tests.personnel.world import APRIL, World

pytestmark = pytest.mark.django_db


def _batch(world: World) -> tuple[object, list[PersonnelAction]]:
    a, b = world.hire("佐藤", "花子"), world.hire("鈴木", "一郎")
    batch = action_batch_create(acting_user=world.hr, organization=world.org, name="定期異動", effective_on=APRIL)
    rows = [
        ActionInput(action_type=ActionType.TRANSFER, employee_id=a.pk, org_unit_id=world.jinjika.pk, row=1),
        ActionInput(
            action_type=ActionType.GRADE_PROMOTION, employee_id=a.pk, grade=3, step=5, row=2, effective_on=APRIL
        ),
        ActionInput(action_type=ActionType.CONCURRENT_POST, employee_id=b.pk, org_unit_id=world.fukushika.pk, row=3),
    ]
    return batch, action_batch_add_actions(acting_user=world.hr, batch=batch, rows=rows)


def test_wareki() -> None:
    assert wareki(datetime.date(2026, 4, 1)) == "令和8年4月1日"
    assert wareki(datetime.date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki(datetime.date(2019, 4, 30)) == "平成31年4月30日"


def test_pages_group_by_person_with_expected_wording(world: World) -> None:
    _, actions = _batch(world)
    pages = notice_pages(
        list(PersonnelAction.objects.filter(pk__in=[a.pk for a in actions]).select_related("employee"))
    )
    assert len(pages) == 2
    first = pages[0]
    assert first.name == "佐藤 花子"
    assert first.current_post == "総務課 主事"
    assert first.lines == ("人事課勤務を命ずる", "3級5号給を給する")
    assert first.date_text == "令和8年4月1日"
    assert first.signatory == "テスト市長 市川 一郎"
    assert pages[1].lines == ("福祉課兼務を命ずる",)


def test_batch_pdf_renders_one_page_per_person(world: World) -> None:
    batch, actions = _batch(world)
    pdf = action_batch_notices_pdf(acting_user=world.hr, batch=batch)  # type: ignore[arg-type]
    assert pdf.startswith(b"%PDF")
    from weasyprint import HTML

    document = HTML(string=notice_html(actions)).render()
    assert len(document.pages) == 2
    assert "辞令" in notice_html(actions)
    assert "人事課勤務を命ずる" in notice_html(actions)
    assert AuditEvent.objects.filter(action="personnel.notice.print", kind=AuditKind.READ).exists()


def test_pdf_text_is_in_the_rendered_boxes(world: World) -> None:
    _, actions = _batch(world)
    from weasyprint import HTML

    page = HTML(string=notice_html(actions)).render().pages[0]
    texts: list[str] = []

    def walk(box: object) -> None:
        text = getattr(box, "text", None)
        if isinstance(text, str):
            texts.append(text)
        for child in getattr(box, "children", []) or []:
            walk(child)

    walk(page._page_box)
    joined = "".join(texts)
    assert "人事課勤務を命ずる" in joined
    assert "令和8年4月1日" in joined


def test_employee_pdf_and_scope(world: World) -> None:
    _, actions = _batch(world)
    employee = actions[0].employee
    assert employee_notice_pdf(acting_user=world.hr, employee=employee, effective_on=APRIL).startswith(b"%PDF")
    staff = UserFactory(organization=world.org, employee=employee)
    with pytest.raises(NotPermitted):
        employee_notice_pdf(acting_user=staff, employee=employee, effective_on=APRIL)


def test_pdf_embeds_the_system_noto_cjk_font(world: World) -> None:
    import re
    import shutil
    import subprocess
    import zlib

    fc_list = shutil.which("fc-list")
    listing = subprocess.run([fc_list], capture_output=True, text=True, check=False).stdout if fc_list else ""
    if "NotoSerifCJK" not in listing:
        pytest.skip("Noto CJK フォントがないため省略 (apt-get install fonts-noto-cjk)")
    batch, _ = _batch(world)
    pdf = action_batch_notices_pdf(acting_user=world.hr, batch=batch)  # type: ignore[arg-type]
    fonts: set[bytes] = set()
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            body = zlib.decompress(match.group(1))
        except zlib.error:
            body = match.group(1)
        fonts.update(re.findall(rb"/FontName\s*/[A-Z]{6}\+(\w+)", body))
    fonts.update(re.findall(rb"/FontName\s*/[A-Z]{6}\+(\w+)", pdf))
    assert b"JinjiMincho" in fonts
