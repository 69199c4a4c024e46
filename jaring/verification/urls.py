from django.urls import path

from . import views

app_name = "verification"
urlpatterns = [
    path("", views.home, name="home"),
    path("jalankan/", views.start, name="start"),
    path("proses/<int:run_id>/progres/", views.run_progress, name="run_progress"),
    path("antrian/", views.queue, name="queue"),
    path("antrian/keputusan/", views.bulk, name="bulk"),
    path("hasil/<int:result_id>/", views.detail, name="detail"),
    path("hasil/<int:result_id>/<slug:action>/", views.decide, name="decide"),
]
