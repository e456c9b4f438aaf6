from django.urls import path

from nocontact.safety import views

app_name = "safety"

urlpatterns = [
    path("exit/", views.quick_exit, name="exit"),
    path("help/", views.help_page, name="help"),
    path("unlock/", views.unlock, name="unlock"),
    path("account/safety/", views.safeguards, name="safeguards"),
    path("account/safety/trust/", views.device_trust, name="device_trust"),
    path("account/safety/forget/", views.device_forget, name="device_forget"),
    path("account/safety/warning/", views.warning_seen, name="warning_seen"),
    path("plans/<str:public_id>/safety-log/", views.safety_log, name="log"),
    path("plans/<str:public_id>/safety-log.csv", views.log_csv, name="log_csv"),
    path("plans/<str:public_id>/safety-log.pdf", views.log_pdf, name="log_pdf"),
    path("safety-log/<str:public_id>/correct/", views.incident_correct, name="incident_correct"),
    path("safety-log/<str:public_id>/withdraw/", views.incident_withdraw, name="incident_withdraw"),
]
