from django.urls import path

from nutag.processes import views

app_name = "processes"
urlpatterns = [
    path("", views.reference_list, name="reference-list"),
    path("models/<int:pk>/", views.model_detail, name="model-detail"),
    path("models/<int:pk>/bpmn", views.model_download, name="model-download"),
    path("models/<int:pk>/svg", views.model_svg, name="model-svg"),
    path("versions/<int:version_pk>/upload/", views.version_upload, name="version-upload"),
    path("adoptions/<int:adoption_pk>/", views.adoption_process, name="adoption-process"),
    path("variances/", views.variances, name="variances"),
]
