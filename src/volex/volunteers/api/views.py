from django.core.exceptions import ValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from volex.reference.models import Country, Language, Skill
from volex.volunteers import services
from volex.volunteers.selectors import volunteer_for_user

from .serializers import ProfileInput, ProfileOutput


def _check_known(field: str, model, ids) -> None:
    known = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    unknown = [str(i) for i in ids if i not in known]
    if unknown:
        raise ValidationError({field: f"Unknown {field}: {', '.join(unknown)}."})


class MyProfileApi(APIView):
    """The signed-in volunteer's own profile. PUT replaces it; PATCH changes the given fields."""

    permission_classes = [permissions.IsAuthenticated]

    def _volunteer(self, request):
        volunteer = volunteer_for_user(request.user)
        if volunteer is None:
            raise NotFound("This account has no volunteer profile.")
        return volunteer

    @extend_schema(responses=ProfileOutput)
    def get(self, request):
        return Response(ProfileOutput(self._volunteer(request)).data)

    @extend_schema(request=ProfileInput, responses=ProfileOutput)
    def put(self, request):
        return self._write(request, partial=False)

    @extend_schema(request=ProfileInput, responses=ProfileOutput)
    def patch(self, request):
        return self._write(request, partial=True)

    def _write(self, request, *, partial: bool):
        volunteer = self._volunteer(request)
        serializer = ProfileInput(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        current = {
            "headline": volunteer.headline,
            "summary": volunteer.summary,
            "birth_date": volunteer.birth_date,
            "gender": volunteer.gender,
            "nationalities": [c.pk for c in volunteer.nationalities.all()],
            "heritage_countries": [c.pk for c in volunteer.heritage_countries.all()],
            "residence_country": volunteer.residence_country_id,
            "sectors": volunteer.sectors,
            "eligible_categories": volunteer.eligible_categories,
            "available_from": volunteer.available_from,
            "available_until": volunteer.available_until,
            "consent_to_matching": volunteer.consent_to_matching,
        }

        def value(name):
            if name in data:
                return data[name]
            # PUT replaces the profile: a field left out is emptied.
            return current[name] if partial else None

        nationalities = [c.upper() for c in value("nationalities") or []]
        heritage = [c.upper() for c in value("heritage_countries") or []]
        residence = (value("residence_country") or "").upper() or None
        _check_known("nationalities", Country, nationalities)
        _check_known("heritage_countries", Country, heritage)
        _check_known("residence_country", Country, [residence] if residence else [])
        with transaction.atomic():
            services.volunteer_profile_update(
                volunteer=volunteer,
                birth_date=value("birth_date"),
                gender=value("gender") or "",
                nationality_ids=nationalities,
                heritage_country_ids=heritage,
                residence_country_id=residence,
                headline=value("headline") or "",
                summary=value("summary") or "",
                occupation_id=volunteer.occupation_id,
                sectors=value("sectors") or [],
                eligible_categories=value("eligible_categories") or [],
                available_from=value("available_from"),
                available_until=value("available_until"),
                consent_to_matching=bool(value("consent_to_matching")),
            )
            if "languages" in data or not partial:
                entries = data.get("languages", [])
                _check_known("languages", Language, [e["language"] for e in entries])
                services.volunteer_languages_set(
                    volunteer=volunteer,
                    languages=[services.LanguageEntry(e["language"], e["level"]) for e in entries],
                )
            if "skills" in data or not partial:
                entries = data.get("skills", [])
                _check_known("skills", Skill, [e["skill"] for e in entries])
                services.volunteer_skills_set(
                    volunteer=volunteer,
                    skills=[
                        services.SkillEntry(e["skill"], e["level"], e.get("years", 0))
                        for e in entries
                    ],
                )
        return Response(ProfileOutput(volunteer_for_user(request.user)).data)
