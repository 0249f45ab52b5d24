from django.urls import URLPattern, URLResolver, path

from jinji.evaluation.views import cycles, goals, oversight, sheets, templates

app_name = "evaluation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", sheets.mine, name="mine"),
    path("inbox/", sheets.inbox, name="inbox"),
    path("sheets/<int:sheet_id>/", sheets.sheet_page, name="sheet"),
    path("sheets/<int:sheet_id>/ratings/", sheets.sheet_ratings, name="sheet_ratings"),
    path("sheets/<int:sheet_id>/transition/", sheets.sheet_transition, name="sheet_transition"),
    path("sheets/<int:sheet_id>/goals/", goals.sheet_goals, name="sheet_goals"),
    path("sheets/<int:sheet_id>/interviews/", goals.sheet_interview, name="sheet_interview"),
    path("sheets/<int:sheet_id>/complaints/", goals.sheet_complaint, name="sheet_complaint"),
    path("sheets/<int:sheet_id>/evaluators/", oversight.sheet_evaluators, name="sheet_evaluators"),
    path("sheets/<int:sheet_id>/reopen/", oversight.reopen, name="sheet_reopen"),
    path("cycles/", cycles.cycle_list_page, name="cycle_list"),
    path("cycles/new/", cycles.cycle_create_page, name="cycle_create"),
    path("cycles/<int:cycle_id>/", cycles.cycle_detail, name="cycle_detail"),
    path("cycles/<int:cycle_id>/actions/", cycles.cycle_action, name="cycle_action"),
    path("cycles/<int:cycle_id>/dashboard/", oversight.dashboard, name="dashboard"),
    path("cycles/<int:cycle_id>/calibration/", oversight.calibration_page, name="calibration"),
    path("cycles/<int:cycle_id>/export/", oversight.export, name="export"),
    path("cycles/<int:cycle_id>/step-increase/", oversight.step_increase, name="step_increase"),
    path("templates/", templates.template_list, name="template_list"),
    path("templates/<int:template_id>/", templates.template_detail, name="template_detail"),
    path("complaints/", oversight.complaints, name="complaint_list"),
    path("settings/", cycles.period_settings, name="period_settings"),
]
