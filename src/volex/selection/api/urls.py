from django.urls import path

from . import views

urlpatterns = [
    path("applications/", views.MyApplicationsApi.as_view(), name="selection-my-applications"),
    path("invitations/", views.MyInvitationsApi.as_view(), name="selection-my-invitations"),
    path("assignments/<int:pk>/apply/", views.ApplyApi.as_view(), name="selection-apply"),
    path(
        "assignments/<int:pk>/applications/",
        views.AssignmentApplicationsApi.as_view(),
        name="selection-assignment-applications",
    ),
    path(
        "assignments/<int:pk>/candidates/",
        views.AssignmentCandidatesApi.as_view(),
        name="selection-assignment-candidates",
    ),
    path("assignments/<int:pk>/invite/", views.InviteApi.as_view(), name="selection-invite"),
    path(
        "applications/<int:pk>/", views.ApplicationDetailApi.as_view(), name="selection-application"
    ),
    path("applications/<int:pk>/longlist/", views.LonglistApi.as_view(), name="selection-longlist"),
    path(
        "applications/<int:pk>/shortlist/", views.ShortlistApi.as_view(), name="selection-shortlist"
    ),
    path("applications/<int:pk>/assess/", views.AssessApi.as_view(), name="selection-assess"),
    path("applications/<int:pk>/prefer/", views.PreferApi.as_view(), name="selection-prefer"),
    path("applications/<int:pk>/offer/", views.OfferApi.as_view(), name="selection-offer"),
    path("applications/<int:pk>/reject/", views.RejectApi.as_view(), name="selection-reject"),
    path("applications/<int:pk>/accept/", views.AcceptApi.as_view(), name="selection-accept"),
    path("applications/<int:pk>/decline/", views.DeclineApi.as_view(), name="selection-decline"),
    path("applications/<int:pk>/withdraw/", views.WithdrawApi.as_view(), name="selection-withdraw"),
    path(
        "applications/<int:pk>/onboarding/",
        views.OnboardingItemApi.as_view(),
        name="selection-onboarding",
    ),
]
