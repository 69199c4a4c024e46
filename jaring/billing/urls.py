from django.urls import path

from .views import coverage, home, invoices, payments
from .views import reconciliation as reconciliation_views

app_name = "billing"

urlpatterns = [
    # Invoices and payments
    path("", home.home, name="home"),
    path("lapor/", coverage.report_home, name="report_home"),
    path("bayar/", payments.payment_form, name="pay"),
    path("bayar/<int:pk>/", payments.payment_page, name="payment"),
    path("<slug:code>/", invoices.program_page, name="program"),
    path("<slug:code>/tagih/", invoices.run, name="run"),
    path("<slug:code>/<int:pk>/", invoices.invoice_page, name="invoice"),
    path("<slug:code>/<int:pk>/unduh.xlsx", invoices.invoice_download, name="invoice_download"),
    # Arrears, coverage and lifecycle ends
    path("<slug:code>/tunggakan/", coverage.arrears, name="arrears"),
    path("<slug:code>/tunggakan/periksa/", coverage.coverage_check, name="coverage_check"),
    path("<slug:code>/tunggakan/dukcapil/", coverage.civil_deaths, name="civil_deaths"),
    path("<slug:code>/kepesertaan/<int:pk>/akhiri/", coverage.membership_end, name="membership_end"),
    path("<slug:code>/pengganti/", coverage.replacements, name="replacements"),
    # Reconciliation with BPJS's status file
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
