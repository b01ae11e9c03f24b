from django.urls import path

from nutag.portal import catalogue_views, views

app_name = "portal"
urlpatterns = [
    path("places/", views.places, name="places"),
    path("organisations/", views.organisations, name="organisations"),
    path("services/", catalogue_views.catalogue, name="catalogue"),
    path("services/<str:code>/", catalogue_views.service_detail, name="service"),
]
