from django.urls import path

from nutag.catalog import transfer_views

app_name = "catalogue-transfer"
urlpatterns = [
    path("", transfer_views.index, name="index"),
    path("export/", transfer_views.export, name="export"),
    path("check/", transfer_views.check, name="check"),
    path("import/", transfer_views.confirm, name="import"),
]
