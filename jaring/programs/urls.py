from django.urls import path

from .views import planning, selection, simulator

app_name = "programs"
urlpatterns = [
    path("", planning.program_list, name="list"),
    # Before "<code>/": "simulasi" is not a program.
    path("simulasi/", simulator.simulator, name="simulator"),
    path("simulasi/hitung/", simulator.simulator_results, name="simulator_results"),
    path("simulasi/unduh/", simulator.simulator_export, name="simulator_export"),
    path("<slug:code>/", planning.program_detail, name="detail"),
    path("<slug:code>/ubah/", planning.program_edit, name="edit"),
    path("<slug:code>/sumber-dana/tambah/", planning.source_add, name="source_add"),
    path("<slug:code>/sumber-dana/<int:source_id>/", planning.source_edit, name="source_edit"),
    path("<slug:code>/sumber-dana/<int:source_id>/hapus/", planning.source_delete, name="source_delete"),
    path("<slug:code>/kuota/", planning.quotas, name="quotas"),
    path("<slug:code>/seleksi/", selection.selection_page, name="selection"),
    path("<slug:code>/seleksi/aksi/", selection.selection_action, name="selection_action"),
]
