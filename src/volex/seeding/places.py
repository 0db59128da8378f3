"""Duty stations: the headquarters of UN peace operations plus a table of real duty stations
(capitals, field locations of UN operations), with a plausible ICSC hardship class and whether
dependants may join (family duty station)."""

from __future__ import annotations

from datetime import date

# (country, place, hardship class, family duty station)
DUTY_STATIONS: tuple[tuple[str, str, str, bool], ...] = (
    ("US", "New York", "H", True), ("CH", "Geneva", "H", True), ("AT", "Vienna", "H", True),
    ("DE", "Bonn", "H", True), ("IT", "Rome", "H", True), ("FR", "Paris", "H", True),
    ("DK", "Copenhagen", "H", True), ("KE", "Nairobi", "B", True), ("KE", "Kakuma", "E", False),
    ("KE", "Dadaab", "E", False), ("KE", "Kisumu", "B", True), ("UG", "Kampala", "B", True),
    ("UG", "Gulu", "C", True), ("UG", "Arua", "C", True), ("ET", "Addis Ababa", "B", True),
    ("ET", "Gambella", "D", False), ("ET", "Jijiga", "D", False), ("NG", "Abuja", "C", True),
    ("NG", "Maiduguri", "E", False), ("NG", "Lagos", "C", True), ("CF", "Bangui", "E", False),
    ("CF", "Bria", "E", False), ("CF", "Bambari", "E", False), ("CF", "Kaga-Bandoro", "E", False),
    ("CF", "Bouar", "D", False), ("CD", "Kinshasa", "D", True), ("CD", "Goma", "D", False),
    ("CD", "Bunia", "E", False), ("CD", "Beni", "E", False), ("CD", "Bukavu", "D", False),
    ("CD", "Kalemie", "E", False), ("SS", "Juba", "E", False), ("SS", "Malakal", "E", False),
    ("SS", "Bor", "E", False), ("SS", "Wau", "E", False), ("SS", "Bentiu", "E", False),
    ("SS", "Yambio", "E", False), ("ML", "Bamako", "D", False), ("ML", "Gao", "E", False),
    ("ML", "Mopti", "E", False), ("SD", "Khartoum", "D", False), ("SD", "Al Fashir", "E", False),
    ("SD", "Nyala", "E", False), ("SO", "Mogadishu", "E", False), ("SO", "Hargeisa", "D", False),
    ("SO", "Garowe", "E", False), ("SO", "Baidoa", "E", False), ("AF", "Kabul", "E", False),
    ("AF", "Herat", "E", False), ("AF", "Mazar-i-Sharif", "E", False), ("IQ", "Baghdad", "E", False),
    ("IQ", "Erbil", "C", True), ("SY", "Damascus", "E", False), ("LB", "Beirut", "C", True),
    ("LB", "Naqoura", "D", False), ("YE", "Aden", "E", False), ("LY", "Tripoli", "E", False),
    ("HT", "Port-au-Prince", "E", False), ("HT", "Cap-Haïtien", "D", False),
    ("CO", "Bogotá", "B", True), ("CO", "Quibdó", "D", True), ("CO", "Cúcuta", "C", True),
    ("BD", "Dhaka", "C", True), ("BD", "Cox's Bazar", "D", False), ("MM", "Yangon", "C", True),
    ("MM", "Sittwe", "E", False), ("TL", "Dili", "C", True), ("KH", "Phnom Penh", "B", True),
    ("NP", "Kathmandu", "C", True), ("PK", "Islamabad", "C", True), ("IN", "New Delhi", "B", True),
    ("PH", "Manila", "B", True), ("PH", "Cotabato", "D", True), ("ID", "Jakarta", "B", True),
    ("TH", "Bangkok", "A", True), ("EH", "Laayoune", "D", False), ("CY", "Nicosia", "A", True),
    ("JO", "Amman", "A", True), ("JO", "Mafraq", "C", True), ("TR", "Gaziantep", "C", True),
    ("UA", "Kyiv", "D", False), ("SN", "Dakar", "A", True), ("BF", "Ouagadougou", "D", False),
    ("NE", "Niamey", "D", False), ("TD", "N'Djamena", "D", False), ("TD", "Abéché", "E", False),
    ("CM", "Yaoundé", "C", True), ("CM", "Maroua", "D", False), ("MZ", "Maputo", "B", True),
    ("MZ", "Pemba", "D", False), ("MG", "Antananarivo", "C", True), ("ZW", "Harare", "C", True),
    ("ZA", "Pretoria", "A", True), ("RW", "Kigali", "B", True), ("BI", "Bujumbura", "D", True),
    ("GN", "Conakry", "C", True), ("SL", "Freetown", "C", True), ("LR", "Monrovia", "D", True),
    ("CI", "Abidjan", "B", True), ("GH", "Accra", "B", True), ("EG", "Cairo", "B", True),
    ("TN", "Tunis", "A", True), ("MA", "Rabat", "A", True), ("GT", "Guatemala City", "B", True),
    ("HN", "Tegucigalpa", "C", True), ("VE", "Caracas", "D", True), ("PE", "Lima", "A", True),
    ("EC", "Quito", "A", True), ("BO", "La Paz", "B", True), ("BR", "Brasília", "A", True),
    ("PA", "Panama City", "A", True), ("FJ", "Suva", "B", True), ("PG", "Port Moresby", "D", True),
    ("TZ", "Dar es Salaam", "B", True), ("ZM", "Lusaka", "B", True), ("MW", "Lilongwe", "B", True),
)  # fmt: skip

# The first place listed for a country is its capital (or main UN duty station).
CAPITALS: dict[str, str] = {}
for _country, _place, _hardship, _family in DUTY_STATIONS:
    CAPITALS.setdefault(_country, _place)

DEFAULT_HARDSHIP = ("B", True)  # a peace operation's former seat not in the table above


def ensure_duty_stations(using: str = "default") -> tuple[list, int]:
    """Create the duty stations that are missing (by country and place); return all duty stations
    in the table or at a peace operation's headquarters, and how many were created."""
    from volex.assignments.models import DutyStation
    from volex.reference.models import Country, PeaceOperation

    countries = set(Country.objects.using(using).values_list("code", flat=True))
    wanted: dict[tuple[str, str], DutyStation] = {}
    for country, place, hardship, family in DUTY_STATIONS:
        if country in countries:
            wanted[(country, place)] = DutyStation(
                country_id=country, place=place, hardship_class=hardship, is_family=family
            )
    known = {(c, p): (h, f) for c, p, h, f in DUTY_STATIONS}
    operations = PeaceOperation.objects.using(using).filter(country__isnull=False)
    # the active operation, else the latest, names the station at a shared headquarters
    for op in sorted(operations, key=lambda o: (o.is_active, o.start_date or date.min, o.pk)):
        place = op.headquarters.strip()
        if not place or "(" in place:
            continue
        hardship, family = known.get((op.country_id, place), DEFAULT_HARDSHIP)
        station = wanted.get((op.country_id, place)) or DutyStation(
            country_id=op.country_id, place=place, hardship_class=hardship, is_family=family
        )
        station.peace_operation_id = op.pk
        station.latitude, station.longitude = op.latitude, op.longitude
        wanted[(op.country_id, place)] = station
    manager = DutyStation.objects.using(using)
    existing = {(s.country_id, s.place): s for s in manager.all()}
    missing = [s for key, s in sorted(wanted.items()) if key not in existing]
    manager.bulk_create(missing, ignore_conflicts=True)
    stations = [s for s in manager.order_by("pk") if (s.country_id, s.place) in wanted]
    return stations, len(missing)
