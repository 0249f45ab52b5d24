"""証明書類 (evidence files): checked by their first bytes, stored outside the web root, read back only
by the views that checked permission.

Files live under ``<JINJI_VAR_DIR>/uploads/talent/<organization id>/`` with a random name; the
original file name is kept in the database for display only. Only PDF, PNG and JPEG are accepted,
recognised by their magic bytes (the declared content type and the extension are not trusted),
up to ``JINJI_TALENT_UPLOAD_MAX_BYTES`` (default 5 MB).
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import File

from jinji.core.errors import FieldProblem

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
ALLOWED_LABEL = "PDF・PNG・JPEG"


@dataclass(frozen=True, slots=True)
class StoredEvidence:
    relative_path: str
    original_name: str
    content_type: str
    size: int
    sha256: str


def max_bytes() -> int:
    return int(getattr(settings, "JINJI_TALENT_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def upload_root() -> Path:
    return Path(settings.VAR_DIR) / "uploads" / "talent"


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a PDF/PNG/JPEG recognised by its first bytes, else None."""
    for magic, content_type, ext in _SIGNATURES:
        if head.startswith(magic):
            return content_type, ext
    return None


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
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if sniff(head) is None:
        return [
            FieldProblem(
                field, f"証明書類は{ALLOWED_LABEL}のいずれかの形式にしてください(ファイルの中身で判定しています)"
            )
        ]
    return []


def _display_name(name: str | None) -> str:
    base = Path(unicodedata.normalize("NFKC", name or "evidence")).name
    cleaned = "".join(c for c in base if c.isprintable() and c not in '\\/:*?"<>|')
    return cleaned[:200] or "evidence"


def store_evidence(upload: File[bytes], *, organization_id: int) -> StoredEvidence:
    """Write an accepted upload (check :func:`evidence_problems` first) and return where it went."""
    upload.seek(0)
    detected = sniff(upload.read(16))
    upload.seek(0)
    if detected is None:
        raise ValueError("unchecked upload")
    content_type, ext = detected
    relative = f"{organization_id}/{secrets.token_hex(16)}{ext}"
    target = upload_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with target.open("xb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return StoredEvidence(
        relative_path=relative,
        original_name=_display_name(upload.name),
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
    )


def evidence_path(relative_path: str) -> Path:
    """Absolute path of a stored file; refuses anything that would leave the upload directory."""
    root = upload_root().resolve()
    path = (root / relative_path).resolve()
    if root not in path.parents:
        raise ValueError("証明書類の保存場所が不正です")
    return path


def discard(stored: StoredEvidence | None) -> None:
    """Remove a file written for a change that was then refused or rolled back."""
    if stored is not None:
        evidence_path(stored.relative_path).unlink(missing_ok=True)
