from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("jaring.monitoring.urls")),
    path("akun/", include("jaring.accounts.urls")),
    path("orang/", include("jaring.people.urls")),
    path("usulan/", include("jaring.intake.urls")),
    path("verifikasi/", include("jaring.verification.urls")),
    path("program/", include("jaring.programs.urls")),
    path("sk/", include("jaring.decrees.urls")),
    path("bpjs/", include("jaring.enrollment.urls")),
    path("tagihan/", include("jaring.billing.urls")),
    path("donasi/", include("jaring.donations.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
