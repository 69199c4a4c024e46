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
