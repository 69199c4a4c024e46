from django.urls import path

from . import views

app_name = "decrees"
urlpatterns = [
    path("<slug:code>/", views.decree_home, name="home"),
    path("<slug:code>/susun/", views.decree_create, name="create"),
    path("<slug:code>/<int:pk>/", views.decree_detail, name="detail"),
    path("<slug:code>/<int:pk>/tetapkan/", views.decree_finalize_view, name="finalize"),
    path("<slug:code>/<int:pk>/batalkan/", views.decree_discard_view, name="discard"),
    path("<slug:code>/<int:pk>/unduh/<str:fmt>/", views.decree_download, name="download"),
    path("<slug:code>/<int:pk>/pindaian/", views.decree_scan, name="scan"),
    path("<slug:code>/<int:pk>/perubahan/", views.amendment_new, name="amend"),
]
