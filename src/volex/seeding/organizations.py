"""Host organizations: a realistic set created when a database has fewer than about twenty.

UN entities, peace operations with field offices as children, governments, NGOs and national
volunteer schemes; all verified, so that their assignments can be published."""

from __future__ import annotations

from dataclasses import dataclass

MIN_ORGANIZATIONS = 20

# (slug, name, acronym, kind, country, parent slug, peace operation, network member, website)
ORGANIZATIONS: tuple[tuple[str, str, str, str, str, str, str, bool, str], ...] = (
    ("unv", "United Nations Volunteers programme", "UNV", "un_entity", "DE", "", "", True,
     "https://www.unv.org"),
    ("undp", "United Nations Development Programme", "UNDP", "un_entity", "US", "", "", False,
     "https://www.undp.org"),
    ("unicef", "United Nations Children's Fund", "UNICEF", "un_entity", "US", "", "", False,
     "https://www.unicef.org"),
    ("unhcr", "Office of the UN High Commissioner for Refugees", "UNHCR", "un_entity", "CH", "",
     "", False, "https://www.unhcr.org"),
    ("wfp", "World Food Programme", "WFP", "un_entity", "IT", "", "", False, "https://www.wfp.org"),
    ("who", "World Health Organization", "WHO", "un_entity", "CH", "", "", False,
     "https://www.who.int"),
    ("unfpa", "United Nations Population Fund", "UNFPA", "un_entity", "US", "", "", False,
     "https://www.unfpa.org"),
    ("un-women", "UN Women", "UN Women", "un_entity", "US", "", "", False,
     "https://www.unwomen.org"),
    ("fao", "Food and Agriculture Organization of the United Nations", "FAO", "un_entity", "IT",
     "", "", False, "https://www.fao.org"),
    ("unep", "United Nations Environment Programme", "UNEP", "un_entity", "KE", "", "", False,
     "https://www.unep.org"),
    ("ocha", "UN Office for the Coordination of Humanitarian Affairs", "OCHA", "un_entity", "US",
     "", "", False, "https://www.unocha.org"),
    ("iom", "International Organization for Migration", "IOM", "un_entity", "CH", "", "", False,
     "https://www.iom.int"),
    ("monusco", "UN Organization Stabilization Mission in the DR Congo", "MONUSCO",
     "peace_operation", "CD", "", "MONUSCO", False, "https://monusco.unmissions.org"),
    ("monusco-goma", "MONUSCO field office Goma", "", "peace_operation", "CD", "monusco",
     "MONUSCO", False, ""),
    ("monusco-bunia", "MONUSCO field office Bunia", "", "peace_operation", "CD", "monusco",
     "MONUSCO", False, ""),
    ("unmiss", "UN Mission in South Sudan", "UNMISS", "peace_operation", "SS", "", "UNMISS", False,
     "https://unmiss.unmissions.org"),
    ("unmiss-malakal", "UNMISS field office Malakal", "", "peace_operation", "SS", "unmiss",
     "UNMISS", False, ""),
    ("unmiss-bor", "UNMISS field office Bor", "", "peace_operation", "SS", "unmiss", "UNMISS",
     False, ""),
    ("minusca", "UN Multidimensional Integrated Stabilization Mission in the Central African "
     "Republic", "MINUSCA", "peace_operation", "CF", "", "MINUSCA", False,
     "https://minusca.unmissions.org"),
    ("minusca-bria", "MINUSCA field office Bria", "", "peace_operation", "CF", "minusca",
     "MINUSCA", False, ""),
    ("unifil", "UN Interim Force in Lebanon", "UNIFIL", "peace_operation", "LB", "", "UNIFIL",
     False, "https://unifil.unmissions.org"),
    ("minurso", "UN Mission for the Referendum in Western Sahara", "MINURSO", "peace_operation",
     "EH", "", "MINURSO", False, "https://minurso.unmissions.org"),
    ("unficyp", "UN Peacekeeping Force in Cyprus", "UNFICYP", "peace_operation", "CY", "",
     "UNFICYP", False, "https://unficyp.unmissions.org"),
    ("ke-ministry-health", "Ministry of Health, Kenya", "MoH", "government", "KE", "", "", False,
     "https://www.health.go.ke"),
    ("ng-inec", "Independent National Electoral Commission, Nigeria", "INEC", "government", "NG",
     "", "", False, "https://inecnigeria.org"),
    ("co-unidad-victimas", "Unidad para las Víctimas, Colombia", "", "government", "CO", "", "",
     False, "https://www.unidadvictimas.gov.co"),
    ("bd-dgdp", "Department of Disaster Management, Bangladesh", "DDM", "government", "BD", "", "",
     False, ""),
    ("krcs", "Kenya Red Cross Society", "KRCS", "ngo", "KE", "", "", True,
     "https://www.redcross.or.ke"),
    ("brac", "BRAC", "BRAC", "ngo", "BD", "", "", True, "https://www.brac.net"),
    ("msf", "Médecins Sans Frontières", "MSF", "ngo", "CH", "", "", False, "https://www.msf.org"),
    ("save-the-children", "Save the Children", "", "ngo", "GB", "", "", False,
     "https://www.savethechildren.net"),
    ("oxfam", "Oxfam International", "Oxfam", "ngo", "KE", "", "", False,
     "https://www.oxfam.org"),
    ("vso", "VSO", "VSO", "ngo", "GB", "", "", True, "https://www.vsointernational.org"),
    ("nysc", "National Youth Service Corps", "NYSC", "national_scheme", "NG", "", "", True,
     "https://www.nysc.gov.ng"),
    ("pnvsca", "Philippine National Volunteer Service Coordinating Agency", "PNVSCA",
     "national_scheme", "PH", "", "", True, "https://www.pnvsca.gov.ph"),
    ("france-volontaires", "France Volontaires", "", "national_scheme", "FR", "", "", True,
     "https://www.france-volontaires.org"),
    ("koica", "Korea International Cooperation Agency", "KOICA", "government", "KR", "", "",
     True, "https://www.koica.go.kr"),
    ("ke-nys", "National Youth Service, Kenya", "NYS", "national_scheme", "KE", "", "", True,
     "https://www.nys.go.ke"),
    ("uganda-national-volunteer-service", "Uganda National Volunteer Service Scheme", "",
     "national_scheme", "UG", "", "", True, ""),
    ("makerere", "Makerere University", "", "academic", "UG", "", "", True,
     "https://www.mak.ac.ug"),
)  # fmt: skip


@dataclass(frozen=True)
class Host:
    id: int
    name: str
    kind: str
    country: str
    peace_operation: int | None


def ensure_organizations(using: str = "default") -> tuple[list[Host], int]:
    """Create the realistic set where fewer than MIN_ORGANIZATIONS verified organizations exist;
    return the verified organizations as hosts and how many were created."""
    from volex.organizations.models import Organization, VerificationStatus
    from volex.reference.models import Country, PeaceOperation

    manager = Organization.objects.using(using)
    verified = manager.filter(verification_status=VerificationStatus.VERIFIED)
    created = 0
    if verified.count() < MIN_ORGANIZATIONS:
        countries = set(Country.objects.using(using).values_list("code", flat=True))
        operations = dict(PeaceOperation.objects.using(using).values_list("acronym", "pk"))
        existing = set(manager.values_list("slug", flat=True))
        for slug, name, acronym, kind, country, parent, op, network, web in ORGANIZATIONS:
            if slug in existing or country not in countries:
                continue
            parent_org = manager.filter(slug=parent).first() if parent else None
            Organization(
                slug=slug, name=name, acronym=acronym, kind=kind, country_id=country,
                parent=parent_org, peace_operation_id=operations.get(op) if op else None,
                is_network_member=network, website=web,
                verification_status=VerificationStatus.VERIFIED,
            ).save(using=using)  # fmt: skip
            created += 1
    hosts = [
        Host(o.pk, o.name, o.kind, o.country_id, o.peace_operation_id)
        for o in verified.order_by("pk")
    ]
    return hosts, created
