from django.urls import include, path

urlpatterns = [
    path("accounts/", include("jinji.accounts.urls")),
    path("", include("jinji.web.urls")),
]
