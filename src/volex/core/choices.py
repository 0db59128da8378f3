"""Choice lists shared by several apps, with labels marked for translation.

The values mirror the pure domain enums (`volex.domain`), which know nothing of translation.
"""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from volex.domain.categories import Category as DomainCategory
from volex.domain.cefr import CEFRLevel as DomainCEFR


class Category(models.TextChoices):
    INTERNATIONAL_SPECIALIST = (
        DomainCategory.INTERNATIONAL_SPECIALIST,
        _("International specialist"),
    )
    INTERNATIONAL_EXPERT = DomainCategory.INTERNATIONAL_EXPERT, _("International expert")
    INTERNATIONAL_YOUTH = DomainCategory.INTERNATIONAL_YOUTH, _("International youth")
    INTERNATIONAL_UNIVERSITY = (
        DomainCategory.INTERNATIONAL_UNIVERSITY,
        _("International university"),
    )
    NATIONAL_SPECIALIST = DomainCategory.NATIONAL_SPECIALIST, _("National specialist")
    NATIONAL_EXPERT = DomainCategory.NATIONAL_EXPERT, _("National expert")
    NATIONAL_YOUTH = DomainCategory.NATIONAL_YOUTH, _("National youth")
    NATIONAL_UNIVERSITY = DomainCategory.NATIONAL_UNIVERSITY, _("National university")
    COMMUNITY = DomainCategory.COMMUNITY, _("Community")
    REFUGEE = DomainCategory.REFUGEE, _("Refugee")
    ONLINE = DomainCategory.ONLINE, _("Online")
    DIASPORA = DomainCategory.DIASPORA, _("Diaspora")


class CEFRLevel(models.TextChoices):
    A1 = DomainCEFR.A1, _("A1 – beginner")
    A2 = DomainCEFR.A2, _("A2 – elementary")
    B1 = DomainCEFR.B1, _("B1 – intermediate")
    B2 = DomainCEFR.B2, _("B2 – upper intermediate")
    C1 = DomainCEFR.C1, _("C1 – advanced")
    C2 = DomainCEFR.C2, _("C2 – proficient")
    NATIVE = DomainCEFR.NATIVE, _("Native")


class Sector(models.TextChoices):
    """Sectors of work, close to the humanitarian clusters and the OECD DAC groups."""

    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    WATER_SANITATION = "wash", _("Water, sanitation and hygiene")
    FOOD_SECURITY = "food_security", _("Food security and agriculture")
    PROTECTION = "protection", _("Protection and human rights")
    GENDER = "gender", _("Gender equality")
    GOVERNANCE = "governance", _("Governance, elections and rule of law")
    PEACEBUILDING = "peacebuilding", _("Peace and security")
    ENVIRONMENT = "environment", _("Environment and climate")
    ECONOMIC = "economic", _("Livelihoods and economic development")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure and engineering")
    ICT = "ict", _("Information technology and communications")
    LOGISTICS = "logistics", _("Logistics and supply chain")
    EMERGENCY = "emergency", _("Emergency response and shelter")
    ADMINISTRATION = "administration", _("Administration and finance")
    YOUTH = "youth", _("Youth and sport")


class LeaveNoOneBehindGroup(models.TextChoices):
    """Groups reached that reports must be able to show (leave no one behind)."""

    WOMEN_AND_GIRLS = "women_girls", _("Women and girls")
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    OLDER_PERSONS = "older_persons", _("Older persons")
    PERSONS_WITH_DISABILITIES = "disabilities", _("Persons with disabilities")
    REFUGEES = "refugees", _("Refugees and asylum seekers")
    INTERNALLY_DISPLACED = "idps", _("Internally displaced persons")
    MIGRANTS = "migrants", _("Migrants")
    INDIGENOUS = "indigenous", _("Indigenous peoples")
    MINORITIES = "minorities", _("Ethnic, religious and linguistic minorities")
    RURAL = "rural", _("Rural communities")
    URBAN_POOR = "urban_poor", _("Urban poor")
    PEOPLE_WITH_HIV = "hiv", _("People living with HIV")
    LGBTIQ = "lgbtiq", _("LGBTIQ+ persons")


def labels_of(choices: type[models.TextChoices], codes: Iterable[str]) -> list[str]:
    """Stored codes in words, in the active language: a person never reads `women_girls`."""
    names = dict(choices.choices)
    return [str(names.get(code, code)) for code in codes]
