from django.urls import path

from nocontact.journal import views

app_name = "journal"

urlpatterns = [
    path("journal/", views.journal_list, name="list"),
    path("journal/new/", views.entry_create, name="entry_create"),
    path("journal/<str:public_id>/", views.entry_detail, name="entry_detail"),
    path("journal/<str:public_id>/edit/", views.entry_edit, name="entry_edit"),
    path("journal/<str:public_id>/delete/", views.entry_delete, name="entry_delete"),
    path("mood/", views.mood_page, name="mood"),
    path("mood/quick/", views.mood_quick_checkin, name="mood_quick"),
]
