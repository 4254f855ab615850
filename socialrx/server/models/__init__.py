"""All models of socialrx, one module per domain word."""

from .audit import AuditEvent, AuditHead, AuditLogIsAppendOnly
from .strategy import StrategyVersion
from .team import CAPABILITIES, ApiToken, Capability

__all__ = [
    "CAPABILITIES",
    "ApiToken",
    "AuditEvent",
    "AuditHead",
    "AuditLogIsAppendOnly",
    "Capability",
    "StrategyVersion",
]
