from django.urls import URLPattern, URLResolver, path

from jinji.payroll import views, views_printing
from jinji.payroll.reports import views as report_views
from jinji.payroll.retro import views as retro_views
from jinji.payroll.settings import views as settings_views

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
    path("retro/", retro_views.retro_list_page, name="retro_list"),
    path("retro/<int:calculation_id>/", retro_views.retro_detail_page, name="retro_detail"),
    path("retro/<int:calculation_id>/progress/", retro_views.retro_progress, name="retro_progress"),
    path("retro/<int:calculation_id>/compute/", retro_views.retro_compute_action, name="retro_compute"),
    path("corrections/", retro_views.corrections_page, name="corrections"),
    path("corrections/<int:correction_id>/delete/", retro_views.correction_delete_action, name="correction_delete"),
    path("reports/", report_views.reports_hub, name="reports"),
    path("reports/withholding.csv", report_views.withholding_csv, name="report_withholding_csv"),
    path("reports/withholding/<int:employee_id>/", report_views.withholding_page, name="report_withholding"),
    path("reports/survey.csv", report_views.survey_csv, name="report_survey_csv"),
    path("runs/<int:run_id>/mutual-aid.csv", report_views.mutual_aid_csv, name="report_mutual_aid_csv"),
    path("runs/<int:run_id>/print/", views_printing.print_panel, name="print_panel"),
    path("runs/<int:run_id>/print/new/", views_printing.print_create, name="print_create"),
    path("runs/<int:run_id>/print/<int:job_id>/", views_printing.print_download, name="print_download"),
    path("settings/", settings_views.settings_hub, name="settings"),
    path("settings/deductions/import/", settings_views.deduction_import_page, name="settings_deduction_import"),
    path("settings/<slug:kind>/", settings_views.settings_list, name="settings_list"),
    path("settings/<slug:kind>/new/", settings_views.settings_edit, name="settings_create"),
    path("settings/<slug:kind>/<int:pk>/", settings_views.settings_edit, name="settings_edit"),
]
