"""データ取込: upload a CSV/xlsx, see the dry run (per-row outcome, every problem with 行・列・理由),
then confirm; and 出力 (export) in the same layouts.

Between the dry run and the confirmation the file is kept in the session (compressed), so
any web worker can finish the import; it is the exact bytes that were checked (SHA-256).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import zlib
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.accounts.decorators import require_role
from jinji.core.errors import DomainError
from jinji.personnel.exports import ExportFormat, export_assignments, export_employees, export_org_units
from jinji.personnel.imports import Encoding, ImportKind, import_apply, import_preview
from jinji.personnel.views._common import HR_ROLES, DateInput, acting_user, today

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
SESSION_KEY = "jinji_pending_import"
PREVIEW_ROWS = 500
_KINDS = [(k.value, k.label) for k in ImportKind]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="取込の種類", choices=_KINDS)
    file = forms.FileField(
        label="ファイル(CSV または Excel)", help_text="CSV は UTF-8 または Shift_JIS、Excel は .xlsx"
    )
    encoding = forms.ChoiceField(
        label="CSV の文字コード",
        choices=[(Encoding.AUTO, "自動判別"), (Encoding.UTF8, "UTF-8"), (Encoding.CP932, "Shift_JIS (CP932)")],
        initial=Encoding.AUTO,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("ファイルが大きすぎます(20MBまで)")
        return upload


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label="出力の種類", choices=_KINDS)
    fmt = forms.ChoiceField(
        label="形式",
        choices=[
            (ExportFormat.CSV, "CSV (UTF-8)"),
            (ExportFormat.CSV_CP932, "CSV (Shift_JIS)"),
            (ExportFormat.XLSX, "Excel (.xlsx)"),
        ],
    )
    on = forms.DateField(label="基準日", required=False, widget=DateInput(), help_text="職員・組織の出力に使う日付")


def _stash(request: HttpRequest, data: bytes, *, filename: str, kind: str, encoding: str) -> str:
    digest = hashlib.sha256(data).hexdigest()
    request.session[SESSION_KEY] = {
        "data": base64.b64encode(zlib.compress(data, 6)).decode("ascii"),
        "sha256": digest,
        "filename": filename,
        "kind": kind,
        "encoding": encoding,
    }
    return digest


def _unstash(request: HttpRequest, digest: str) -> dict[str, Any] | None:
    pending: dict[str, Any] | None = request.session.get(SESSION_KEY)
    if not pending or pending.get("sha256") != digest:
        return None
    data = zlib.decompress(base64.b64decode(pending["data"]))
    if hashlib.sha256(data).hexdigest() != digest:
        return None
    return {**pending, "data": data}


def _page(request: HttpRequest, **context: Any) -> HttpResponse:
    context.setdefault("form", ImportForm())
    context.setdefault("export_form", ExportForm(initial={"on": today()}))
    status = 400 if context["form"].errors or context["export_form"].errors else 200
    return render(request, "personnel/import.html", context, status=status)


@require_role(*HR_ROLES)
def import_page(request: HttpRequest) -> HttpResponse:
    """GET: the upload form. POST: the dry run of the uploaded file (nothing is written)."""
    if request.method != "POST":
        return _page(request)
    user = acting_user(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form)
    upload = form.cleaned_data["file"]
    data = upload.read()
    kind, encoding = form.cleaned_data["kind"], form.cleaned_data["encoding"]
    preview = import_preview(acting_user=user, file_bytes=data, filename=upload.name, kind=kind, encoding=encoding)
    digest = _stash(request, data, filename=upload.name, kind=kind, encoding=encoding) if preview.is_valid else ""
    return _page(
        request,
        form=form,
        preview=preview,
        kind_label=ImportKind(kind).label,
        shown_rows=preview.rows[:PREVIEW_ROWS],
        digest=digest,
    )


@require_POST
@require_role(*HR_ROLES)
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Import the file checked in the dry run: all rows, or nothing (problems listed again)."""
    user = acting_user(request)
    pending = _unstash(request, request.POST.get("digest", ""))
    if pending is None:
        messages.error(request, "確認済みのファイルが見つかりません。もう一度アップロードしてください。")
        return HttpResponseRedirect(reverse("personnel:import"))
    try:
        result = import_apply(
            acting_user=user,
            file_bytes=pending["data"],
            filename=pending["filename"],
            kind=pending["kind"],
            encoding=pending["encoding"],
        )
    except DomainError as error:
        return _page(request, apply_problems=error.problems)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        f"{ImportKind(result.kind).label}を取り込みました(新規 {result.created} 件、更新 {result.updated} 件、"
        f"変更なし {result.unchanged} 件)。",
    )
    return HttpResponseRedirect(reverse("personnel:import"))


_EXTENSIONS = {ExportFormat.CSV: "csv", ExportFormat.CSV_CP932: "csv", ExportFormat.XLSX: "xlsx"}
_CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.CSV_CP932: "text/csv; charset=shift_jis",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_role(*HR_ROLES)
def export_download(request: HttpRequest) -> HttpResponse:
    """GET with the export form's fields: the file in the import layout (audited as a read)."""
    user = acting_user(request)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _page(request, export_form=form)
    kind, fmt = ImportKind(form.cleaned_data["kind"]), ExportFormat(form.cleaned_data["fmt"])
    on: datetime.date = form.cleaned_data["on"] or today()
    try:
        if kind == ImportKind.EMPLOYEES:
            data = export_employees(acting_user=user, on=on, fmt=fmt)
        elif kind == ImportKind.ORG_UNITS:
            data = export_org_units(acting_user=user, on=on, fmt=fmt)
        else:
            data = export_assignments(acting_user=user, fmt=fmt)
    except DomainError as error:
        return _page(request, export_form=form, export_problems=error.problems)
    response = HttpResponse(data, content_type=_CONTENT_TYPES[fmt])
    filename = f"{kind.label}_{on.isoformat()}.{_EXTENSIONS[fmt]}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
