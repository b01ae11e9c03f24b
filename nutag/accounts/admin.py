from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from nutag.accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "kind", "is_active", "is_totp_enabled"]
    list_filter = ["kind", "is_active", "is_totp_enabled"]
    search_fields = ["username", "full_name", "register_number"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (
            "Nutag",
            {
                "fields": (
                    "kind",
                    "register_number",
                    "full_name",
                    "phone",
                    "home_territory",
                    "preferred_language",
                )
            },
        ),
    )
    raw_id_fields = ["home_territory"]
