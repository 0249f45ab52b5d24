"""添付書類 files: checked by their first bytes, stored outside the web root, read back only by the
view that checked who may see them.

Files live under ``<JINJI_VAR_DIR>/uploads/applications/<organization id>/`` with a random name;
the original file name is kept in the database for display only. Only PDF, PNG and JPEG are
accepted, recognised by their magic bytes (the declared content type and the extension are not
trusted), up to ``JINJI_APPLICATION_UPLOAD_MAX_BYTES`` each (default 5 MB).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

from jinji.core.errors import FieldProblem
from jinji.core.uploads import ALLOWED_LABEL, StoredFile, Upload, path_within, read_head, sniff, store_upload
from jinji.core.uploads import display_name as _display_name

__all__ = ["ALLOWED_LABEL", "StoredFile", "Upload", "discard", "store_file", "stored_path", "upload_problems"]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5


def max_bytes() -> int:
    return int(getattr(settings, "JINJI_APPLICATION_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def upload_root() -> Path:
    return Path(settings.VAR_DIR) / "uploads" / "applications"


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)}KB"


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
        elif sniff(read_head(upload)) is None:
            problems.append(
                FieldProblem(
                    field,
                    f"「{name}」は添付できない形式です。{ALLOWED_LABEL}のファイルにしてください(中身で判定しています)",
                )
            )
    return problems


def display_name(name: str | None) -> str:
    return _display_name(name, default="添付書類")


def store_file(upload: Upload, *, organization_id: int) -> StoredFile:
    """Write an accepted upload (check :func:`upload_problems` first) and say where it went."""
    return store_upload(upload, root=upload_root(), organization_id=organization_id, default_name="添付書類")


def stored_path(relative_path: str) -> Path:
    """Absolute path of a stored file; refuses anything that would leave the upload directory."""
    return path_within(upload_root(), relative_path, message="添付書類の保存場所が不正です")


def discard(files: Sequence[StoredFile]) -> None:
    """Remove files written for a change that was then refused or rolled back."""
    for stored in files:
        stored_path(stored.relative_path).unlink(missing_ok=True)
