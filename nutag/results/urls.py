from django.urls import path

from nutag.results import views

app_name = "results"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify-code"),
    path("<int:pk>/download", views.download, name="download"),
    path("<int:pk>/print", views.print_document, name="print"),
    path("<int:pk>/revoke", views.revoke, name="revoke"),
    path("templates/<int:version_pk>/", views.template_edit, name="template-edit"),
]
