"""辞令の一括作成 as a background job: requested on the batch page, progress polled, PDF downloaded, audited."""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from jinji.audit.models import AuditEvent, AuditKind
from jinji.core.errors import DomainError, NotPermitted
from jinji.personnel import notice_jobs
from jinji.personnel.models import (
    ActionBatch,
    ActionStatus,
    ActionType,
    NoticeJobStatus,
    NoticePrintJob,
    PersonnelAction,
)
from jinji.personnel.services import (
    ActionInput,
    action_batch_add_actions,
    action_batch_apply,
    action_batch_create,
)
from tests.factories import UserFactory
from tests.personnel.world import APRIL, World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path / "var"


def _batch(world: World, *, apply: bool = True) -> ActionBatch:
    a, b, c = world.hire("佐藤", "花子"), world.hire("鈴木", "一郎"), world.hire("高橋", "三郎")
    batch = action_batch_create(acting_user=world.hr, organization=world.org, name="定期異動", effective_on=APRIL)
    rows = [
        ActionInput(action_type=ActionType.TRANSFER, employee_id=e.pk, org_unit_id=world.jinjika.pk, row=n)
        for n, e in enumerate((a, b, c), start=1)
    ]
    action_batch_add_actions(acting_user=world.hr, batch=batch, rows=rows)
    return action_batch_apply(acting_user=world.hr, batch=batch) if apply else batch


def _page_count(pdf: bytes) -> int:
    """Page objects in the PDF, looking inside compressed object streams too."""
    bodies = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            bodies.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", body)) for body in bodies)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_hr_requests_the_pdf_sees_it_done_and_downloads_it(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notice_jobs, "CHUNK", 2)  # three pages in two laid-out parts
    batch = _batch(world)
    client = _client(world.hr)
    page = client.get(f"/personnel/batches/{batch.pk}/").content.decode()
    assert f'hx-get="/personnel/batches/{batch.pk}/notices/"' in page
    response = client.post(f"/personnel/batches/{batch.pk}/notices/new/", follow=True)
    assert "辞令 3 枚のPDFの作成を開始しました" in response.content.decode()
    job = NoticePrintJob.objects.get()  # the test backend runs the task at once
    assert (job.status, job.progress_done, job.progress_total, job.is_draft) == (NoticeJobStatus.DONE, 3, 3, False)
    assert job.requested_by == world.hr
    panel = client.get(f"/personnel/batches/{batch.pk}/notices/", HTTP_HX_REQUEST="true").content.decode()
    assert "every 2s" not in panel  # nothing running: no more polling
    assert f"/personnel/batches/{batch.pk}/notices/{job.pk}/" in panel
    pdf = client.get(f"/personnel/batches/{batch.pk}/notices/{job.pk}/")
    assert pdf.status_code == 200
    body = b"".join(pdf.streaming_content)  # type: ignore[attr-defined]
    assert body.startswith(b"%PDF")
    assert _page_count(body) == 3  # one 辞令 per person, from both laid-out parts
    audit = AuditEvent.objects.filter(action__startswith="personnel.notice.").order_by("id")
    actions = list(audit.values_list("action", "kind"))
    assert actions == [(notice_jobs.NOTICE_REQUEST, AuditKind.READ), (notice_jobs.NOTICE_PRINT, AuditKind.READ)]


def test_while_the_job_waits_the_panel_polls_and_shows_progress(world: World) -> None:
    batch = _batch(world, apply=False)
    job = notice_jobs.notice_job_create(acting_user=world.hr, batch=batch)  # queued, no worker yet
    assert job.is_draft
    assert job.status == NoticeJobStatus.QUEUED
    panel = _client(world.hr).get(f"/personnel/batches/{batch.pk}/notices/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in panel
    assert "0 / 3 枚" in panel
    assert "内示用の辞令案" in panel
    assert _client(world.hr).get(f"/personnel/batches/{batch.pk}/notices/{job.pk}/").status_code == 404


def test_a_failure_is_kept_on_the_job(world: World) -> None:
    batch = _batch(world, apply=False)
    job = notice_jobs.notice_job_create(acting_user=world.hr, batch=batch)
    PersonnelAction.objects.filter(batch=batch).update(status=ActionStatus.CANCELLED)
    notice_jobs.notice_job_render(job)
    job.refresh_from_db()
    assert job.status == NoticeJobStatus.FAILED
    assert "辞令にする発令がありません" in job.error
    assert not job.file_path


def test_only_hr_in_scope_may_request_or_download(world: World) -> None:
    batch = _batch(world)
    staff = UserFactory(organization=world.org, employee=world.hire("山田", "四郎"))
    assert _client(staff).post(f"/personnel/batches/{batch.pk}/notices/new/").status_code == 403
    assert _client(staff).get(f"/personnel/batches/{batch.pk}/notices/").status_code == 403
    with pytest.raises(NotPermitted):
        notice_jobs.notice_job_create(acting_user=staff, batch=batch)
    assert not NoticePrintJob.objects.exists()


def test_an_empty_batch_is_refused_with_a_message(world: World) -> None:
    batch = action_batch_create(acting_user=world.hr, organization=world.org, name="空", effective_on=APRIL)
    with pytest.raises(DomainError, match="辞令にする発令がありません"):
        notice_jobs.notice_job_create(acting_user=world.hr, batch=batch)
    response = _client(world.hr).post(f"/personnel/batches/{batch.pk}/notices/new/", follow=True)
    assert "辞令にする発令がありません" in response.content.decode()
    assert not NoticePrintJob.objects.exists()
