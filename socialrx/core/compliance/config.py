"""Per-organisation compliance configuration and per-post check context."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Literal, get_args

import phonenumbers

from socialrx.core.compliance.patterns import compile_pattern

RegulatoryStatus = Literal[
    "510k_cleared",
    "de_novo_granted",
    "pma_approved",
    "exempt",
    "investigational",
    "not_a_device",
    "breakthrough_designation",
    "rx_drug_approved",
]
REGULATORY_STATUSES: frozenset[str] = frozenset(get_args(RegulatoryStatus))
# Other names for registry statuses, as writers and spreadsheets spell them.
STATUS_ALIASES: dict[str, str] = {
    "general_wellness_app": "not_a_device", "general_wellness": "not_a_device", "wellness": "not_a_device",
    "preclinical": "investigational", "510k": "510k_cleared", "de_novo": "de_novo_granted", "pma": "pma_approved",
}  # fmt: skip
_STATUS_LABEL = compile_pattern(r"\s*(\w+)\s*(?:\(\s*established_name\s*=\s*([^)]+?)\s*\))?\s*")
SEVERITY_SETTINGS: frozenset[str] = frozenset({"block", "review", "info", "off"})

# Words in an author relationship that mean a material connection (16 CFR 255.5): "paid_influencer", "gifted_user",
# "employee", "paid speaker", "brand-partner", "advisor". Relationships are free text in strategies and imports, so
# each word of the value is looked up, not the whole value.
MATERIAL_RELATIONSHIP_WORDS: frozenset[str] = frozenset(
    """employee employed staff paid gifted gift advisor adviser consultant investor shareholder partner affiliate
    ambassador sponsored sponsor compensated""".split()
)


@dataclass(frozen=True)
class Product:
    """A registered product: its names, FDA status, cleared indication and risk page."""

    name: str
    regulatory_status: RegulatoryStatus
    aliases: tuple[str, ...] = ()
    cleared_indication: str | None = None
    risk_info_url: str | None = None
    established_name: str | None = None

    @property
    def all_names(self) -> tuple[str, ...]:
        """Return the product name followed by its aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class ComplianceConfig:
    """An organisation's products, allow-lists and rule severity overrides."""

    products: tuple[Product, ...] = ()
    own_domains: tuple[str, ...] = ()
    own_phone_numbers: tuple[str, ...] = ()
    own_handles: tuple[str, ...] = ()
    spokespeople: tuple[str, ...] = ()
    rule_severity: Mapping[str, str] = field(default_factory=dict)
    authorized_patient_stories: tuple[str, ...] = ()
    author_relationship: str = "brand"

    def __post_init__(self) -> None:
        for key, value in self.rule_severity.items():
            if value not in SEVERITY_SETTINGS:
                raise ValueError(f"rule_severity[{key!r}]: {value!r} is not one of {sorted(SEVERITY_SETTINGS)}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ComplianceConfig:
        """Build a config from plain data such as a strategy's products and compliance sections."""
        return cls(
            products=tuple(_product_from_data(item) for item in product_items(data.get("products") or ())),
            own_domains=_strings(data, "own_domains"),
            own_phone_numbers=_strings(data, "own_phone_numbers"),
            own_handles=_strings(data, "own_handles"),
            spokespeople=_strings(data, "spokespeople"),
            rule_severity=dict(data.get("rule_severity") or {}),
            authorized_patient_stories=_strings(data, "authorized_patient_stories"),
            author_relationship=str(data.get("author_relationship") or "brand"),
        )

    def with_products(self, products: Any) -> ComplianceConfig:
        """Return this configuration with more registry entries (a mapping or list); same names are replaced."""
        extra = tuple(_product_from_data(item) for item in product_items(products or ()))
        names = {product.name.lower() for product in extra}
        kept = tuple(product for product in self.products if product.name.lower() not in names)
        return replace(self, products=kept + extra)

    @cached_property
    def own_phone_digits(self) -> frozenset[str]:
        """Return our own phone numbers as national-number digit strings."""
        return frozenset(national_digits(number) for number in self.own_phone_numbers)

    @cached_property
    def spokespeople_tokens(self) -> frozenset[str]:
        """Return every lower-cased word of every spokesperson's name."""
        return frozenset(token.lower().strip(".") for name in self.spokespeople for token in name.split())

    @cached_property
    def product_tokens(self) -> frozenset[str]:
        """Return every lower-cased word of every product name and alias."""
        return frozenset(
            token.lower() for product in self.products for name in product.all_names for token in name.split()
        )

    def severity_for(self, rule: str, default: str) -> str:
        """Return the configured severity for a rule id (or its family), else the default."""
        if rule in self.rule_severity:
            return self.rule_severity[rule]
        family = rule.split(".", 1)[0]
        return self.rule_severity.get(family, default)


@dataclass(frozen=True)
class CheckContext:
    """Facts about one post that are not in its text: media, payment, author, reply."""

    alt_texts: tuple[str | None, ...] = ()
    is_paid: bool = False
    has_disclosure_tag: bool = False
    author_relationship: str | None = None
    is_reply: bool = False
    patient_authorization_id: str | None = None
    media_release_on_file: bool = False

    @property
    def has_material_connection(self) -> bool:
        """Return whether the author is paid, gifted, employed or otherwise connected."""
        words = re.split(r"[^a-z]+", (self.author_relationship or "").lower())
        return self.is_paid or not MATERIAL_RELATIONSHIP_WORDS.isdisjoint(words)


def national_digits(number: str) -> str:
    """Return the national significant number of a phone number, or its bare digits."""
    try:
        return str(phonenumbers.parse(number, "US").national_number)
    except phonenumbers.NumberParseException:
        return "".join(ch for ch in number if ch.isdigit())


def product_items(products: Any) -> list[Mapping[str, Any]]:
    """Return registry entries as a list of product objects, from a list or a ``{name: status or object}`` mapping."""
    if isinstance(products, Mapping):
        return [product_from_label(name, spec) if isinstance(spec, str) else {"name": name, **dict(spec)}
                for name, spec in products.items()]  # fmt: skip
    return list(products)


def product_from_label(name: str, label: str) -> dict[str, Any]:
    """Return registry data for a short label such as '510k_cleared' or 'rx_drug_approved(established_name=x)'."""
    match = _STATUS_LABEL.fullmatch(label)
    if match is None:
        raise ValueError(f"products[{name!r}]: {label!r} is not a regulatory status")
    status = STATUS_ALIASES.get(match.group(1), match.group(1))
    return {"name": name, "regulatory_status": status, "established_name": match.group(2)}


def _product_from_data(item: Mapping[str, Any]) -> Product:
    if not isinstance(item, Mapping) or not item.get("name"):
        raise ValueError(f"each product needs a 'name' (got {item!r})")
    status = item.get("regulatory_status")
    status = STATUS_ALIASES.get(status, status) if isinstance(status, str) else status
    if status not in REGULATORY_STATUSES:
        raise ValueError(
            f"products[{item.get('name')!r}].regulatory_status: {status!r} is not one of {sorted(REGULATORY_STATUSES)}"
        )
    return Product(
        name=str(item["name"]),
        regulatory_status=status,
        aliases=tuple(item.get("aliases") or ()),
        cleared_indication=item.get("cleared_indication"),
        risk_info_url=item.get("risk_info_url"),
        established_name=item.get("established_name"),
    )


def _strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(value) for value in data.get(key) or ())
