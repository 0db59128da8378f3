from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import render

from volex.assignments.models import AssignmentState
from volex.assignments.selectors import assignment_public_list
from volex.organizations.models import Organization, VerificationStatus
from volex.volunteers.models import Volunteer


def home(request):
    latest = list(assignment_public_list()[:6])
    stats = Organization.objects.aggregate(
        organizations=Count("pk", filter=Q(verification_status=VerificationStatus.VERIFIED)),
        open_positions=Count("assignments", filter=Q(assignments__state=AssignmentState.PUBLISHED)),
    )
    stats["volunteers"] = Volunteer.objects.count()
    return render(request, "site/home.html", {"latest": latest, "stats": stats})


def healthz(request):
    return JsonResponse({"status": "ok"})
