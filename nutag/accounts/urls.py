from django.urls import path

from nutag.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.second_factor_view, name="second-factor"),
    path("logout/", views.logout_view, name="logout"),
    path("dev-login/", views.dev_login_view, name="dev-login"),
    path("second-factor/", views.second_factor_setup_view, name="second-factor-setup"),
]
