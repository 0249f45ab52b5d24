from django.urls import URLPattern, URLResolver, path

from jinji.org import views

app_name = "org"
urlpatterns: list[URLPattern | URLResolver] = [
    path("units/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("reorganizations/", views.reorganizations, name="reorganization_list"),
]
