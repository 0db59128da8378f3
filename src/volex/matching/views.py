"""Pages of the matching engine: ranked candidates of an assignment, and matches for me."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from volex.assignments.selectors import assignment_visible_to
from volex.core.pagination import paginate
from volex.volunteers.selectors import volunteer_for_user

from .permissions import can_open_volunteer_profiles, can_view_candidates
from .selectors import matches_for_volunteer
from .services import candidates_for_assignment

CANDIDATES = 50
MATCHES_FOR_ME = 20


def _assignment_for_candidates(request, pk: int):
    assignment = assignment_visible_to(request.user).filter(pk=pk).first()
    if assignment is None:
        raise Http404
    if not can_view_candidates(request.user, assignment):
        raise PermissionDenied
    return assignment


@login_required
@require_http_methods(["GET", "POST"])
def assignment_candidates(request, pk: int):
    """Ranked, explained candidates (GET reuses a fresh run; POST runs the engine again)."""
    assignment = _assignment_for_candidates(request, pk)
    if request.method == "POST":
        candidates_for_assignment(assignment=assignment, k=CANDIDATES, created_by=request.user,
                                  force=True)  # fmt: skip
        messages.success(request, _("The candidates were ranked again."))
        return redirect("matching:candidates", pk=assignment.pk)
    result = candidates_for_assignment(assignment=assignment, k=CANDIDATES, created_by=request.user)
    context = {
        "assignment": assignment,
        "result": result,
        "run": result.run,
        "page": paginate(request, list(result.candidates), per_page=25),
        "querystring": "",
        "link_profiles": can_open_volunteer_profiles(request.user),
    }
    template = "matching/partials/candidates.html" if request.htmx else "matching/candidates.html"
    return render(request, template, context)


@login_required
def matches_for_me(request):
    volunteer = volunteer_for_user(request.user)
    if volunteer is None:
        raise Http404
    matches = matches_for_volunteer(volunteer=volunteer, k=MATCHES_FOR_ME)
    assignments = {
        a.pk: a
        for a in assignment_visible_to(request.user).filter(
            pk__in=[m.assignment_id for m in matches]
        )
    }
    rows = [(m, assignments[m.assignment_id]) for m in matches if m.assignment_id in assignments]
    return render(
        request,
        "matching/for_me.html",
        {"rows": rows, "volunteer": volunteer, "consent": volunteer.consent_to_matching},
    )
