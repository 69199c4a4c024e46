from django.urls import path

from . import views

app_name = "enrollment"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:code>/", views.program_page, name="program"),
    path("<slug:code>/unduh.<str:fmt>", views.export, name="export"),
    path("<slug:code>/pks/", views.agreement, name="agreement"),
    path("<slug:code>/hasil/", views.results_upload, name="results_upload"),
    path("<slug:code>/hasil/<int:import_id>/", views.results_report, name="results_report"),
    path("<slug:code>/hasil/<int:import_id>/terapkan/", views.results_apply, name="results_apply"),
    path("<slug:code>/hasil/<int:import_id>/batal/", views.results_cancel, name="results_cancel"),
]
