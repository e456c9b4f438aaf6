from django.urls import path

from nocontact.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("welcome/", views.welcome, name="welcome"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("account/", views.account_settings, name="settings"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("account/export.json", views.account_export, name="export"),
    path("account/delete/", views.account_delete, name="delete"),
    path("account/tokens/", views.token_create, name="token_create"),
    path("account/tokens/<str:public_id>/revoke/", views.token_revoke, name="token_revoke"),
]
