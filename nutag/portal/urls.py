from django.urls import path

from nutag.portal import catalogue_views, coverage_views, request_views, views

app_name = "portal"
urlpatterns = [
    path("places/", views.places, name="places"),
    path("organisations/", views.organisations, name="organisations"),
    path("services/", catalogue_views.catalogue, name="catalogue"),
    path("coverage/", coverage_views.coverage, name="coverage"),
    path("services/<str:code>/apply/", request_views.apply, name="apply"),
    path("requests/", request_views.my_requests, name="my-requests"),
    path("requests/<int:pk>/", request_views.detail, name="request-detail"),
    path("requests/<int:pk>/answers/", request_views.edit, name="request-edit"),
    path("requests/<int:pk>/check/", request_views.check, name="request-check"),
    path("requests/<int:pk>/submitted/", request_views.confirmation, name="request-confirmation"),
    path("requests/<int:pk>/resubmit/", request_views.resubmit, name="request-resubmit"),
    path(
        "requests/<int:pk>/documents-requested/",
        request_views.requested_documents,
        name="request-documents-requested",
    ),
    path("requests/<int:pk>/documents/<int:document_pk>/", request_views.document, name="request-document"),
    path("services/<str:code>/", catalogue_views.service_detail, name="service"),
]
