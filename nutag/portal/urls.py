from django.urls import path

from nutag.portal import catalogue_views, coverage_views, views

app_name = "portal"
urlpatterns = [
    path("places/", views.places, name="places"),
    path("organisations/", views.organisations, name="organisations"),
    path("services/", catalogue_views.catalogue, name="catalogue"),
    path("coverage/", coverage_views.coverage, name="coverage"),
    path("services/<str:code>/", catalogue_views.service_detail, name="service"),
]
