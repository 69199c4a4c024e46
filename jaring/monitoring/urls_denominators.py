"""/pantau/penyebut/: included by ``monitoring.urls`` under the monitoring namespace."""

from django.urls import path

from . import views_denominators as views

urlpatterns = [
    path("", views.page, name="denominators"),
    path("periksa/", views.upload, name="denominators_upload"),
    path("simpan/", views.confirm, name="denominators_confirm"),
    path("target/", views.target, name="denominators_target"),
    path("templat.xlsx", views.template, name="denominators_template"),
]
