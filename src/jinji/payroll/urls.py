from django.urls import URLPattern, URLResolver, path

from jinji.payroll import views

app_name = "payroll"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.run_list_page, name="run_list"),
    path("runs/<int:run_id>/", views.run_detail_page, name="run_detail"),
    path("runs/<int:run_id>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:run_id>/actions/", views.run_action, name="run_action"),
    path("runs/<int:run_id>/ledger.csv", views.run_ledger, name="run_ledger"),
    path("runs/<int:run_id>/journal.csv", views.run_journal, name="run_journal"),
    path("runs/<int:run_id>/bank/<int:index>/", views.run_bank_file, name="run_bank_file"),
    path("payslips/", views.my_payslips, name="my_payslips"),
    path("payslips/<int:payslip_id>/", views.payslip_page, name="payslip"),
    path("payslips/<int:payslip_id>/pdf/", views.payslip_pdf, name="payslip_pdf"),
    path("resident-tax/", views.resident_tax_page, name="resident_tax"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
]
