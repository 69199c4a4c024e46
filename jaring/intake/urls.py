from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.intake_home, name="home"),
    path("unggah/", views.upload, name="upload"),
    path("templat/", views.template_download, name="template"),
    path("batch/<int:batch_id>/", views.batch_detail, name="batch"),
    path("batch/<int:batch_id>/progres/", views.batch_progress, name="batch_progress"),
    path("batch/<int:batch_id>/pemetaan/", views.batch_mapping, name="batch_mapping"),
    path("batch/<int:batch_id>/simpan/", views.batch_confirm, name="batch_confirm"),
    path("batch/<int:batch_id>/batal/", views.batch_cancel, name="batch_cancel"),
    path("batch/<int:batch_id>/laporan.xlsx", views.batch_report, name="batch_report"),
    path("baru/", views.entry, name="entry"),
    path("baru/periksa/", views.entry_check, name="entry_check"),
    path("calon/", views.candidate_list, name="candidates"),
    path("calon/<int:candidate_id>/kembalikan/", views.candidate_return, name="candidate_return"),
    path("calon/<int:candidate_id>/perbaiki/", views.candidate_fix, name="candidate_fix"),
]
