from django.urls import path

from nocontact.readiness import views

app_name = "readiness"

urlpatterns = [
    path("plans/<str:public_id>/ready/", views.take, name="take"),
    path("ready/<str:public_id>/", views.result, name="result"),
]
