from django.urls import path

from nutag.portal import views

app_name = "portal"
urlpatterns = [
    path("places/", views.places, name="places"),
    path("organisations/", views.organisations, name="organisations"),
]
