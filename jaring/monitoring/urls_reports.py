"""The report page and its downloads, added to ``monitoring.urls`` (names ``monitoring:reports`` …)."""

from django.urls import path

from . import views_reports

urlpatterns = [
    path("pantau/laporan/", views_reports.reports, name="reports"),
    path("pantau/laporan/<slug:kind>/", views_reports.download, name="report_download"),
]
