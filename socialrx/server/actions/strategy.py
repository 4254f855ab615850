"""Writes on strategy versions: upload, activate, and loading the default."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.timezone import now

from socialrx.core.strategy import Strategy, default_strategy_text, load_strategy, strategy_hash
from socialrx.server.actions import ActionError
from socialrx.server.lib.access import active_strategy_version, require_capability
from socialrx.server.lib.audit import log
from socialrx.server.models import StrategyVersion

MAX_STRATEGY_BYTES = 1_000_000


def check_upload_strategy(user, yaml_text: str, *, filename: str) -> Strategy:
    """Authorise and validate an upload; raise PermissionDenied, ActionError or StrategyError."""
    if user is not None:
        require_capability(user, "manage_strategy")
    if len(yaml_text.encode()) > MAX_STRATEGY_BYTES:
        raise ActionError(f"{filename}: the file is larger than 1 MB; a strategy file is a few dozen kB.")
    strategy = load_strategy(yaml_text, source=filename)
    active = active_strategy_version()
    if active is not None and active.content_hash == strategy_hash(strategy):
        raise ActionError(f"{filename}: this is the same strategy as the active version {active.label}; nothing changed.")
    return strategy


def do_upload_strategy(
    user, strategy: Strategy, yaml_text: str, *, filename: str, note: str = "", activate: bool = True
) -> StrategyVersion:
    """Store a validated strategy as the next version and (by default) make it active."""
    with transaction.atomic():
        number = (StrategyVersion.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
        if activate:
            StrategyVersion.objects.filter(is_active=True).update(is_active=False)
        version = StrategyVersion.objects.create(
            number=number,
            name=strategy.organisation.name,
            yaml_text=yaml_text,
            content_hash=strategy_hash(strategy),
            source_filename=filename[:255],
            note=note[:500],
            is_active=activate,
            created_by=user if user is not None and user.is_authenticated else None,
            created_at=now(),
        )
        log(
            "socialrx.strategy.upload",
            actor=user,
            obj=version,
            revision_hash=version.content_hash,
            data={"number": number, "filename": filename, "activated": activate, "note": note},
        )
    return version


def upload_strategy(user, yaml_text: str, *, filename: str, note: str = "") -> StrategyVersion:
    """Validate, store and activate an uploaded strategy file."""
    strategy = check_upload_strategy(user, yaml_text, filename=filename)
    return do_upload_strategy(user, strategy, yaml_text, filename=filename, note=note)


def do_activate_strategy_version(user, version: StrategyVersion) -> StrategyVersion:
    """Make an earlier version the active one again."""
    require_capability(user, "manage_strategy")
    with transaction.atomic():
        StrategyVersion.objects.filter(is_active=True).update(is_active=False)
        StrategyVersion.objects.filter(pk=version.pk).update(is_active=True)
        log("socialrx.strategy.activate", actor=user, obj=version, revision_hash=version.content_hash)
    version.refresh_from_db()
    return version


def ensure_default_strategy() -> StrategyVersion:
    """Load the seed strategy as version 1 when no strategy has been loaded yet."""
    active = active_strategy_version()
    if active is not None:
        return active
    existing = StrategyVersion.objects.order_by("-number").first()
    if existing is not None:
        return existing
    text = default_strategy_text()
    strategy = load_strategy(text, source="healthcare-ai.yaml")
    return do_upload_strategy(None, strategy, text, filename="healthcare-ai.yaml", note="The seed strategy")
