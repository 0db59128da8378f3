"""Names that fit each nationality.

Faker's locales are sampled once into per-locale pools (first names by gender, family names);
rows then draw from the pools with numpy indices, which is what makes a million names cheap.
Where Faker has no Latin-script person provider for a country the volunteers come from, a short
hand-written pool stands in.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np

POOL_SIZE = 400
_POOL_SEED = 20_260_101  # pools are the same whatever seed a run uses

# name source: a Faker locale, or "hand:<key>" for a pool of HAND_NAMES below
HAND_NAMES: dict[str, tuple[str, str, str]] = {
    # key: (female first names, male first names, family names), space-separated; "_" = space
    "ph": (
        "Maria Ana Kristine Jasmine Angelica Maricel Rowena Lourdes Divina Carmela Joy Grace",
        "Jose Juan Mark Christian Rommel Ramon Arnel Jerome Rodel Noel Paolo Carlo",
        "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Villanueva Ramos Aquino "
        "Castillo Dela_Cruz Navarro Pascual Soriano Manalo Dizon",
    ),
    "bd": (
        "Fatema Nusrat Sharmin Taslima Rokeya Nasrin Farhana Shirin Ayesha Sumaiya Mithila",
        "Mohammad Abdul Rahim Karim Shafiqul Tanvir Arif Rashed Sajib Habib Anisur Mizanur",
        "Rahman Hossain Islam Ahmed Chowdhury Khan Akter Begum Uddin Sarker Das Mondal Alam "
        "Haque Miah Talukder",
    ),
    "east_africa": (
        "Nakato Namukasa Atim Akello Grace Esther Sarah Florence Agnes Uwase Mukamana Nabirye",
        "Okello Mugisha Kato Ssemakula Joseph Patrick Emmanuel Denis Robert Niyonzima Habimana",
        "Okello Mugisha Namukasa Ssemwanga Kiggundu Nsubuga Opio Ochieng Tumusiime Byaruhanga "
        "Kayondo Nabukenya Niyonsaba Uwimana Habyarimana Nkurunziza",
    ),
    "et": (
        "Almaz Tigist Hana Selam Meron Bethlehem Mahlet Saba Liya Hirut Genet Aster",
        "Abebe Tesfaye Dawit Yonas Solomon Mulugeta Henok Biruk Getachew Yohannes Kebede Bekele",
        "Haile Tadesse Bekele Girma Alemu Tesfaye Mekonnen Gebre Wolde Desta Assefa Kebede "
        "Tsegaye Abera Lemma",
    ),
    "central_africa": (
        "Grâce Esther Chantal Nathalie Jeanne Mireille Rachel Sylvie Clarisse Blandine Huguette",
        "Jean Patrick Christian Didier Serge Trésor Fiston Emmanuel Olivier Blaise Junior",
        "Mukendi Kabongo Ilunga Tshibangu Mbuyi Nzuzi Kalonji Lukusa Mbala Kasongo Ngoy Mulumba "
        "Nkoulou Essomba Ngono Mbarga Ndongo",
    ),
    "west_africa_fr": (
        "Aminata Fatou Awa Mariam Kadiatou Aïssata Adama Rokia Salimata Fanta Bintou Ndeye",
        "Moussa Ibrahima Mamadou Ousmane Abdoulaye Souleymane Boubacar Cheikh Seydou Issa Amadou",
        "Diallo Traoré Coulibaly Keïta Diop Ndiaye Sow Camara Sanogo Ouédraogo Konaté Touré Ba "
        "Kaboré Sawadogo Diarra",
    ),
    "arabic": (
        "Fatima Mariam Aisha Nour Layla Huda Amira Rania Salma Yasmin Hana Reem",
        "Mohamed Ahmed Omar Ali Hassan Mahmoud Khaled Youssef Tarek Karim Abdallah Mustafa",
        "Hassan Ibrahim Mahmoud Abdelrahman Saleh Mansour Khalil Haddad Nasser Farouk Osman "
        "El-Sayed Hamdan Yousef Suleiman Qasim",
    ),
    "np": (
        "Sita Gita Sunita Anita Sarita Pooja Sabina Asha Binita Rekha Kamala Laxmi",
        "Ram Hari Krishna Bikash Suman Rajesh Prakash Sanjay Dipak Anil Santosh Bishnu",
        "Sharma Shrestha Gurung Tamang Thapa Magar Rai Adhikari Karki Poudel Bhattarai "
        "Maharjan Limbu KC Basnet",
    ),
    "af": (
        "Fatima Zahra Maryam Farishta Nazanin Shabana Mina Parwana Lina Roya Sima Homa",
        "Ahmad Mohammad Ali Hamid Rahim Farid Jawad Najib Wahid Sayed Mustafa Omid",
        "Ahmadi Rahimi Karimi Hakimi Sultani Noori Popal Stanikzai Wardak Rasuli Haidari "
        "Samadi Azizi Habibi",
    ),
    "ss": (
        "Nyandeng Achol Ayen Abuk Nyibol Adut Rebecca Mary Elizabeth Nyakuoth Akuol",
        "Deng Garang Majok Mabior Kuol Akol Wani Lado Peter John James Malual",
        "Deng Garang Akol Majok Mabior Kiir Lual Wani Lado Malual Chol Ajak Bol Machar",
    ),
    "so": (
        "Hodan Faduma Sahra Amina Ifrah Hibo Ayaan Nasra Ubah Khadra Deeqa",
        "Abdi Mohamed Ahmed Abdirahman Hassan Omar Farah Yusuf Ismail Abdullahi Said",
        "Mohamed Abdi Ali Farah Warsame Hussein Jama Osman Nur Aden Hirsi Egal",
    ),
    "ht": (
        "Marie Rose Guerline Nadège Mirlande Fabienne Roseline Islande Wideline Sophonie",
        "Jean Pierre Wilson Frantz Jacques Ricardo Widly Jean-Robert Stanley Emmanuel",
        "Joseph Pierre Jean-Baptiste Charles Louis Desir Augustin Etienne Michel Célestin "
        "Dorvil Toussaint",
    ),
}


@dataclass(frozen=True)
class NamePool:
    source: str
    female: np.ndarray  # object arrays of str
    male: np.ndarray
    family: np.ndarray
    female_ascii: np.ndarray
    male_ascii: np.ndarray
    family_ascii: np.ndarray


def ascii_slug(name: str) -> str:
    """'Aïssata' -> 'aissata', "O'Rafferty" -> 'orafferty'; '' if nothing Latin is left."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


def _sample_faker(locale: str) -> tuple[list[str], list[str], list[str]]:
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(_POOL_SEED)
    female = _unique([fake.first_name_female() for _ in range(POOL_SIZE)])
    male = _unique([fake.first_name_male() for _ in range(POOL_SIZE)])
    family = _unique([fake.last_name() for _ in range(POOL_SIZE)])
    return female, male, family


def _arrays(names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    kept = [n for n in names if ascii_slug(n)] or ["Alex"]
    return np.array(kept, dtype=object), np.array([ascii_slug(n) for n in kept], dtype=object)


@cache
def name_pool(source: str) -> NamePool:
    if source.startswith("hand:"):
        female_s, male_s, family_s = HAND_NAMES[source.removeprefix("hand:")]
        female, male, family = (
            [n.replace("_", " ") for n in s.split()] for s in (female_s, male_s, family_s)
        )
    else:
        female, male, family = _sample_faker(source)
    (f, fa), (m, ma), (fam, fama) = _arrays(female), _arrays(male), _arrays(family)
    return NamePool(source, f, m, fam, fa, ma, fama)
