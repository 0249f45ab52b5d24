from django.urls import URLPattern, URLResolver, path

from jinji.attendance.views import booking, clock, leave, overtime, sheet

app_name = "attendance"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", clock.clock, name="clock"),
    path("proxy/", clock.proxy_clock, name="proxy_clock"),
    path("sheet/", sheet.my_sheet, name="my_sheet"),
    path("sheet/pdf/", sheet.my_sheet_pdf, name="my_sheet_pdf"),
    path("units/", sheet.unit_sheet, name="unit_sheet"),
    path("units/close/", sheet.unit_close, name="unit_close"),
    path("sheet/confirm/", sheet.sheet_confirm, name="sheet_confirm"),
    path("leave/", leave.my_leave, name="my_leave"),
    path("leave/uptake/", leave.uptake, name="leave_uptake"),
    path("satellite/", booking.satellite, name="satellite"),
    path("overtime/", overtime.my_overtime, name="my_overtime"),
    path("overtime/dashboard/", overtime.dashboard, name="overtime_dashboard"),
    path("overtime/confirm/", overtime.confirm, name="overtime_confirm"),
]
