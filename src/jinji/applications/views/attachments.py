"""添付書類 download: only for those :func:`may_read_attachments` allows; others get 404 (audited)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from jinji.accounts.models import User
from jinji.applications.selectors.attachments import attachment_for_download
from jinji.core.errors import NotPermitted


@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    user = request.user
    assert isinstance(user, User)
    try:
        view, path = attachment_for_download(user=user, attachment_id=attachment_id)
    except NotPermitted:
        raise Http404("添付書類が見つからないか、閲覧する権限がありません。") from None
    if not path.is_file():
        raise Http404("添付書類のファイルがありません。システム管理者に連絡してください。")
    response = FileResponse(path.open("rb"), content_type=view.content_type)
    disposition = (
        "inline" if view.content_type == "application/pdf" or view.content_type.startswith("image/") else "attachment"
    )
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(view.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
