from django.urls import path

from .views import selection, simulator

app_name = "programs"
urlpatterns = [
    path("simulasi/", simulator.simulator, name="simulator"),
    path("simulasi/hitung/", simulator.simulator_results, name="simulator_results"),
    path("simulasi/unduh/", simulator.simulator_export, name="simulator_export"),
    path("<slug:code>/seleksi/", selection.selection_page, name="selection"),
    path("<slug:code>/seleksi/aksi/", selection.selection_action, name="selection_action"),
]
