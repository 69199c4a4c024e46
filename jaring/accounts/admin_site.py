from django.contrib import admin

from .roles import Role


class JaringAdminSite(admin.AdminSite):
    """The Django admin, for the admin role only: staff flags alone do not open it."""

    site_header = "Jaring — Administrasi"
    site_title = "Jaring"
    index_title = "Pengguna, peran dan data rujukan"

    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff and user.role == Role.ADMIN)
