"""The listening commands of the `socialrx` CLI: `listen parse|match|fetch` and `sentiment`.

`parse`, `match` and `sentiment` are pure (no database); `fetch` polls the due sources.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from socialrx.core.listening.matcher import QuerySet
from socialrx.core.listening.mention import Mention
from socialrx.core.listening.query.formatting import format_query
from socialrx.core.listening.query.nodes import QuerySyntaxError, validate_query
from socialrx.core.listening.query.parser import parse_query

MENTION_FIELDS = ("title", "author", "url", "lang", "source")


def _fail(err: Console, message: str) -> typer.Exit:
    err.print(message, markup=False)
    return typer.Exit(1)


def _published(value: Any, where: str) -> datetime:
    if not value:
        return datetime.now(UTC)
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"{where}: published {value!r} needs a time zone")
    return moment


def read_items(file: Path, *, allow_plain: bool) -> Iterator[tuple[Any, Mention]]:
    """Yield (id, mention) per line: JSON objects with ``id`` and ``text``, or plain text (id = line number)."""
    with file.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            where = f"{file}:{number}"
            if not line.lstrip().startswith("{"):
                if not allow_plain:
                    raise ValueError(f"{where}: expected a JSON object with 'id' and 'text'")
                yield number, Mention(id=str(number), text=line.rstrip("\n"), published=datetime.now(UTC))
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{where}: not valid JSON ({error.msg})") from None
            if not isinstance(data, dict) or not isinstance(data.get("text"), str):
                raise ValueError(f"{where}: field 'text' is missing or not a string")
            item_id = data.get("id", number)
            extra = {name: str(data[name]) for name in MENTION_FIELDS if data.get(name) is not None}
            yield item_id, Mention(id=str(item_id), text=data["text"], published=_published(data.get("published"), where), **extra)


def register(app: typer.Typer, console: Console, err: Console, setup_django: Callable[[], None]) -> None:
    """Add `listen` and `sentiment` to the CLI."""
    listen_app = typer.Typer(help="Listening: parse and test queries, fetch sources.", no_args_is_help=True)
    app.add_typer(listen_app, name="listen")

    @listen_app.command("parse")
    def listen_parse(query: Annotated[str, typer.Argument(help="A listening query.")]) -> None:
        """Print the parsed query in canonical form, or the syntax error with its position (exit 1)."""
        try:
            parsed = parse_query(query)
            validate_query(parsed)
        except QuerySyntaxError as error:
            raise _fail(err, f"error at character {error.position}: {error.message}\n{error.caret_display(query)}") from None
        except ValueError as error:
            raise _fail(err, f"error: {error}") from None
        console.print(format_query(parsed), markup=False, highlight=False)
        console.print(repr(parsed.root), markup=False, highlight=False, style="dim")

    @listen_app.command("match")
    def listen_match(
        query: Annotated[str, typer.Option("--query", help="A listening query.")],
        file: Annotated[Path, typer.Option("--file", exists=True, dir_okay=False, help="JSON Lines of mentions.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per line.")] = False,
    ) -> None:
        """Print, for each mention of the file, whether the query matches it."""
        try:
            query_set = QuerySet({"q": query})
            items = list(read_items(file, allow_plain=False))
        except QuerySyntaxError as error:
            raise _fail(err, f"error at character {error.position}: {error.message}\n{error.caret_display(query)}") from None
        except ValueError as error:
            raise _fail(err, str(error)) from None
        for item_id, mention in items:
            matched = bool(query_set.match(mention))
            typer.echo(json.dumps({"id": item_id, "matched": matched}) if as_json else f"{item_id}\t{'match' if matched else '-'}")

    @listen_app.command("fetch")
    def listen_fetch(
        all_sources: Annotated[bool, typer.Option("--all", help="Poll every source now, due or not.")] = False,
    ) -> None:
        """Poll the listening sources that are due now and store what is new."""
        setup_django()
        from socialrx.server.actions.listening import poll_due_sources
        from socialrx.server.models import ListeningSource

        outcomes = poll_due_sources(force=all_sources)
        names = dict(ListeningSource.objects.values_list("pk", "name"))
        for outcome in outcomes:
            state = "not modified" if outcome.not_modified else f"{outcome.stored} new" if outcome.ok else f"failed: {outcome.error}"
            console.print(f"{names.get(outcome.source_id, outcome.source_id)}: {state}", markup=False)
        console.print(f"{len(outcomes)} source(s) polled.")
        if any(not outcome.ok for outcome in outcomes):
            raise typer.Exit(1)

    @app.command("sentiment")
    def sentiment(
        file: Annotated[Path, typer.Option("--file", exists=True, dir_okay=False, help="JSON Lines, or plain text one item per line.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per line.")] = False,
    ) -> None:
        """Print the compound sentiment score in [-1, 1] of each item (VADER with the healthcare layer)."""
        from socialrx.core.listening.pipeline import default_scorer

        scorer = default_scorer()
        try:
            items = list(read_items(file, allow_plain=True))
        except ValueError as error:
            raise _fail(err, str(error)) from None
        for item_id, mention in items:
            score = round(scorer.compound(mention.text), 4)
            typer.echo(json.dumps({"id": item_id, "compound": score}) if as_json else f"{item_id}\t{score:+.4f}")
