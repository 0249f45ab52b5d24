from django.urls import URLPattern, URLResolver, path

from jinji.personnel.views import actions, batches, detail, imports, notice_jobs, org_chart, search

app_name = "personnel"
urlpatterns: list[URLPattern | URLResolver] = [
    path("staff/", search.staff_search, name="search"),
    path("staff/<int:employee_id>/", detail.employee_detail_page, name="employee_detail"),
    path("org-chart/", org_chart.org_chart, name="org_chart"),
    path("org-chart/units/<int:unit_id>/members/", org_chart.unit_members, name="unit_members"),
    path("actions/", actions.action_list_page, name="action_list"),
    path("actions/new/", actions.action_create, name="action_create"),
    path("actions/<int:action_id>/", actions.action_detail, name="action_detail"),
    path("actions/<int:action_id>/transition/", actions.action_transition, name="action_transition"),
    path("actions/<int:action_id>/notice.pdf", actions.action_notice, name="action_notice"),
    path("batches/", batches.batch_list, name="batch_list"),
    path("batches/<int:batch_id>/", batches.batch_detail, name="batch_detail"),
    path("batches/<int:batch_id>/rows/", batches.batch_add_row, name="batch_add_row"),
    path("batches/<int:batch_id>/upload/", batches.batch_upload, name="batch_upload"),
    path("batches/<int:batch_id>/transition/", batches.batch_transition, name="batch_transition"),
    path("batches/<int:batch_id>/notices/", notice_jobs.notice_panel, name="notice_panel"),
    path("batches/<int:batch_id>/notices/new/", notice_jobs.notice_create, name="notice_create"),
    path("batches/<int:batch_id>/notices/<int:job_id>/", notice_jobs.notice_download, name="notice_download"),
    path("import/", imports.import_page, name="import"),
    path("import/confirm/", imports.import_confirm, name="import_confirm"),
    path("export/", imports.export_download, name="export"),
]
