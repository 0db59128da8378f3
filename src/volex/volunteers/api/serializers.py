from rest_framework import serializers

from volex.core.choices import Category, CEFRLevel, Sector
from volex.volunteers.models import SkillLevel, Volunteer


class LanguageItem(serializers.Serializer):
    language = serializers.CharField(max_length=3)
    level = serializers.ChoiceField(choices=CEFRLevel.choices)


class SkillItem(serializers.Serializer):
    skill = serializers.IntegerField()
    level = serializers.ChoiceField(choices=SkillLevel.choices)
    years = serializers.IntegerField(min_value=0, max_value=70, default=0)


class ProfileOutput(serializers.ModelSerializer):
    first_name = serializers.CharField(source="user.first_name")
    last_name = serializers.CharField(source="user.last_name")
    email = serializers.EmailField(source="user.email")
    nationalities = serializers.SerializerMethodField()
    heritage_countries = serializers.SerializerMethodField()
    residence_country = serializers.CharField(source="residence_country_id", allow_null=True)
    languages = serializers.SerializerMethodField()
    skills = serializers.SerializerMethodField()

    class Meta:
        model = Volunteer
        fields = [
            "id",
            "first_name",
            "last_name",
            "email",
            "headline",
            "summary",
            "birth_date",
            "gender",
            "nationalities",
            "heritage_countries",
            "residence_country",
            "sectors",
            "eligible_categories",
            "available_from",
            "available_until",
            "consent_to_matching",
            "languages",
            "skills",
        ]

    def get_nationalities(self, obj) -> list[str]:
        return sorted(c.pk for c in obj.nationalities.all())

    def get_heritage_countries(self, obj) -> list[str]:
        return sorted(c.pk for c in obj.heritage_countries.all())

    def get_languages(self, obj) -> list[dict]:
        return [{"language": vl.language_id, "level": vl.level} for vl in obj.languages.all()]

    def get_skills(self, obj) -> list[dict]:
        return [
            {"skill": vs.skill_id, "title": vs.skill.title, "level": vs.level, "years": vs.years}
            for vs in obj.skills.all()
        ]


class ProfileInput(serializers.Serializer):
    headline = serializers.CharField(max_length=160, allow_blank=True, required=False)
    summary = serializers.CharField(allow_blank=True, required=False)
    birth_date = serializers.DateField(allow_null=True, required=False)
    gender = serializers.CharField(max_length=64, allow_blank=True, required=False)
    nationalities = serializers.ListField(child=serializers.CharField(max_length=2), required=False)
    heritage_countries = serializers.ListField(
        child=serializers.CharField(max_length=2), required=False
    )
    residence_country = serializers.CharField(max_length=2, allow_null=True, required=False)
    sectors = serializers.ListField(child=serializers.ChoiceField(Sector.choices), required=False)
    eligible_categories = serializers.ListField(
        child=serializers.ChoiceField(Category.choices), required=False
    )
    available_from = serializers.DateField(allow_null=True, required=False)
    available_until = serializers.DateField(allow_null=True, required=False)
    consent_to_matching = serializers.BooleanField(required=False)
    languages = LanguageItem(many=True, required=False)
    skills = SkillItem(many=True, required=False)
