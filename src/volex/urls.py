from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("volex.site.urls")),
    path("accounts/", include("volex.accounts.urls")),
    path("volunteers/", include("volex.volunteers.urls")),
    path("assignments/", include("volex.assignments.urls")),
    path("organizations/", include("volex.network.urls")),
    path("matching/", include("volex.matching.urls")),
    path("selection/", include("volex.selection.urls")),
    path("inbox/", include("volex.notifications.urls")),
    path("deployments/", include("volex.deployments.urls")),
    path("impact/", include("volex.impact.urls")),
    path("api/", include("volex.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
