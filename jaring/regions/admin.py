from django.contrib import admin

from .models import BpsCrosswalk, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "kind", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "level", "kind", "parent"]
    list_per_page = 50


@admin.register(BpsCrosswalk)
class BpsCrosswalkAdmin(admin.ModelAdmin):
    list_display = ["bps_code", "kemendagri_code", "name", "source"]
    search_fields = ["bps_code", "kemendagri_code", "name"]
