from django.urls import URLPattern, URLResolver, path

from jinji.applications.views import apply, attachments, determinations

app_name = "applications"
urlpatterns: list[URLPattern | URLResolver] = [
    path("new/", apply.choose, name="choose"),
    path("new/<str:code>/", apply.apply, name="apply"),
    path("<int:instance_id>/fix/", apply.fix, name="fix"),
    path("attachments/<int:attachment_id>/", attachments.attachment_download, name="attachment"),
    path("determinations/", determinations.determination_list, name="determination_list"),
    path("determinations/export.csv", determinations.determination_export, name="determination_export"),
]
