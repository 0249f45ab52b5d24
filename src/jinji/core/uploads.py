"""Evidence files (添付書類・証明書類): recognised by their first bytes, stored outside the web root.

Shared by every app that accepts files. Only PDF, PNG and JPEG are accepted, recognised by their
magic bytes (the declared content type and the extension are never trusted). A file is written
under ``<root>/<organization id>/`` with a random name; the original name is kept for display
only, and :func:`path_within` refuses any stored path that would leave the root.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from jinji.core.errors import DomainError, FieldProblem

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


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a PDF/PNG/JPEG recognised by its first bytes, else None."""
    for magic, content_type, ext in _SIGNATURES:
        if head.startswith(magic):
            return content_type, ext
    return None


def read_head(upload: Upload) -> bytes:
    """The first bytes of ``upload``, leaving it rewound."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


def display_name(name: str | None, *, default: str) -> str:
    """A safe file name for display (no directories, control or reserved characters)."""
    base = Path(unicodedata.normalize("NFKC", name or default)).name
    cleaned = "".join(c for c in base if c.isprintable() and c not in '\\/:*?"<>|')
    return cleaned[:200] or default


def store_upload(upload: Upload, *, root: Path, organization_id: int, default_name: str) -> StoredFile:
    """Write an already checked upload under ``root`` and say where it went."""
    detected = sniff(read_head(upload))
    if detected is None:
        raise ValueError("unchecked upload")
    content_type, ext = detected
    relative = f"{organization_id}/{secrets.token_hex(16)}{ext}"
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with target.open("xb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return StoredFile(relative, display_name(upload.name, default=default_name), content_type, size, digest.hexdigest())


def path_within(root: Path, relative_path: str, *, message: str) -> Path:
    """Absolute path of a stored file; ``ValueError(message)`` if it would leave ``root``."""
    resolved_root = root.resolve()
    path = (resolved_root / relative_path).resolve()
    if resolved_root not in path.parents:
        raise ValueError(message)
    return path


def finished_file(root: Path, relative_path: str, *, done: bool, message: str) -> Path:
    """A background job's output file under ``root``: :class:`DomainError` (field ``file``, ``message``)
    unless the job is ``done`` and the file exists inside ``root``."""
    try:
        path = path_within(root, relative_path, message=message)
    except ValueError:
        path = None
    if not done or path is None or not path.is_file():
        raise DomainError([FieldProblem("file", message)])
    return path
