"""Minimal contact's pages. They keep the plans' route names and paths (plans:boundaries, plans:permitted,
plans:check; and plans:read): nocontact/urls.py serves them in the plans namespace, so links and bookmarks stay as
they were."""

from django.urls import path

from nocontact.boundaries import views

urlpatterns = [
    path("plans/<str:public_id>/boundaries/", views.boundaries_edit, name="boundaries"),
    path("plans/<str:public_id>/permitted/", views.permitted_contact, name="permitted"),
    path("check/", views.message_check, name="check"),
    # Before the plans' own patterns (nocontact/urls.py), or "read" would be taken for a plan's id.
    path("plans/read/", views.message_read_page, name="read"),
]
