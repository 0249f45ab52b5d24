from django.urls import URLPattern, URLResolver, path

from jinji.workflow.views import actions, applications, definitions, inbox, notifications

app_name = "workflow"
urlpatterns: list[URLPattern | URLResolver] = [
    path("inbox/", inbox.inbox, name="inbox"),
    path("bulk-approve/", inbox.bulk_approve, name="bulk_approve"),
    path("applications/", applications.my_applications, name="my_applications"),
    path("clerk/", applications.clerk_list, name="clerk_applications"),
    path("applications/<int:instance_id>/", applications.application_detail_page, name="application_detail"),
    path("applications/<int:instance_id>/act/", actions.application_act, name="application_act"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notifications_read, name="notifications_read"),
    path("definitions/", definitions.definition_list_page, name="definition_list"),
    path("definitions/<str:application_type>/", definitions.definition_edit, name="definition_edit"),
]
