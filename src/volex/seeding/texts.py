"""Words for generated profiles and assignments."""

from __future__ import annotations

GENDER_WORDS = ("non-binary", "genderqueer", "agender", "genderfluid", "two-spirit")

EMPLOYERS: dict[str, tuple[str, ...]] = {
    "health": ("Ministry of Health", "{capital} General Hospital", "District health office",
               "National Red Cross Society", "Community health centre, {capital}"),
    "education": ("Ministry of Education", "{capital} Secondary School", "District education office",
                  "Teacher training college, {capital}"),
    "wash": ("{capital} Water and Sewerage Company", "Ministry of Water", "WASH consortium"),
    "food_security": ("Ministry of Agriculture", "Farmers' cooperative union",
                      "Agricultural research institute, {capital}"),
    "protection": ("Ministry of Social Affairs", "Legal aid clinic, {capital}",
                   "National human rights commission", "Child protection network"),
    "gender": ("Women's rights association", "Ministry of Gender", "Gender-based violence shelter"),
    "governance": ("Electoral commission", "Office of the Ombudsman", "Municipality of {capital}",
                   "Ministry of Justice"),
    "peacebuilding": ("Peace and reconciliation commission", "Ministry of Foreign Affairs",
                      "Conflict resolution centre, {capital}"),
    "environment": ("Ministry of Environment", "National parks authority",
                    "Climate resilience NGO, {capital}"),
    "economic": ("Chamber of commerce, {capital}", "Microfinance institution",
                 "Small business development agency", "Cooperative bank"),
    "infrastructure": ("Ministry of Public Works", "{capital} City Council",
                       "Construction and engineering firm", "Rural electrification agency"),
    "ict": ("Ministry of ICT", "Software company, {capital}", "Telecommunications operator",
            "Digital innovation hub, {capital}"),
    "logistics": ("Freight and logistics company", "Central medical stores",
                  "Port authority", "Humanitarian logistics hub"),
    "emergency": ("Disaster management agency", "National Red Cross Society",
                  "Civil protection directorate"),
    "administration": ("Ministry of Finance", "Accounting firm, {capital}",
                       "Municipality of {capital}", "National audit office"),
    "youth": ("Ministry of Youth and Sports", "Youth centre, {capital}",
              "National youth council", "Sports for development association"),
}  # fmt: skip

TITLE_PATTERNS = (
    "{occupation}",
    "{occupation}",
    "{occupation} ({sector})",
    "{occupation}, {place}",
    "{occupation} for {purpose}",
)

CONTEXT = (
    "{host} works in {country} for {purpose}. The volunteer joins the team in {place}, a "
    "{hardship} duty station{family}, and serves as a {category}."
)
ONLINE_CONTEXT = (
    "{host} works for {purpose}. The volunteer serves online, from anywhere, with a team spread "
    "over several time zones."
)
RESULTS = (
    "By the end of the assignment: the work plan on {purpose} is delivered, at least "
    "{people} people from the groups reached have taken part, and colleagues can carry the work on."
)
QUALIFICATIONS = (
    "{education} in {field} or a related field; {years} years of relevant experience; "
    "{languages}. Experience with {skill} is an asset."
)


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def common_name(name: str) -> str:
    """'Congo, The Democratic Republic of the' -> 'the Democratic Republic of the Congo'."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    tail = tail[:1].lower() + tail[1:] if tail.startswith("The ") else tail
    return f"{tail} {head}"
