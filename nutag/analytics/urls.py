from django.urls import path, re_path

from nutag.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("refresh/", views.refresh, name="refresh"),
    re_path(r"^data/(?P<key>[a-z-]+)\.(?P<fmt>csv|xlsx)$", views.table_download, name="table-download"),
    path("export.xes", views.export_xes, name="export-xes"),
    path("export.ocel.json", views.export_ocel, name="export-ocel"),
]
