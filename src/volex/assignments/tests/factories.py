from datetime import date, timedelta

import factory

from volex.assignments import services
from volex.assignments.models import Assignment
from volex.organizations.tests.factories import OrganizationFactory


def station(country: str = "KE", place: str = "Nairobi", hardship: str = "A"):
    return services.duty_station_get_or_create(
        country_id=country, place=place, hardship_class=hardship
    )


class AssignmentFactory(factory.django.DjangoModelFactory):
    """An assignment made through `assignment_create` (and published when `publish=True`)."""

    class Meta:
        model = Assignment

    host = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Programme Officer {n}")
    category = "international_specialist"
    sector = "health"
    country = "UG"
    start_date = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    weeks = 52
    publish = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        publish = kwargs.pop("publish")
        start = kwargs.pop("start_date")
        country = kwargs.pop("country")
        data = services.AssignmentData(
            title=kwargs.pop("title"),
            category=kwargs["category"],
            sector=kwargs.pop("sector"),
            start_date=start,
            end_date=start + timedelta(weeks=kwargs.pop("weeks")) - timedelta(days=1),
            duty_station=None if kwargs["category"] == "online" else station(country, "Capital"),
            languages=kwargs.pop("languages", ()),
            sdg_goal_ids=kwargs.pop("sdg_goal_ids", ()),
            tasks=kwargs.pop("tasks", "Coordinate the programme."),
        )
        assignment = services.assignment_create(
            host=kwargs["host"], created_by=kwargs.get("created_by"), data=data
        )
        if publish:
            assignment = services.assignment_fast_track(assignment=assignment)
        return assignment
