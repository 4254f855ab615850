"""Word lists shared by the rules: first names, US states, title words."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

US_STATE_CODES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH "
    "OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR"
).split()
US_STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|"
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|"
    "North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|"
    "Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico"
)
STATE_PATTERN = "(?:" + "|".join(US_STATE_CODES) + "|" + US_STATE_NAMES + r"|Mass\.|Calif\.|Fla\.|Tex\.|Penn\.)"
# Capitalised words that start sentences or name things but are never part of a person's name.
NOT_NAME_WORDS = frozenset(
    """a an and at by for from in of on or the to with our my your his her their its we i it this that these those
    thanks thank happy meet congrats congratulations welcome hello hi dear proud today yesterday tomorrow
    patient patients doctor dr nurse team hospital clinic medical general center health care ai fda
    mr mrs ms miss mx prof professor md rn do phd np pa ceo cmo cto vp
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december new more read watch see join learn call email visit
    mom mommy mum mama momma dad daddy pop pops papa grandma grandpa gran granny grandad granddad nana nan nonna nonno
    abuela abuelo abuelita abuelito oma opa mother father auntie aunt uncle sis bro hubby
    sir ma'am maam madam po ate kuya ours yours sarge
    en de del la el los las que y con por para un una es su se dice dijo esta está tiene vino llegó llego me nos le les mi quien
    english spanish french portuguese chinese mandarin cantonese vietnamese korean arabic russian tagalog filipino haitian creole hindi italian german japanese polish somali latino latina hispanic asl
    """.split()
)


@cache
def first_names() -> frozenset[str]:
    """Return the first-name gazetteer (lower-cased)."""
    data = files("socialrx.core.compliance").joinpath("data/first_names.txt").read_text(encoding="utf-8")
    nicknames = files("socialrx.core.compliance").joinpath("data/nicknames.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in data.splitlines() if line.strip() and not line.startswith("#")) | frozenset(
        word.lower() for line in nicknames.splitlines() if not line.startswith("#") for word in line.split()
    )
