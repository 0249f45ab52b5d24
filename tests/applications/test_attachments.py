"""添付書類: refused by content and size with the reason; stored outside the web root; served only to the
applicant, the approvers the application reached and 人事担当, each read of another's file audited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from jinji.accounts.models import User
from jinji.applications import events
from jinji.applications.models import Attachment
from jinji.audit.models import AuditEvent, AuditKind
from jinji.core.errors import DomainError
from jinji.workflow.models import WorkflowDefinition
from jinji.workflow.services import instance_approve
from tests.applications.conftest import GIF, PDF, PNG, Town, file_notice, fresh, upload

pytestmark = pytest.mark.django_db


def refusal(town: Town, files: list[Any]) -> str:
    with pytest.raises(DomainError) as exc:
        file_notice(town, files=files)
    return " ".join(p.message for p in exc.value.problems if p.field == "attachments")


def test_type_is_judged_by_content_not_name(town: Town) -> None:
    assert "添付できない形式" in refusal(town, [upload(GIF, name="teiki.pdf", content_type="application/pdf")])
    assert "「teiki.pdf」" in refusal(town, [upload(GIF, name="teiki.pdf")])
    instance = file_notice(town, files=[upload(PNG, name="photo.jpg", content_type="image/jpeg")])
    assert Attachment.objects.get(instance=instance).content_type == "image/png"


def test_size_limit_comes_from_the_setting(town: Town, settings: Any) -> None:
    settings.JINJI_APPLICATION_UPLOAD_MAX_BYTES = 1024
    message = refusal(town, [upload(PDF + b"0" * 2000, name="big.pdf")])
    assert "「big.pdf」は大きすぎます" in message
    assert "1KB以下" in message
    assert "空のファイル" in refusal(town, [upload(b"", name="empty.pdf")])
    assert "5個まで" in refusal(town, [upload() for _ in range(6)])
    assert not Attachment.objects.exists()


def test_files_are_stored_outside_the_web_root_under_var_uploads(town: Town) -> None:
    instance = file_notice(town)
    stored = Attachment.objects.get(instance=instance)
    path = Path(settings.VAR_DIR) / "uploads" / "applications" / stored.stored_path
    assert path.read_bytes() == PDF
    assert stored.stored_path.startswith(f"{town.org.pk}/")
    assert "teiki" not in stored.stored_path, "stored under a random name"
    assert Path(settings.STATIC_ROOT) not in path.parents


def test_files_written_for_a_refused_application_are_removed(town: Town) -> None:
    WorkflowDefinition.objects.update(is_active=False)
    with pytest.raises(DomainError):
        file_notice(town)
    uploads = Path(settings.VAR_DIR) / "uploads" / "applications"
    assert not uploads.exists() or not any(p.is_file() for p in uploads.rglob("*"))


def download(user: User, attachment: Attachment) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(f"/applications/attachments/{attachment.pk}/")


def reads(attachment: Attachment) -> list[int | None]:
    return list(
        AuditEvent.objects.filter(action=events.ATTACHMENT_READ, target_id=str(attachment.instance_id))
        .order_by("id")
        .values_list("actor_id", flat=True)
    )


def test_who_may_download(town: Town) -> None:
    instance = file_notice(town)
    attachment = Attachment.objects.get(instance=instance)
    response = download(town.staff, attachment)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert reads(attachment) == [], "the applicant reading their own file is not audited"

    assert download(town.kakaricho, attachment).status_code == 200  # approver of the current step
    assert download(town.hr, attachment).status_code == 200  # 人事担当
    assert reads(attachment) == [town.kakaricho.pk, town.hr.pk]

    for outsider in (town.outsider, town.payroll, town.other_clerk):  # payroll: not reached yet
        assert download(outsider, attachment).status_code == 404
    refused = AuditEvent.objects.filter(action=events.ATTACHMENT_REFUSED, target_id=str(instance.pk))
    assert set(refused.values_list("actor_id", flat=True)) == {town.outsider.pk, town.payroll.pk, town.other_clerk.pk}
    assert {e.kind for e in refused} == {AuditKind.AUTH}

    instance_approve(instance=fresh(instance), acting_user=town.kakaricho)
    instance_approve(instance=fresh(instance), acting_user=town.kacho)
    assert download(town.payroll, attachment).status_code == 200, "the final approver once it reached them"


def test_the_clerk_who_entered_it_may_download(town: Town) -> None:
    assert town.staff.employee_id is not None
    instance = file_notice(town, user=town.clerk, applicant_employee_id=town.staff.employee_id)
    attachment = Attachment.objects.get(instance=instance)
    assert download(town.clerk, attachment).status_code == 200
    assert download(town.staff, attachment).status_code == 200
    assert reads(attachment) == [town.clerk.pk]


def test_anonymous_and_unknown_ids(town: Town) -> None:
    instance = file_notice(town)
    attachment = Attachment.objects.get(instance=instance)
    assert Client().get(f"/applications/attachments/{attachment.pk}/").status_code == 302
    client = Client()
    client.force_login(town.staff)
    assert client.get("/applications/attachments/999999/").status_code == 404
