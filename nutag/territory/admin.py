from django.contrib import admin

from nutag.territory.models import TerritoryUnit


@admin.register(TerritoryUnit)
class TerritoryUnitAdmin(admin.ModelAdmin[TerritoryUnit]):
    list_display = ["code", "name_mn", "name_en", "level", "parent", "time_zone"]
    list_filter = ["level", "time_zone"]
    search_fields = ["code", "name_mn", "name_en"]
    readonly_fields = ["path"]
    list_select_related = ["parent"]
