from django.urls import path

from nocontact.imports import views

app_name = "imports"

urlpatterns = [
    path("plans/<str:public_id>/import/", views.upload, name="upload"),
    path("imports/<str:public_id>/", views.preview, name="preview"),
    path("imports/<str:public_id>/undo/", views.undo, name="undo"),
]
