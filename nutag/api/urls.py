from django.urls import include, path
from rest_framework.routers import DefaultRouter

from nutag.api import territory

router = DefaultRouter(trailing_slash=False)
router.register("territory", territory.TerritoryUnitViewSet, basename="territory")
router.register("organisations", territory.OrganisationViewSet, basename="organisation")

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
]
