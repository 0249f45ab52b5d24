"""所属の出勤簿PDF: one PDF with every staff member's month (text extractable, names present),
rendered in the request for a small unit or by the background task with progress; scope refusals."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from jinji.attendance.models import ClockEvent, ClockKind, LocationKind, PdfJobStatus, UnitSheetPdfJob
from jinji.attendance.printing import unit_pdf_request
from jinji.core.errors import NotPermitted
from jinji.personnel.models import Employee
from tests.attendance.conftest import World, jst

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    c = Client()
    c.force_login(user)  # type: ignore[arg-type]
    return c


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _people(w: World) -> list[Employee]:
    return [u.employee for u in (w.staff, w.staff2) if u.employee is not None]


def _start(c: Client, w: World) -> Any:
    return c.post("/attendance/units/pdf/", {"unit": w.kakari.pk, "year": 2026, "month": 6})


def test_small_unit_pdf_has_every_staff_members_month(world: World) -> None:
    staff = world.staff.employee
    assert staff is not None
    for kind, at in ((ClockKind.CLOCK_IN, jst(2026, 6, 1, 8, 30)), (ClockKind.CLOCK_OUT, jst(2026, 6, 1, 17, 15))):
        ClockEvent.objects.create(employee=staff, kind=kind, occurred_at=at, received_at=at,
                                  business_date=datetime.date(2026, 6, 1), location_kind=LocationKind.HOME,
                                  idempotency_key=str(at), entered_by=world.staff)  # fmt: skip
    c = _client(world.clerk)
    response = _start(c, world)
    job = UnitSheetPdfJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/attendance/units/pdf/{job.pk}/"
    assert job.status == PdfJobStatus.DONE
    assert (job.progress_done, job.progress_total) == (2, 2)
    page = c.get(response["Location"]).content.decode()
    assert "PDFをダウンロード" in page
    download = c.get(f"/attendance/units/pdf/{job.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(download.content))
    assert len(reader.pages) == 2  # one A4 page per staff member
    text = _text(download.content)
    assert "出勤簿 2026年6月" in text
    for e in _people(world):
        assert e.staff_number in text
        assert e.family_name in text
    assert "08:30" in text  # the punch of 6/1
    assert "週休日" in text


def test_large_unit_goes_through_the_task_with_progress(
    world: World, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr("jinji.attendance.views.unit_pdf.SYNC_LIMIT", 1)
    monkeypatch.setattr("jinji.attendance.printing.CHUNK", 1)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _start(_client(world.head), world)
    assert len(callbacks) == 1  # enqueued after the commit (the test backend runs it at once)
    job = UnitSheetPdfJob.objects.get()
    assert job.status == PdfJobStatus.DONE
    assert job.progress_done == 2
    body = _client(world.head).get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "hx-get" not in body  # finished: the fragment stops polling
    assert all(e.family_name in _text(bytes(job.pdf or b"")) for e in _people(world))


def test_pdf_scope(world: World) -> None:
    with pytest.raises(NotPermitted):
        unit_pdf_request(acting_user=world.clerk, org_unit_id=world.other.pk, year=2026, month=6)
    assert _client(world.staff).post("/attendance/units/pdf/", {"unit": world.kakari.pk}).status_code == 403
    refused = _client(world.clerk).post("/attendance/units/pdf/", {"unit": world.other.pk, "year": 2026, "month": 6},
                                        follow=True)  # fmt: skip
    assert "担当する所属の出勤簿のみPDFにできます" in refused.content.decode()
    assert not UnitSheetPdfJob.objects.exists()
    job = unit_pdf_request(acting_user=world.clerk, org_unit_id=world.kakari.pk, year=2026, month=6)
    assert _client(world.outsider).get(f"/attendance/units/pdf/{job.pk}/").status_code == 403  # no role
    assert _client(world.head).get(f"/attendance/units/pdf/{job.pk}/download/").status_code == 404  # not rendered
