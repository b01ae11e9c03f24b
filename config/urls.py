from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from nutag.core.views import health
from nutag.portal.views import home

urlpatterns = [
    path("", home, name="home"),
    path("health", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("nutag.accounts.urls")),
    path("workspace/processes/", include("nutag.processes.urls")),
    path("documents/", include("nutag.results.urls")),
    path("payments/", include("nutag.payments.urls")),
    path("insights/", include("nutag.analytics.urls")),
    path("academy/", include("nutag.academy.urls")),
    path("workspace/catalogue/transfer/", include("nutag.catalog.transfer_urls")),
    path("workspace/", include("nutag.workspace.urls")),
    path("", include("nutag.portal.urls")),
    path("api/v1/", include("nutag.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
if settings.NUTAG_OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
