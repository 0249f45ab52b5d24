"""添付書類 files: checked by their first bytes, stored outside the web root, read back only by the
view that checked who may see them.

Files live under ``<JINJI_VAR_DIR>/uploads/applications/<organization id>/`` with a random name;
the original file name is kept in the database for display only. Only PDF, PNG and JPEG are
accepted, recognised by their magic bytes (the declared content type and the extension are not
trusted), up to ``JINJI_APPLICATION_UPLOAD_MAX_BYTES`` each (default 5 MB).
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings

from jinji.core.errors import FieldProblem

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
ALLOWED_LABEL = "PDF・PNG・JPEG"
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)


class Upload(Protocol):
    """What Django's ``UploadedFile`` offers (and what tests and the API pass)."""

    @property
    def name(self) -> str | None: ...

    @property
    def size(self) -> int | None: ...

    def seek(self, offset: int) -> object: ...

    def read(self, size: int = -1) -> bytes: ...

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]: ...


@dataclass(frozen=True, slots=True)
class StoredFile:
    relative_path: str
    original_name: str
    content_type: str
    size: int
    sha256: str


def max_bytes() -> int:
    return int(getattr(settings, "JINJI_APPLICATION_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def upload_root() -> Path:
    return Path(settings.VAR_DIR) / "uploads" / "applications"


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a PDF/PNG/JPEG recognised by its first bytes, else None."""
    for magic, content_type, ext in _SIGNATURES:
        if head.startswith(magic):
            return content_type, ext
    return None


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)}KB"


def _head(upload: Upload) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


def upload_problems(uploads: Sequence[Upload], *, field: str = "attachments") -> list[FieldProblem]:
    """Why each upload is refused (empty list = all acceptable), naming the file. Reads the first bytes only."""
    if len(uploads) > MAX_FILES:
        return [FieldProblem(field, f"添付できるファイルは{MAX_FILES}個までです(選択: {len(uploads)}個)")]
    problems: list[FieldProblem] = []
    limit = max_bytes()
    for upload in uploads:
        name = display_name(upload.name)
        size = upload.size or 0
        if size == 0:
            problems.append(FieldProblem(field, f"「{name}」は空のファイルです"))
        elif size > limit:
            problems.append(
                FieldProblem(
                    field, f"「{name}」は大きすぎます({_size_text(size)})。{_size_text(limit)}以下にしてください"
                )
            )
        elif sniff(_head(upload)) is None:
            problems.append(
                FieldProblem(
                    field,
                    f"「{name}」は添付できない形式です。{ALLOWED_LABEL}のファイルにしてください(中身で判定しています)",
                )
            )
    return problems


def display_name(name: str | None) -> str:
    base = Path(unicodedata.normalize("NFKC", name or "添付書類")).name
    cleaned = "".join(c for c in base if c.isprintable() and c not in '\\/:*?"<>|')
    return cleaned[:200] or "添付書類"


def store_file(upload: Upload, *, organization_id: int) -> StoredFile:
    """Write an accepted upload (check :func:`upload_problems` first) and say where it went."""
    detected = sniff(_head(upload))
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
    return StoredFile(relative, display_name(upload.name), content_type, size, digest.hexdigest())


def stored_path(relative_path: str) -> Path:
    """Absolute path of a stored file; refuses anything that would leave the upload directory."""
    root = upload_root().resolve()
    path = (root / relative_path).resolve()
    if root not in path.parents:
        raise ValueError("添付書類の保存場所が不正です")
    return path


def discard(files: Sequence[StoredFile]) -> None:
    """Remove files written for a change that was then refused or rolled back."""
    for stored in files:
        stored_path(stored.relative_path).unlink(missing_ok=True)
