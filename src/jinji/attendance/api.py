"""REST endpoints of the attendance app: POST /api/attendance/clock (same service as the clock page)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.accounts.models import User
from jinji.attendance.schemas import ClockIn, ClockOut
from jinji.attendance.services.clock import PunchRequest, clock_punch
from jinji.core.errors import FieldProblem, NotPermitted
from jinji.core.requestinfo import current_ip

router = Router(auth=ApiTokenAuth())


@router.post(
    "/clock",
    response={200: ClockOut, 201: ClockOut},
    summary="出退勤の打刻(本人)",
    url_name="attendance_clock_api",
)
def attendance_clock(request: HttpRequest, payload: ClockIn) -> Status[ClockOut]:
    """Server time unless ``device_time`` (a queued offline punch); a repeated key returns the first event (200)."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    if user.employee_id is None:
        raise NotPermitted([FieldProblem("職員", "この利用者には職員が紐づいていません")])
    result = clock_punch(
        acting_user=user,
        request=PunchRequest(
            employee_id=user.employee_id,
            kind=payload.kind,
            location_kind=payload.location_kind,
            location_id=payload.location_id,
            location_note=payload.location_note,
            idempotency_key=payload.idempotency_key,
            client_ip=current_ip() or request.META.get("REMOTE_ADDR"),
            device_time=payload.device_time,
        ),
    )
    e = result.event
    body = ClockOut(
        id=e.pk,
        kind=e.kind,
        occurred_at=e.occurred_at,
        business_date=e.business_date,
        source=e.source,
        location_kind=e.location_kind,
        without_clock_in=e.without_clock_in,
        created=result.created,
        message=result.message,
    )
    return Status(201 if result.created else 200, body)
