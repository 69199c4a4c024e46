from django.urls import path

app_name = "billing"

urlpatterns: list = []

# Reconciliation with BPJS's status file.
from .views import reconciliation as reconciliation_views  # noqa: E402

urlpatterns += [
    path("<slug:code>/rekonsiliasi/", reconciliation_views.index, name="reconciliations"),
    path("<slug:code>/rekonsiliasi/periksa/", reconciliation_views.upload, name="reconciliation_upload"),
    path("<slug:code>/rekonsiliasi/<int:pk>/", reconciliation_views.detail, name="reconciliation"),
    path("<slug:code>/rekonsiliasi/<int:pk>/simpan/", reconciliation_views.save, name="reconciliation_save"),
    path("<slug:code>/rekonsiliasi/<int:pk>/batal/", reconciliation_views.cancel, name="reconciliation_cancel"),
    path(
        "<slug:code>/rekonsiliasi/<int:pk>/selisih/<int:item_id>/selesai/",
        reconciliation_views.resolve,
        name="reconciliation_resolve",
    ),
]
