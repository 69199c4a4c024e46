"""The one JSON API. Session authentication; every error has one shape: ``{"detail": "..."}``."""

from ninja import NinjaAPI
from ninja.security import django_auth

from jaring.people.api import router as people_router

api = NinjaAPI(
    title="Jaring API",
    version="1",
    description="Bantuan iuran BPJS Ketenagakerjaan: data orang dibatasi wilayah dan peran pengguna.",
    auth=django_auth,
    urls_namespace="api",
)
api.add_router("/people", people_router)
