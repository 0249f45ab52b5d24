from django.urls import URLPattern, URLResolver

app_name = "personnel"
urlpatterns: list[URLPattern | URLResolver] = []
