from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class NutagAdminSite(admin.AdminSite):
    """The admin is for platform admins only, and they sign in through the staff login (with its second factor)."""

    site_header = "Nutag"
    site_title = "Nutag"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_platform_admin", False))

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")


class NutagAdminConfig(AdminConfig):
    default_site = "nutag.core.admin_site.NutagAdminSite"
