from django.urls import path

from .views import planning

app_name = "programs"
urlpatterns = [
    path("", planning.program_list, name="list"),
    path("<slug:code>/", planning.program_detail, name="detail"),
    path("<slug:code>/ubah/", planning.program_edit, name="edit"),
    path("<slug:code>/sumber-dana/tambah/", planning.source_add, name="source_add"),
    path("<slug:code>/sumber-dana/<int:source_id>/", planning.source_edit, name="source_edit"),
    path("<slug:code>/sumber-dana/<int:source_id>/hapus/", planning.source_delete, name="source_delete"),
    path("<slug:code>/kuota/", planning.quotas, name="quotas"),
]
