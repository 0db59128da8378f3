from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

from volex.assignments.api.views import AssignmentDetailApi, AssignmentListApi
from volex.matching.api.views import (
    AssignmentCandidatesApi,
    AssignmentMatchRunCreateApi,
    MyMatchesApi,
)
from volex.network.api.views import OrganizationDetailApi, OrganizationListApi
from volex.volunteers.api.views import MyProfileApi

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("auth/token/", obtain_auth_token, name="token"),
    path("organizations/", OrganizationListApi.as_view(), name="organization-list"),
    path("organizations/<int:pk>/", OrganizationDetailApi.as_view(), name="organization-detail"),
    path("assignments/", AssignmentListApi.as_view(), name="assignment-list"),
    path("assignments/<int:pk>/", AssignmentDetailApi.as_view(), name="assignment-detail"),
    path("assignments/", include("volex.assignments.api.urls")),
    path("selection/", include("volex.selection.api.urls")),
    path("inbox/", include("volex.notifications.api.urls")),
    path("deployments/", include("volex.deployments.api.urls")),
    path("impact/", include("volex.impact.api.urls")),
    path("me/profile/", MyProfileApi.as_view(), name="my-profile"),
    path(
        "assignments/<int:pk>/candidates/",
        AssignmentCandidatesApi.as_view(),
        name="assignment-candidates",
    ),
    path(
        "assignments/<int:pk>/match-runs/",
        AssignmentMatchRunCreateApi.as_view(),
        name="assignment-match-run-create",
    ),
    path("me/matches/", MyMatchesApi.as_view(), name="my-matches"),
]
