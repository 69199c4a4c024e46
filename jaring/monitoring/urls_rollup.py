from django.urls import path

from . import views_rollup

urlpatterns = [
    path("pantau/rekap/", views_rollup.rollup, name="rollup"),
    path("pantau/rekap/unduh.xlsx", views_rollup.rollup_export, name="rollup_export"),
    path("pantau/rekap/periksa/", views_rollup.rollup_check, name="rollup_check"),
    path("pantau/rekap/simpan/", views_rollup.rollup_confirm, name="rollup_confirm"),
    path("pantau/rekap/kunci/", views_rollup.keys, name="rollup_keys"),
    path("pantau/rekap/kunci/<int:pk>/nonaktif/", views_rollup.key_deactivate, name="rollup_key_deactivate"),
    path("pantau/ringkasan/", views_rollup.send, name="rollup_send"),
]
