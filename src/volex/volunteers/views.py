from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from volex.reference.models import Language, Skill

from . import services
from .forms import LanguageFormSet, ProfileForm, SkillFormSet, profile_values
from .inputs import profile_data
from .permissions import can_see_personal_data, can_view_volunteer
from .selectors import volunteer_for_user, volunteer_get


def _own_volunteer(request):
    volunteer = volunteer_for_user(request.user)
    if volunteer is None:
        # Staff accounts have no volunteer profile: there is nothing of theirs to show here.
        raise Http404(_("This account has no volunteer profile."))
    return volunteer


@login_required
def my_profile(request):
    volunteer = _own_volunteer(request)
    return render(
        request,
        "volunteers/profile.html",
        {"volunteer": volunteer, "show_personal": True, "is_own": True},
    )


def _initial(volunteer):
    return {
        "headline": volunteer.headline,
        "summary": volunteer.summary,
        "birth_date": volunteer.birth_date,
        "gender": volunteer.gender,
        "nationalities": list(volunteer.nationalities.all()),
        "heritage_countries": list(volunteer.heritage_countries.all()),
        "residence_country": volunteer.residence_country,
        "sectors": volunteer.sectors,
        "eligible_categories": volunteer.eligible_categories,
        "available_from": volunteer.available_from,
        "available_until": volunteer.available_until,
        "consent_to_matching": volunteer.consent_to_matching,
    }


@login_required
def edit_profile(request):
    volunteer = _own_volunteer(request)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        languages = LanguageFormSet(request.POST, prefix="lang")
        skills = SkillFormSet(request.POST, prefix="skill")
        if form.is_valid() and languages.is_valid() and skills.is_valid():
            try:
                services.volunteer_profile_edit(
                    volunteer=volunteer,
                    data=profile_data(profile_values(form, languages, skills), volunteer=volunteer),
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("volunteers:me")
    else:
        form = ProfileForm(initial=_initial(volunteer))
        languages = LanguageFormSet(
            prefix="lang",
            initial=[
                {"language": vl.language.name, "level": vl.level}
                for vl in volunteer.languages.all()
            ],
        )
        skills = SkillFormSet(
            prefix="skill",
            initial=[
                {"skill": vs.skill.title, "level": vs.level, "years": vs.years}
                for vs in volunteer.skills.all()
            ],
        )
    context = {
        "form": form,
        "languages": languages,
        "skills": skills,
        "language_options": Language.objects.filter(is_common=True).values_list("name", flat=True),
        "skill_options": Skill.objects.order_by("title").values_list("title", flat=True).distinct(),
    }
    return render(request, "volunteers/edit.html", context)


@login_required
def volunteer_detail(request, pk: int):
    volunteer = volunteer_get(pk=pk)
    if volunteer is None:
        raise Http404
    if not can_view_volunteer(request.user, volunteer):
        raise PermissionDenied
    return render(
        request,
        "volunteers/profile.html",
        {
            "volunteer": volunteer,
            "show_personal": can_see_personal_data(request.user, volunteer),
            "is_own": volunteer.user_id == request.user.pk,
        },
    )
