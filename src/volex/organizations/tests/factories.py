import factory

from volex.organizations.models import Membership, Organization, VerificationStatus
from volex.organizations.services import membership_grant, organization_create


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Host Organization {n}")
    acronym = factory.Sequence(lambda n: f"HO{n}")
    slug = factory.Sequence(lambda n: f"host-organization-{n}")
    kind = "un_entity"
    country_id = "KE"
    verification_status = VerificationStatus.VERIFIED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.pop("slug", None)
        return organization_create(**kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("volex.accounts.tests.factories.UserFactory")
    organization = factory.SubFactory(OrganizationFactory)
    role = "host_supervisor"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return membership_grant(**kwargs)
