"""Optional rewriting of a draft by an OpenAI-compatible language model, never sent patient information.

Off unless ``SOCIALRX_LLM_URL`` and ``SOCIALRX_LLM_MODEL`` are set (``SOCIALRX_LLM_KEY`` is the
bearer key, when the endpoint needs one). Spans the compliance engine flags as PHI are replaced
by ``[redacted]`` before the prompt is built; the model's answer is only a new draft, checked
and reviewed like any other.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from socialrx.core.compliance.config import ComplianceConfig
from socialrx.core.compliance.engine import check_text

REDACTION = "[redacted]"
TIMEOUT_SECONDS = 60.0
CHANNEL_STYLE = {
    "x": "an X (Twitter) post or thread: short sentences, no more than 280 characters per post",
    "linkedin": "a LinkedIn post for healthcare executives: professional, plain, at most 3,000 characters",
    "doximity": "a professional summary for physicians: clinical register, no marketing language",
    "youtube": "a YouTube video description: keep every chapter timestamp line exactly as written",
    "email": "an e-mail newsletter section: keep any [[placeholder]] exactly as written",
}
SYSTEM_PROMPT = (
    "You edit social media drafts for a healthcare organisation. Rewrite the draft for {style}. "
    "Keep every number together with its source exactly as written; keep every link unchanged; do not add facts, "
    "claims, outcomes or superlatives; never guess at text shown as [redacted]. Answer with the rewritten draft only."
)


class LlmError(RuntimeError):
    """The language model could not be reached or gave no usable answer."""


@dataclass(frozen=True)
class LlmSettings:
    """Where the model is and which one to use."""

    url: str
    model: str
    key: str = ""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> LlmSettings | None:
        """Return the settings from ``SOCIALRX_LLM_*`` variables, or None when no model is configured."""
        environ = os.environ if environ is None else environ
        url, model = environ.get("SOCIALRX_LLM_URL", "").strip(), environ.get("SOCIALRX_LLM_MODEL", "").strip()
        if not url or not model:
            return None
        return cls(url=url, model=model, key=environ.get("SOCIALRX_LLM_KEY", "").strip())

    @property
    def endpoint(self) -> str:
        """Return the chat-completions address: the URL as given when it names the path, else ``/v1/chat/completions``."""
        base = self.url.rstrip("/")
        if base.endswith("/chat/completions"):
            return base
        return base + ("/chat/completions" if base.endswith("/v1") else "/v1/chat/completions")


def redact_phi(text: str, config: ComplianceConfig | None = None) -> str:
    """Return ``text`` with every span the compliance engine flags as PHI replaced by ``[redacted]``."""
    spans = sorted((f.start, f.end) for f in check_text(text, config=config).findings if f.family == "phi")
    pieces, position = [], 0
    for start, end in spans:
        if start < position:
            start = position
        if start >= end:
            continue
        pieces += [text[position:start], REDACTION]
        position = end
    return "".join(pieces) + text[position:]


def build_messages(text: str, *, channel: str, config: ComplianceConfig | None = None) -> list[dict[str, str]]:
    """Return the chat messages for rewriting ``text`` on ``channel``, PHI already redacted."""
    style = CHANNEL_STYLE.get(channel, f"the {channel} channel")
    return [
        {"role": "system", "content": SYSTEM_PROMPT.format(style=style)},
        {"role": "user", "content": redact_phi(text, config)},
    ]


def rewrite_text(
    text: str, *, channel: str, settings: LlmSettings, config: ComplianceConfig | None = None, timeout: float = TIMEOUT_SECONDS
) -> str:
    """Return the model's rewrite of ``text``; raise LlmError when the endpoint fails or answers nothing."""
    headers = {"Authorization": f"Bearer {settings.key}"} if settings.key else {}
    payload = {"model": settings.model, "messages": build_messages(text, channel=channel, config=config), "temperature": 0.2}
    try:
        response = httpx.post(settings.endpoint, json=payload, headers=headers, timeout=timeout)
    except httpx.HTTPError as exc:
        raise LlmError(f"the language model at {settings.endpoint} cannot be reached: {exc}") from None
    if response.status_code >= 400:
        raise LlmError(f"the language model answered {response.status_code}: {response.text[:200]}")
    try:
        answer = response.json()["choices"][0]["message"]["content"].strip()
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise LlmError("the language model's answer is not an OpenAI-style chat completion") from None
    if not answer:
        raise LlmError("the language model gave an empty answer")
    return answer
