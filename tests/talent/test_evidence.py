"""証明書類: type by magic bytes, size limit, stored outside the web root, served only to those allowed."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.talent.evidence import evidence_path, upload_root
from jinji.talent.models import EmployeeQualification
from jinji.talent.services import qualification_register
from tests.factories import national
from tests.talent.helpers import JPEG, PDF, PNG, upload
from tests.talent.world import TODAY, Town


def register(town: Town, file: Any) -> EmployeeQualification:
    return qualification_register(
        acting_user=town.user("alice"),
        employee=town.emp("alice"),
        qualification=national("Qualification", "ipa_fe"),  # type: ignore[arg-type]
        acquired_on=datetime.date(2020, 6, 1),
        evidence=file,
        on=TODAY,
    )


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [(PDF, "a.pdf", "application/pdf"), (PNG, "a.png", "image/png"), (JPEG, "写真.jpeg", "image/jpeg")],
)
def test_pdf_png_jpeg_are_accepted_by_content(town: Town, content: bytes, name: str, kind: str) -> None:
    record = register(town, upload(content, name, "application/octet-stream"))
    assert record.evidence_type == kind
    stored = evidence_path(record.evidence_file)
    assert stored.read_bytes() == content
    assert stored.is_relative_to(Path(settings.VAR_DIR) / "uploads")
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT))


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<html><script>alert(1)</script>", "evil.pdf"),  # extension and declared type lie
        (b"MZ\x90\x00" + b"\x00" * 40, "certificate.png"),
        (b"GIF89a" + b"\x00" * 40, "scan.gif"),
    ],
)
def test_other_content_is_refused_whatever_the_name_and_nothing_is_stored(
    town: Town, content: bytes, name: str
) -> None:
    with pytest.raises(DomainError) as caught:
        register(town, upload(content, name, "application/pdf"))
    [problem] = caught.value.problems
    assert problem.field == "evidence"
    assert "PDF・PNG・JPEG" in problem.message
    assert not EmployeeQualification.objects.exists()
    assert not upload_root().exists() or not any(upload_root().rglob("*.*"))


def test_too_large_is_refused_with_the_limit(town: Town, settings: Any) -> None:
    settings.JINJI_TALENT_UPLOAD_MAX_BYTES = 1024 * 1024
    big = PDF + b"0" * (2 * 1024 * 1024)
    with pytest.raises(DomainError) as caught:
        register(town, upload(big))
    assert caught.value.problems[0].message == "証明書類は1MB以下にしてください(このファイルは2MB)"
    assert not EmployeeQualification.objects.exists()


def test_empty_file_is_refused(town: Town) -> None:
    with pytest.raises(DomainError, match="空です"):
        register(town, upload(b""))


def test_a_stored_path_cannot_leave_the_upload_directory() -> None:
    with pytest.raises(ValueError, match="不正"):
        evidence_path("../../etc/passwd")


def _get(user: Any, record: EmployeeQualification) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(f"/talent/qualifications/{record.pk}/evidence/")


def test_the_holder_and_hr_download_it_others_get_404(town: Town) -> None:
    record = register(town, upload(PNG, "証書.png"))
    own = _get(town.user("alice"), record)
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == PNG
    assert own["Content-Type"] == "image/png"
    assert own["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in own["Content-Disposition"]
    assert not AuditEvent.objects.filter(action="talent.qualification.evidence_read").exists()
    assert _get(town.user("hr"), record).status_code == 200
    assert AuditEvent.objects.filter(action="talent.qualification.evidence_read", actor=town.user("hr")).count() == 1
    for other in ("bob", "head", "carol"):
        assert _get(town.user(other), record).status_code == 404, other


def test_the_upload_form_refuses_a_disguised_file_next_to_the_field(town: Town) -> None:
    client = Client()
    client.force_login(town.user("alice"))
    response = client.post(
        "/talent/qualifications/new/",
        {
            "qualification": national("Qualification", "ipa_fe").pk,  # type: ignore[attr-defined]
            "acquired_on": "2020-06-01",
            "evidence": upload(b"#!/bin/sh\nrm -rf /\n", "evidence.pdf"),
        },
    )
    assert response.status_code == 200
    assert "証明書類はPDF・PNG・JPEGのいずれかの形式にしてください" in response.content.decode()
    assert not EmployeeQualification.objects.exists()
