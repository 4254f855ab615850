"""Repurposing: one long piece (an article, or a video with its transcript) into every network's format.

Read with `ingest` (HTML, Markdown, text), `fetch` (a URL, on request) and `transcripts` (SRT,
WebVTT); run the strategy's recipes with `recipes.repurpose_article` / `repurpose_video`; place
the drafts into empty slots with `scheduling.place_drafts`; rewrite one with a language model,
when one is configured, with `llm.rewrite_text`.
"""
