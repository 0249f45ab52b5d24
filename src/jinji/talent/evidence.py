"""証明書類 (evidence files): checked by their first bytes, stored outside the web root, read back only
by the views that checked permission.

Files live under ``<JINJI_VAR_DIR>/uploads/talent/<organization id>/`` with a random name; the
original file name is kept in the database for display only. Only PDF, PNG and JPEG are accepted,
recognised by their magic bytes (the declared content type and the extension are not trusted),
up to ``JINJI_TALENT_UPLOAD_MAX_BYTES`` (default 5 MB).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.base import File

from jinji.core.errors import FieldProblem
from jinji.core.uploads import ALLOWED_LABEL, StoredFile, path_within, read_head, sniff, store_upload

StoredEvidence = StoredFile
__all__ = ["ALLOWED_LABEL", "StoredEvidence", "discard", "evidence_path", "evidence_problems", "store_evidence"]
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "JINJI_TALENT_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def upload_root() -> Path:
    return Path(settings.VAR_DIR) / "uploads" / "talent"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}MB" if size >= 1024 * 1024 else f"{size // 1024}KB"


def evidence_problems(upload: File[bytes], *, field: str = "evidence") -> list[FieldProblem]:
    """Why ``upload`` is refused (empty list = acceptable). Reads only the first bytes."""
    size = upload.size or 0
    limit = max_bytes()
    if size == 0:
        return [FieldProblem(field, "証明書類のファイルが空です")]
    if size > limit:
        return [FieldProblem(field, f"証明書類は{_mb(limit)}以下にしてください(このファイルは{_mb(size)})")]
    if sniff(read_head(upload)) is None:
        return [
            FieldProblem(
                field, f"証明書類は{ALLOWED_LABEL}のいずれかの形式にしてください(ファイルの中身で判定しています)"
            )
        ]
    return []


def store_evidence(upload: File[bytes], *, organization_id: int) -> StoredEvidence:
    """Write an accepted upload (check :func:`evidence_problems` first) and return where it went."""
    return store_upload(upload, root=upload_root(), organization_id=organization_id, default_name="evidence")


def evidence_path(relative_path: str) -> Path:
    """Absolute path of a stored file; refuses anything that would leave the upload directory."""
    return path_within(upload_root(), relative_path, message="証明書類の保存場所が不正です")


def discard(stored: StoredEvidence | None) -> None:
    """Remove a file written for a change that was then refused or rolled back."""
    if stored is not None:
        evidence_path(stored.relative_path).unlink(missing_ok=True)
