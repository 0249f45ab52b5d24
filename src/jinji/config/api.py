"""The REST API (django-ninja, OpenAPI at /api/docs): routers from each app mounted here."""

from ninja import NinjaAPI

api = NinjaAPI(title="Jinji API", version="1", urls_namespace="api")
