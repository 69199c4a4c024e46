from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("desa/", views.desa_options, name="desa_options"),
    path("ekspor.csv", views.people_export, name="export"),
    path("<int:person_id>/", views.person_view, name="detail"),
]
