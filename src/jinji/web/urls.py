from django.urls import path

from jinji.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("settings/wareki/", views.toggle_wareki, name="toggle_wareki"),
]
