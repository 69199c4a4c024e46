from django.urls import include, path

from . import views
from .urls_reports import urlpatterns as report_urls
from .urls_rollup import urlpatterns as rollup_urls

app_name = "monitoring"
urlpatterns = [
    path("", views.home, name="home"),
    path("pantau/", views.dashboard, name="dashboard"),
    path("pantau/unduh/<slug:slug>.xlsx", views.export, name="export"),
    path("pantau/publik/<str:code>/", views.public_dashboard, name="public"),
    path("pantau/publik/<str:code>/unduh/<slug:slug>.xlsx", views.public_export, name="public_export"),
    *rollup_urls,
    *report_urls,
    path("pantau/penyebut/", include("jaring.monitoring.urls_denominators")),
]
