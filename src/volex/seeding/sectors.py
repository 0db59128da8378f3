"""Sectors: which occupations work in them, which SDGs they serve, whom they reach."""

from __future__ import annotations

# ISCO-08 sub-major group (2 digits) -> sector of work
ISCO_SECTOR: dict[str, str] = {
    "11": "governance", "12": "administration", "13": "infrastructure", "14": "economic",
    "21": "infrastructure", "22": "health", "23": "education", "24": "administration",
    "25": "ict", "26": "protection", "31": "infrastructure", "32": "health",
    "33": "administration", "34": "youth", "35": "ict", "41": "administration",
    "42": "administration", "43": "logistics", "44": "administration", "51": "economic",
    "52": "economic", "53": "health", "54": "peacebuilding", "61": "food_security",
    "62": "food_security", "63": "food_security", "71": "infrastructure", "72": "infrastructure",
    "73": "economic", "74": "infrastructure", "75": "food_security", "81": "infrastructure",
    "82": "economic", "83": "logistics", "91": "emergency", "92": "food_security",
    "93": "infrastructure", "94": "food_security", "95": "economic", "96": "wash",
}  # fmt: skip

# Words in an occupation's title that say more than its ISCO group does.
KEYWORD_SECTOR: tuple[tuple[str, str], ...] = (
    ("water", "wash"), ("sanitation", "wash"), ("hygien", "wash"), ("election", "governance"),
    ("electoral", "governance"), ("humanitarian", "emergency"), ("disaster", "emergency"),
    ("climate", "environment"), ("environment", "environment"), ("forest", "environment"),
    ("conservation", "environment"), ("gender", "gender"), ("equality", "gender"),
    ("human rights", "protection"), ("social work", "protection"), ("legal", "governance"),
    ("judge", "governance"), ("police", "peacebuilding"), ("military", "peacebuilding"),
    ("political", "peacebuilding"), ("teacher", "education"), ("nutrition", "health"),
    ("agricultur", "food_security"), ("logistic", "logistics"), ("youth", "youth"),
    ("sport", "youth"), ("software", "ict"), ("data", "ict"), ("finance", "administration"),
)  # fmt: skip

SECTOR_GOALS: dict[str, tuple[int, ...]] = {
    "education": (4, 10), "health": (3, 5), "wash": (6, 3), "food_security": (2, 1, 12),
    "protection": (16, 10, 5), "gender": (5, 10, 16), "governance": (16, 17),
    "peacebuilding": (16, 5), "environment": (13, 15, 14, 7), "economic": (8, 1, 10),
    "infrastructure": (9, 11, 7), "ict": (9, 17, 4), "logistics": (17, 2, 9),
    "emergency": (11, 1, 3, 13), "administration": (17, 16), "youth": (4, 8, 10),
}  # fmt: skip

SECTOR_GROUPS: dict[str, tuple[str, ...]] = {
    "education": ("children", "youth", "women_girls", "disabilities", "rural"),
    "health": ("women_girls", "children", "older_persons", "hiv", "disabilities", "rural"),
    "wash": ("rural", "urban_poor", "idps", "refugees", "children"),
    "food_security": ("rural", "women_girls", "children", "indigenous", "idps"),
    "protection": ("refugees", "idps", "migrants", "women_girls", "children", "lgbtiq"),
    "gender": ("women_girls", "lgbtiq", "rural", "minorities"),
    "governance": ("women_girls", "youth", "minorities", "indigenous", "disabilities"),
    "peacebuilding": ("idps", "refugees", "youth", "women_girls", "minorities"),
    "environment": ("indigenous", "rural", "urban_poor", "youth"),
    "economic": ("women_girls", "youth", "rural", "urban_poor", "migrants", "disabilities"),
    "infrastructure": ("rural", "urban_poor", "disabilities", "older_persons"),
    "ict": ("youth", "women_girls", "disabilities", "rural"),
    "logistics": ("idps", "refugees", "rural"),
    "emergency": ("idps", "refugees", "children", "older_persons", "disabilities"),
    "administration": ("women_girls", "youth"),
    "youth": ("youth", "children", "disabilities", "urban_poor", "minorities"),
}

SECTOR_PURPOSE: dict[str, str] = {
    "education": "access to quality education",
    "health": "primary health care and disease prevention",
    "wash": "safe water, sanitation and hygiene",
    "food_security": "food security and resilient farming",
    "protection": "the protection of people's rights",
    "gender": "gender equality and women's empowerment",
    "governance": "accountable institutions and inclusive elections",
    "peacebuilding": "peace, security and the protection of civilians",
    "environment": "climate action and the protection of ecosystems",
    "economic": "decent work and livelihoods",
    "infrastructure": "resilient infrastructure and basic services",
    "ict": "digital services and data",
    "logistics": "the supply chain of programmes",
    "emergency": "emergency response and recovery",
    "administration": "sound management of programmes and funds",
    "youth": "youth participation and sport for development",
}


def occupation_sector(title: str, isco_code: str) -> str:
    lowered = title.lower()
    for word, sector in KEYWORD_SECTOR:
        if word in lowered:
            return sector
    return ISCO_SECTOR.get(isco_code[:2], "administration")
