"""Read an article from HTML, Markdown, plain text or a URL, keeping its metadata, links and citations."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from socialrx.core.repurpose.model import Article, Block, Link

REFERENCE_HEADINGS = re.compile(r"^(references|sources|citations|notes|bibliography|footnotes)\b", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^(?P<label>[^\]]+)\]:[ \t]*(?P<text>.+)$", re.MULTILINE)
_FOOTNOTE_REFERENCE = re.compile(r"\[\^(?P<label>[^\]]+)\]")
_BYLINE = re.compile(r"^by\s+(?P<name>[^,\n]{3,80})$", re.IGNORECASE)
_MARKDOWN = MarkdownIt("commonmark")


class IngestError(ValueError):
    """The source could not be read; the message says which and why."""


def article_from_html(html: str, *, url: str = "") -> Article:
    """Return the main article of an HTML page, without navigation, adverts and footers."""
    import trafilatura

    markdown = trafilatura.extract(
        html, output_format="markdown", include_links=True, include_formatting=True, with_metadata=True, url=url or None
    )
    if not markdown or not markdown.strip():
        raise IngestError("no article text found in the HTML page")
    return article_from_markdown(markdown, url=url)


def article_from_markdown(text: str, *, url: str = "") -> Article:
    """Return the article written in Markdown; YAML-style front matter gives title, author, date and url."""
    meta, body = _front_matter(text)
    body, footnotes = _footnotes(body)
    blocks = _blocks(_MARKDOWN.parse(body))
    blocks, references = _split_references(blocks)
    title = meta.get("title", "")
    if blocks and blocks[0].kind == "heading" and blocks[0].level == 1:
        title = title or blocks[0].text
        blocks = blocks[1:]
    author, blocks = _byline(meta.get("author", ""), blocks)
    if not title and blocks:
        title = blocks[0].text[:100]
    if not any(block.kind != "heading" for block in blocks):
        raise IngestError("the article has no text")
    return Article(title=title, blocks=tuple(blocks), author=author, date=meta.get("date", ""),
                   url=url or meta.get("url", meta.get("canonical", "")), references=references | footnotes)


def article_from_text(text: str, *, title: str = "", url: str = "") -> Article:
    """Return an article from plain text: paragraphs are separated by blank lines, a short first line is the title."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    if not paragraphs:
        raise IngestError("the text is empty")
    if not title and len(paragraphs) > 1 and len(paragraphs[0]) <= 120 and not paragraphs[0].endswith("."):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    blocks = tuple(Block("paragraph", paragraph) for paragraph in paragraphs)
    return Article(title=title or paragraphs[0][:100], blocks=blocks, url=url)


def article_from_file(path: Path, *, url: str = "") -> Article:
    """Return the article in a file, read as HTML, Markdown or plain text by its suffix."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"{path}: cannot read the file ({exc})") from None
    return article_from_content(text, name=path.name, url=url)


def article_from_content(text: str, *, name: str = "", url: str = "") -> Article:
    """Return the article in ``text``, choosing the reader from the file ``name`` or the content itself."""
    suffix = Path(name).suffix.lower()
    if suffix in {".html", ".htm"} or (not suffix and re.match(r"\s*(<!doctype|<html|<article|<body)", text, re.I)):
        return article_from_html(text, url=url)
    if suffix in {".md", ".markdown"} or (not suffix and re.search(r"^#{1,6} |\]\(https?://", text, re.M)):
        return article_from_markdown(text, url=url)
    return article_from_text(text, url=url)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group("body").splitlines():
        key, _, value = line.partition(":")
        if value.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def _footnotes(body: str) -> tuple[str, dict[str, str]]:
    """Return the body with ``[^n]`` markers written ``[n]``, and the footnote texts by label."""
    notes = {m.group("label"): m.group("text").strip() for m in _FOOTNOTE_DEFINITION.finditer(body)}
    body = _FOOTNOTE_DEFINITION.sub("", body)
    return _FOOTNOTE_REFERENCE.sub(lambda m: f"[{m.group('label')}]", body), notes


def _blocks(tokens: list[Token]) -> list[Block]:
    blocks: list[Block] = []
    heading, level, kind = "", 0, "paragraph"
    in_list = 0
    for token in tokens:
        if token.type in {"bullet_list_open", "ordered_list_open"}:
            in_list += 1
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            in_list -= 1
        elif token.type == "heading_open":
            kind, level = "heading", int(token.tag[1])
        elif token.type == "inline":
            text, links = _inline_text(token)
            if not text:
                continue
            if kind == "heading":
                heading = text
                blocks.append(Block("heading", text, heading, level))
            else:
                blocks.append(Block("list_item" if in_list else "paragraph", text, heading, 0, links))
            kind = "paragraph"
    return blocks


def _inline_text(token: Token) -> tuple[str, tuple[Link, ...]]:
    """Return the plain text of an inline token and its links (link text stays in the text)."""
    parts: list[str] = []
    links: list[Link] = []
    href = None
    link_text: list[str] = []
    for child in token.children or []:
        if child.type == "link_open":
            href, link_text = str(child.attrs.get("href", "")), []
        elif child.type == "link_close" and href is not None:
            links.append(Link(" ".join("".join(link_text).split()), href))
            href = None
        elif child.type in {"text", "code_inline"}:
            parts.append(child.content)
            if href is not None:
                link_text.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
    return " ".join("".join(parts).split()), tuple(links)


def _split_references(blocks: list[Block]) -> tuple[list[Block], dict[str, str]]:
    """Return the body without its reference section, and the numbered references."""
    for index, block in enumerate(blocks):
        if block.kind == "heading" and REFERENCE_HEADINGS.match(block.text):
            items = [b for b in blocks[index + 1 :] if b.kind != "heading"]
            references = {}
            for number, item in enumerate(items, start=1):
                label, text = _labelled(item.text, number)
                url = item.links[0].url if item.links and item.links[0].url not in text else ""
                references[label] = f"{text} {url}".strip()
            rest = _after_section(blocks, index)
            return blocks[:index] + rest, references
    return blocks, {}


def _after_section(blocks: list[Block], index: int) -> list[Block]:
    level = blocks[index].level
    for later in range(index + 1, len(blocks)):
        if blocks[later].kind == "heading" and blocks[later].level <= level:
            return blocks[later:]
    return []


def _labelled(text: str, number: int) -> tuple[str, str]:
    match = re.match(r"^\[?(\d+)[\].)]\s+(.*)$", text)
    return (match.group(1), match.group(2)) if match else (str(number), text)


def _byline(author: str, blocks: list[Block]) -> tuple[str, list[Block]]:
    """Return the author and the blocks without a leading "By …" line."""
    if blocks and blocks[0].kind == "paragraph":
        match = _BYLINE.match(blocks[0].text)
        if match:
            return author or match.group("name").strip(), blocks[1:]
    return author, blocks
