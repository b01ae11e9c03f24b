from django.contrib import admin

from nutag.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["code", "name_mn", "kind", "department", "jurisdiction"]
    list_filter = ["kind", "department"]
    search_fields = ["code", "name_mn", "name_en"]
    autocomplete_fields = ["parent"]
    raw_id_fields = ["jurisdiction"]
    list_select_related = ["jurisdiction"]
