from django.urls import path

from nocontact.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("welcome/", views.welcome, name="welcome"),
    path("welcome/how-it-works/", views.first_run, name="first_run"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("account/", views.account_settings, name="settings"),
    path("account/time-zone/", views.account_time_zone, name="time_zone"),
    path("account/theme/", views.account_theme, name="theme"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("account/export.json", views.account_export, name="export"),
    path("account/delete/", views.account_delete, name="delete"),
    path("account/tokens/", views.token_create, name="token_create"),
    path("account/tokens/<str:public_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("account/access/", views.access, name="access"),
    path("account/access/sessions/<str:public_id>/end/", views.session_end, name="session_end"),
    path("account/access/devices/<str:public_id>/forget/", views.device_forget, name="device_forget"),
    path("account/access/everywhere-else/", views.sign_out_everywhere_else, name="sign_out_everywhere_else"),
    path("account/recovery/", views.recovery_create, name="recovery_create"),
    path("account/recovery/remove/", views.recovery_remove, name="recovery_remove"),
    path("forgot/", views.recover, name="recover"),
]
