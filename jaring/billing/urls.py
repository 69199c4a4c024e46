from django.urls import path

app_name = "billing"

urlpatterns: list = []

from .views import coverage  # noqa: E402

urlpatterns += [
    path("<slug:code>/tunggakan/", coverage.arrears, name="arrears"),
    path("<slug:code>/tunggakan/periksa/", coverage.coverage_check, name="coverage_check"),
    path("<slug:code>/tunggakan/dukcapil/", coverage.civil_deaths, name="civil_deaths"),
    path("<slug:code>/kepesertaan/<int:pk>/akhiri/", coverage.membership_end, name="membership_end"),
    path("<slug:code>/pengganti/", coverage.replacements, name="replacements"),
]

from .views import home, invoices, payments  # noqa: E402

urlpatterns += [
    path("", home.home, name="home"),
    path("bayar/", payments.payment_form, name="pay"),
    path("bayar/<int:pk>/", payments.payment_page, name="payment"),
    path("<slug:code>/", invoices.program_page, name="program"),
    path("<slug:code>/tagih/", invoices.run, name="run"),
    path("<slug:code>/<int:pk>/", invoices.invoice_page, name="invoice"),
    path("<slug:code>/<int:pk>/unduh.xlsx", invoices.invoice_download, name="invoice_download"),
]
