from django.urls import path

from nocontact.urges import views

app_name = "urges"

urlpatterns = [
    path("pause/", views.pause, name="pause"),
    path("circle/", views.circle, name="circle"),
    path("circle/<str:public_id>/delete/", views.person_delete, name="person_delete"),
    path("circle/<str:public_id>/test/", views.person_test, name="person_test"),
    path("circle/helpers/<str:public_id>/delete/", views.helper_delete, name="helper_delete"),
    path("urges/", views.urge_insights, name="insights"),
    path("sw.js", views.service_worker, name="sw"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
