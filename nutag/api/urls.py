from importlib import import_module

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from nutag.api import catalog, catalog_transfer, processes, requests, territory

router = DefaultRouter(trailing_slash=False)
router.register("territory", territory.TerritoryUnitViewSet, basename="territory")
router.register("organisations", territory.OrganisationViewSet, basename="organisation")
router.register("services", catalog.ServiceViewSet, basename="service")
router.register("adoptions", catalog.AdoptionViewSet, basename="adoption")
router.register("coverage", catalog.CoverageViewSet, basename="coverage")
router.register("requests", requests.RequestViewSet, basename="request")
router.register("work-items", requests.WorkItemViewSet, basename="work-item")
router.register("consultations", requests.ConsultationViewSet, basename="consultation")
processes.register(router)
# Paths an extension serves without a viewset (hot paths), matched before the router's.
extension_paths = []
for extension in ("nutag.results.api", "nutag.payments.api", "nutag.analytics.api", "nutag.academy.api"):
    module = import_module(extension)
    module.register(router)
    extension_paths += getattr(module, "PATHS", [])

versions = catalog.VersionViewSet

app_name = "api"
urlpatterns = [
    path("catalogue/", include(catalog_transfer.urlpatterns)),
    path("services/<str:code>/draft", versions.as_view({"post": "start_draft"}), name="service-start-draft"),
    path(
        "services/<str:code>/versions/<int:number>",
        versions.as_view({"patch": "partial_update"}),
        name="version-detail",
    ),
    path(
        "services/<str:code>/versions/<int:number>/publish",
        versions.as_view({"post": "publish"}),
        name="version-publish",
    ),
    path(
        "services/<str:code>/versions/<int:number>/retire",
        versions.as_view({"post": "retire"}),
        name="version-retire",
    ),
    *extension_paths,
    path("", include(router.urls)),
]
