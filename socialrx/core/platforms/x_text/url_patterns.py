"""twitter-text's URL regular expressions (``twitter-text/js/src/regexp``), assembled for Python ``re``."""

import re
from functools import cache
from importlib import resources

from socialrx.core.platforms.x_text.trie_pattern import trie_pattern

LATIN_ACCENT_CHARS = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b"
    "\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
CYRILLIC_LETTERS_AND_MARKS = "\u0400-\u04ff"
DIRECTIONAL_MARKERS = "\u202a-\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
INVALID_CHARS = "\ufffe\ufeff\uffff"
SPACES = "\x09-\x0d\x20\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PUNCT = r"\!'#%&'\(\)*\+,\\\-\.\/:;<=>\?@\[\]\^_{|}~\$/"

_DOMAIN_CHAR = "[^" + _PUNCT + SPACES + INVALID_CHARS + DIRECTIONAL_MARKERS + "]"
_SUBDOMAIN = f"(?:(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_DOMAIN_NAME = f"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_TLD_END = "(?=[^0-9a-zA-Z@+-]|$)"
_PUNYCODE = "(?:xn--[\\-0-9a-z]+)"

_PATH_CHAR = (
    f"[a-z{CYRILLIC_LETTERS_AND_MARKS}0-9!\\*';:=\\+,\\.\\$\\/%#\\[\\]\\-\u2013_~@\\|&{LATIN_ACCENT_CHARS}]"
)
_BALANCED_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
# Left ungrouped on purpose: twitter-text splices this alternation into the path pattern as is,
# so a balanced-parens ending is an alternative to the whole path segment.
_PATH_ENDING = f"[\\+\\-a-z{CYRILLIC_LETTERS_AND_MARKS}0-9=_#\\/{LATIN_ACCENT_CHARS}]|(?:{_BALANCED_PARENS})"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_BALANCED_PARENS}{_PATH_CHAR}*)*{_PATH_ENDING})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHARS = "[a-z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|]"
_QUERY_ENDING = "[a-z0-9\\-_&=#/]"
_PRECEDING = f"(?:[^A-Za-z0-9@\uff20$#\uff03{INVALID_CHARS}]|[{DIRECTIONAL_MARKERS}]|^)"




@cache
def top_level_domains() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return twitter-text's generic and country-code top-level domains, lowercase."""
    text = resources.files(__package__).joinpath("tlds.txt").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        else:
            current.append(line)
    return tuple(sections["generic"]), tuple(sections["country"])


@cache
def _tld_alternatives() -> str:
    generic, country = top_level_domains()
    return "|".join(
        [
            f"(?:{trie_pattern(list(generic))}){_TLD_END}",
            f"(?:{trie_pattern(list(country))}){_TLD_END}",
            _PUNYCODE,
        ]
    )


@cache
def extract_url_pattern() -> re.Pattern[str]:
    """Return the pattern that finds URL candidates, with its preceding character."""
    domain = f"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}(?:{_tld_alternatives()}))"
    return re.compile(
        f"(?P<before>{_PRECEDING})"
        "(?P<url>"
        "(?P<protocol>https?://)?"
        f"(?P<domain>{domain})"
        "(?::[0-9]+)?"
        f"(?P<path>/{_PATH}*)?"
        f"(?:\\?{_QUERY_CHARS}*{_QUERY_ENDING})?"
        ")",
        re.IGNORECASE,
    )


@cache
def ascii_domain_pattern() -> re.Pattern[str]:
    """Return the pattern for ASCII-only domains inside a domain found without a protocol."""
    return re.compile(
        f"(?:(?:[\\-a-z0-9{LATIN_ACCENT_CHARS}]+)\\.)+(?:{_tld_alternatives()})",
        re.IGNORECASE,
    )


TCO_URL = re.compile(f"^https?://t\\.co/([a-z0-9]+)(?:\\?{_QUERY_CHARS}*{_QUERY_ENDING})?", re.IGNORECASE)
INVALID_PRECEDING_WITHOUT_PROTOCOL = re.compile(r"[-_./]$")
