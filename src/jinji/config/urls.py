from django.urls import include, path

from jinji.config.api import api

urlpatterns = [
    path("accounts/", include("jinji.accounts.urls")),
    path("audit/", include("jinji.audit.urls")),
    path("org/", include("jinji.org.urls")),
    path("personnel/", include("jinji.personnel.urls")),
    path("workflow/", include("jinji.workflow.urls")),
    path("applications/", include("jinji.applications.urls")),
    path("evaluation/", include("jinji.evaluation.urls")),
    path("talent/", include("jinji.talent.urls")),
    path("payroll/", include("jinji.payroll.urls")),
    path("attendance/", include("jinji.attendance.urls")),
    path("api/", api.urls),
    path("", include("jinji.web.urls")),
]
