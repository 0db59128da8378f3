from datetime import date

import factory

from volex.accounts.tests.factories import PASSWORD
from volex.volunteers import services
from volex.volunteers.models import Volunteer


class VolunteerFactory(factory.django.DjangoModelFactory):
    """A registered volunteer with a profile, made through the registration and profile services."""

    class Meta:
        model = Volunteer

    email = factory.Sequence(lambda n: f"volunteer{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    birth_date = date(1995, 6, 15)
    nationalities = ("KE",)
    heritage_countries = ()
    residence_country = "KE"
    consent_to_matching = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        volunteer = services.volunteer_register(
            email=kwargs["email"],
            password=PASSWORD,
            first_name=kwargs["first_name"],
            last_name=kwargs["last_name"],
        )
        return services.volunteer_profile_update(
            volunteer=volunteer,
            birth_date=kwargs["birth_date"],
            gender=kwargs.get("gender", ""),
            nationality_ids=list(kwargs["nationalities"]),
            heritage_country_ids=list(kwargs["heritage_countries"]),
            residence_country_id=kwargs["residence_country"],
            consent_to_matching=kwargs["consent_to_matching"],
            headline=kwargs.get("headline", "Engineer"),
        )
