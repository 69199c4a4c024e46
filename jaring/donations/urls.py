from django.urls import path

from . import views

app_name = "donations"
urlpatterns = [
    path("", views.home, name="home"),
    path("publik/<slug:code>/", views.public, name="public"),
    path("<slug:code>/", views.program_page, name="program"),
    path("<slug:code>/catat/", views.record, name="record"),
    path("<slug:code>/<int:pk>/batal/", views.void, name="void"),
]
