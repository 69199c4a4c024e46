from django.urls import path

from .views import selection

app_name = "programs"
urlpatterns = [
    path("<slug:code>/seleksi/", selection.selection_page, name="selection"),
    path("<slug:code>/seleksi/aksi/", selection.selection_action, name="selection_action"),
]
