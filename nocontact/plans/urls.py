from django.urls import path

from nocontact.plans import views

app_name = "plans"

urlpatterns = [
    path("today/", views.dashboard, name="dashboard"),
    path("kept/", views.kept, name="kept"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<str:public_id>/", views.plan_detail, name="plan_detail"),
    path("plans/<str:public_id>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<str:public_id>/delete/", views.plan_delete, name="plan_delete"),
    path("plans/<str:public_id>/log/", views.contact_create, name="contact_create"),
    path("plans/<str:public_id>/quick-log/", views.contact_quick_log_hx, name="contact_quick_log_hx"),
    path("entries/<str:public_id>/edit/", views.contact_edit, name="contact_edit"),
    path("entries/<str:public_id>/delete/", views.contact_delete, name="contact_delete"),
    path("entries/<str:public_id>/undo/", views.contact_undo_hx, name="contact_undo_hx"),
]
