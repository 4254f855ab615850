"""The `socialrx` command."""

from __future__ import annotations

import json
import os
import sys
import threading
from dataclasses import replace
from datetime import date
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from socialrx.core.strategy import (
    Strategy,
    StrategyError,
    default_strategy,
    load_strategy_file,
)

app = typer.Typer(help="socialrx: run a healthcare organisation's social media from its strategy.", no_args_is_help=True)
strategy_app = typer.Typer(help="Validate, show and import strategy files.", no_args_is_help=True)
audit_app = typer.Typer(help="Check the audit log.", no_args_is_help=True)
app.add_typer(strategy_app, name="strategy")
app.add_typer(audit_app, name="audit")

console = Console()
err = Console(stderr=True)

DEMO_PASSWORD = "healthcare-demo-2026"
DEMO_USERS: tuple[tuple[str, str, str], ...] = (
    ("manager", "Morgan Lee", "social_media_manager"),
    ("creator", "Casey Rivera", "content_creator"),
    ("specialist", "Dr. Sam Patel", "healthcare_content_specialist"),
    ("regulatory", "Dana Okafor", "healthcare_content_specialist"),
    ("community", "Jordan Kim", "community_manager"),
    ("legal", "Alex Chen", "legal"),
    ("executive", "Taylor Brooks", "executive"),
    ("viewer", "Robin Ellis", "viewer"),
)


PRODUCTION_SETTINGS = "socialrx.settings.prod"
DEMO_SETTINGS = "socialrx.settings.dev"


def setup_django(default_settings: str = PRODUCTION_SETTINGS) -> None:
    """Configure Django (once), creating the data folder first.

    Commands run with the production settings unless DJANGO_SETTINGS_MODULE says otherwise;
    only `socialrx demo` defaults to the development settings (DEBUG on).
    """
    import django
    from django.conf import settings as dj_settings

    if dj_settings.configured:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    data_dir = Path(os.environ.get("SOCIALRX_DATA_DIR", "./socialrx-data")).resolve()
    (data_dir / "static").mkdir(parents=True, exist_ok=True)
    django.setup()


def _unapplied_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def ready_django() -> None:
    """Set up Django and stop (exit 1) while the database lacks migrations: only `socialrx migrate` applies them."""
    setup_django()
    pending = _unapplied_migrations()
    if pending:
        err.print(f"The database is not up to date: {len(pending)} migration(s) not applied (first: {pending[0]}). "
                  "Run `socialrx migrate` first.", markup=False, highlight=False, soft_wrap=True)  # fmt: skip
        raise typer.Exit(1)


def _migrate(*, verbose: bool = False) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)


def _print_strategy_errors(exc: StrategyError) -> None:
    err.print(f"[bold red]{len(exc.issues)} problem(s):[/]")
    for issue in exc.issues:
        err.print(f"  {issue}", markup=False, highlight=False, soft_wrap=True)


def _load(file: Path | None) -> Strategy:
    try:
        return load_strategy_file(file) if file else default_strategy()
    except StrategyError as exc:
        _print_strategy_errors(exc)
        raise typer.Exit(1) from None


def _active_or_default() -> Strategy:
    """Return the active strategy of the database, else the bundled default, saying which it is."""
    setup_django()
    from django.db import DatabaseError

    from socialrx.server.lib.access import active_strategy_version
    from socialrx.server.lib.mappers import strategy_of

    try:
        version = active_strategy_version()
    except DatabaseError:
        version = None
    if version is None:
        err.print("No strategy is active in this data folder; showing the bundled default "
                  "(`socialrx migrate` activates it).", markup=False)
        return _load(None)
    err.print(f"Active strategy {version.label} ({version.name}), loaded from {version.source_filename}.",
              markup=False)
    return strategy_of(version)


@strategy_app.command("validate")
def strategy_validate(file: Annotated[Path, typer.Argument(help="A strategy YAML file.")]) -> None:
    """Check a strategy file; exit 1 and list every problem with its line if it is not valid."""
    strategy = _load(file)
    console.print(
        f"[green]{file} is valid:[/] {strategy.organisation.name}, {len(strategy.platforms)} networks, "
        f"{len(strategy.content_pillars)} pillars, {len(strategy.kpis)} KPIs."
    )


@strategy_app.command("show")
def strategy_show(
    file: Annotated[Path | None, typer.Argument(help="A strategy YAML file (default: the seed strategy).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole strategy as JSON.")] = False,
) -> None:
    """Show a strategy: targets, schedule, pillars, themes and budgets (the active one when no file is given)."""
    strategy = _load(file) if file else _active_or_default()
    if as_json:
        typer.echo(json.dumps(strategy.model_dump(mode="json"), indent=2))
        return
    console.print(f"[bold]{strategy.organisation.name}[/] · time zone {strategy.organisation.timezone}")
    table = Table("Network", "Target", "By", "Engagement goal", "Monthly budget", title="Networks")
    for p in strategy.platforms:
        target = f"{p.follower_target.value:,} {p.follower_target.metric}" if p.follower_target else "—"
        goal = f"{p.engagement_goal.value:g}% {p.engagement_goal.kind.replace('_', ' ')}" if p.engagement_goal else "—"
        budget = strategy.budget_for(p.key)
        table.add_row(p.name, target, p.follower_target.by if p.follower_target else "—", goal,
                      f"{budget.monthly_budget:,.0f} {strategy.organisation.currency}" if budget else "—")
    console.print(table)
    console.print("Pillars: " + ", ".join(f"{p.name} {p.share:g}%" for p in strategy.content_pillars))
    console.print("Weekdays: " + "; ".join(f"{w.weekday.title()} ({', '.join(w.platforms) or 'every network'}): {w.theme}"
                                           for w in strategy.weekday_themes))
    console.print("Monthly themes: " + "; ".join(f"{m.month.title()}: {m.theme}" for m in strategy.monthly_themes))
    kpis = Table("KPI", "Network", "Target", title="KPIs")
    for k in strategy.kpis:
        kpis.add_row(k.name, k.platform or k.group, "tracked" if k.target is None else f"{k.target:g} {k.unit} / {k.period}")
    console.print(kpis)


@strategy_app.command("import")
def strategy_import(
    file: Annotated[Path, typer.Argument(help="A strategy document in Markdown.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the YAML.")],
) -> None:
    """Read a Markdown strategy document and write it as a strategy YAML file."""
    from socialrx.core.strategy.markdown import import_markdown

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else f"not UTF-8 text ({exc.reason})"
        err.print(f"{file}: cannot read the file: {reason}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    result = import_markdown(text, source=str(file))
    for line in result.report():
        err.print(f"  {line}", markup=False, highlight=False)
    try:
        result.validate()
    except StrategyError as exc:
        err.print(f"[red]{file} was read, but the result is not a complete strategy; nothing was written.[/]")
        _print_strategy_errors(exc)
        raise typer.Exit(1) from None
    output.write_text(result.to_yaml(), encoding="utf-8")
    placed = "everything was placed" if not result.unplaced else f"{len(result.unplaced)} line(s) could not be placed (listed above and at the top of the file)"
    console.print(f"[green]Wrote {output}[/]: {placed}.")


@strategy_app.command("upload")
def strategy_upload(
    file: Annotated[Path, typer.Argument(help="A strategy YAML file.")],
    note: Annotated[str, typer.Option(help="What changed.")] = "",
) -> None:
    """Validate a strategy file and make it the active version (as the system user)."""
    ready_django()
    from socialrx.server.actions import ActionError
    from socialrx.server.actions.strategy import upload_strategy

    try:
        version = upload_strategy(None, file.read_text(encoding="utf-8"), filename=file.name, note=note)
    except StrategyError as exc:
        _print_strategy_errors(exc)
        raise typer.Exit(1) from None
    except ActionError as exc:
        err.print(str(exc))
        raise typer.Exit(1) from None
    console.print(f"[green]Strategy {version.label} is active.[/]")


@audit_app.command("verify")
def audit_verify(
    anchor: Annotated[list[str] | None, typer.Option(
        "--anchor", metavar="ID:HASH", help="Also check a head kept elsewhere (as `audit anchor` printed it).")] = None,
) -> None:
    """Recompute the audit log's keyed hash chain and check it against its anchors; exit 1 if anything was changed
    or removed."""
    ready_django()
    from socialrx.server.lib.audit import AnchorFileError, parse_anchor, read_anchors, verify_chain

    try:
        anchors = read_anchors() + [parse_anchor(text) for text in anchor or []]
    except AnchorFileError as exc:
        err.print(str(exc), markup=False, highlight=False)
        raise typer.Exit(2) from None
    report = verify_chain(anchors=anchors)
    if report.ok:
        legacy = f"; {report.legacy} entries written before the chain was keyed" if report.legacy else ""
        console.print(f"[green]The audit log is intact ({report.checked} entries).[/] "
                      f"{report.anchors} anchor(s) checked{legacy}.")
        return
    err.print(f"[bold red]The audit log was tampered with:[/] {report.problem}")
    raise typer.Exit(1)


@audit_app.command("anchor")
def audit_anchor() -> None:
    """Record the chain's head in the anchor file outside the database and print it (keep a copy elsewhere too)."""
    ready_django()
    from socialrx.server.lib.audit import anchor_file, write_anchor

    anchor = write_anchor()
    if anchor is None:
        console.print("The audit log is empty; nothing to anchor.")
        return
    console.print(f"Anchored entry {anchor.entry_id} in {anchor_file()}:")
    typer.echo(f"{anchor.entry_id}:{anchor.entry_hash}")


@app.command("backup")
def backup(
    output: Annotated[Path, typer.Option("-o", "--output", help="The archive to write (.tar).")],
) -> None:
    """Write a consistent backup (database, media, audit anchors) while socialrx keeps running."""
    ready_django()
    from socialrx.server.lib.backup import BackupError, create_backup

    try:
        summary = create_backup(output)
    except BackupError as exc:
        err.print(f"Backup failed, nothing was written: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    console.print(f"[green]Wrote {summary.path}[/] ({summary.engine}, {summary.members} file(s), "
                  f"{summary.audit_entries:,} audit entries, {summary.size:,} bytes).")


@app.command("restore")
def restore(
    archive: Annotated[Path, typer.Argument(help="A backup written by `socialrx backup`.")],
    force: Annotated[bool, typer.Option("--force", help="Replace a database that already holds data.")] = False,
) -> None:
    """Restore a backup into the configured database and data folder, then verify the audit log."""
    setup_django()
    from socialrx.server.lib.backup import BackupError, restore_backup

    try:
        summary = restore_backup(archive, force=force)
    except BackupError as exc:
        err.print(f"Restore refused, nothing was changed: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    console.print(f"Restored the {summary.engine} backup of {summary.created_at} "
                  f"({summary.media_files} media file(s)). Run `socialrx migrate` if this version is newer.")
    if not summary.chain.ok:
        err.print(f"[bold red]The restored audit log does not verify:[/] {summary.chain.problem}")
        raise typer.Exit(1)
    console.print(f"[green]The restored audit log is intact ({summary.chain.checked} entries).[/]")


class PlanFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    ics = "ics"


def _plan_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-01-31") from None


@app.command("plan")
def plan(
    first: Annotated[date, typer.Option("--from", parser=_plan_day, metavar="YYYY-MM-DD", help="First day.")],
    last: Annotated[date, typer.Option("--to", parser=_plan_day, metavar="YYYY-MM-DD", help="Last day (included).")],
    file: Annotated[Path | None, typer.Option("--strategy", help="A strategy YAML file (default: the seed strategy).")] = None,
    output: Annotated[PlanFormat, typer.Option("--format", help="table, json, csv or ics.")] = PlanFormat.table,
) -> None:
    """Print the calendar's slots for a date range, planned from a strategy (no database needed)."""
    from socialrx.core.planning import plan_slots, slots_to_csv, slots_to_ics, slots_to_json

    if last < first:
        raise typer.BadParameter(f"--to {last} is before --from {first}", param_hint="--to")
    strategy = _load(file)
    slots = plan_slots(strategy, first, last, strategy_version=file.name if file else "default")
    if output is PlanFormat.json:
        typer.echo(slots_to_json(slots))
    elif output is PlanFormat.csv:
        sys.stdout.write(slots_to_csv(slots))
    elif output is PlanFormat.ics:
        name = f"{strategy.organisation.name} content calendar"
        sys.stdout.buffer.write(slots_to_ics(slots, calendar_name=name, timezone=strategy.organisation.timezone))
    else:
        table = Table("Day", "Time", "Network", "What", "Pillar", "Series", "Weekday theme", "Hashtags",
                      title=f"{len(slots)} slots, {first} to {last} ({strategy.organisation.timezone})")  # fmt: skip
        for slot in slots:
            what = slot.series_item or slot.routine or slot.event or slot.content_type.replace("_", " ")
            table.add_row(f"{slot.start:%a %Y-%m-%d}", f"{slot.start:%H:%M}", slot.platform, what, slot.pillar,
                          slot.series or "", slot.weekday_theme, " ".join(slot.hashtags))  # fmt: skip
        console.print(table)


def _check_items(text: str | None, file: Path | None, platform: str | None, author: str | None = None) -> list:
    from socialrx.server.lib.compliance import CheckInputError, check_item_from, parse_check_lines

    try:
        if (text is None) == (file is None):
            raise CheckInputError("give either a TEXT or --file posts.jsonl (--file - reads standard input)")
        if platform is not None:
            check_item_from({"text": "", "platform": platform}, where="--platform", default_id="")
        if text is not None:
            return [check_item_from({"id": "1", "text": text, "platform": platform, "author_relationship": author},
                                    where="TEXT", default_id="1")]
        if str(file) == "-":
            items = parse_check_lines(sys.stdin, source="<stdin>")
        else:
            with file.open(encoding="utf-8") as lines:
                items = parse_check_lines(lines, source=str(file))
        return [replace(item, platform=item.platform or platform, author_relationship=item.author_relationship or author)
                for item in items]
    except (CheckInputError, OSError, UnicodeDecodeError) as exc:
        err.print(str(exc), style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _print_check_result(result: dict, text: str) -> None:
    show = partial(console.print, highlight=False, soft_wrap=True)
    colours = {"block": "bold red", "review": "yellow", "info": "cyan", "pass": "green"}
    show(f"[bold]{escape(result['id'])}[/]: [{colours[result['verdict']]}]{result['verdict'].upper()}[/]")
    for f in result["findings"]:
        where = f" “{text[f['start']:f['end']]}” ({f['start']}–{f['end']})" if f["start"] is not None else ""
        show(f"  [{colours[f['severity']]}]{f['severity']}[/] {f['rule']}{escape(where)}")
        show(f"    {f['message']}", markup=False)
        if f["fix"]:
            show(f"    Fix: {f['fix']}", markup=False)


@app.command("check")
def check(
    text: Annotated[str | None, typer.Argument(help="The text of one post.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="JSON Lines: {\"text\", optional \"id\", \"platform\", "
                                              "\"products\" {name: status}, \"author_relationship\", \"is_reply\"} per line.")] = None,
    platform: Annotated[str | None, typer.Option(help="Network of TEXT: linkedin, x, doximity, youtube or email.")] = None,
    author: Annotated[str | None, typer.Option("--author-relationship", help="Who writes the posts (brand, employee, "
                                               "paid_influencer, …); default: each record's, else the strategy's.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per post.")] = False,
    strategy_file: Annotated[Path | None, typer.Option("--strategy", help="A strategy YAML file (default: the seed strategy).")] = None,
) -> None:
    """Check posts for PHI, claims, disclosure, accessibility and platform problems; exit 2 when any is blocked.

    Every check uses the strategy's product registry and author relationship; a record's own "products" are
    added to the registry and its "author_relationship" replaces the strategy's. Bad input (a malformed line,
    an unknown platform or product status) exits 1 naming the line, before anything is checked.
    """
    from socialrx.server.lib.compliance import check_item

    items = _check_items(text, file, platform, author)
    strategy = _load(strategy_file)
    results = [check_item(item, strategy) for item in items]
    for item, result in zip(items, results, strict=True):
        if as_json:
            typer.echo(json.dumps(result, ensure_ascii=False))
        else:
            _print_check_result(result, item.text)
    if any(result["verdict"] == "block" for result in results):
        raise typer.Exit(2)


@app.command("repurpose")
def repurpose_command(
    file: Annotated[Path, typer.Argument(help="The article (.html, .md, .txt); with --transcript, the video's metadata "
                                              "(JSON with title, url, description; or text: title on the first line).")],
    transcript: Annotated[Path | None, typer.Option("--transcript", help="The video's captions (.srt or .vtt).")] = None,
    url: Annotated[str, typer.Option("--url", help="Link to the full piece or the video (UTM-tagged in every draft).")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print the drafts as JSON.")] = False,
    strategy_file: Annotated[Path | None, typer.Option("--strategy", help="A strategy YAML file (default: the seed strategy).")] = None,
) -> None:
    """Repurpose an article or a video transcript into one draft per recipe output, with their checks (no database)."""
    from socialrx.core.repurpose.ingest import IngestError, article_from_file
    from socialrx.core.repurpose.recipes import recipes_for, repurpose_article, repurpose_video
    from socialrx.core.repurpose.serialise import result_to_json
    from socialrx.core.repurpose.shaping import RepurposeOptions
    from socialrx.core.repurpose.transcripts import video_from_transcript
    from socialrx.server.lib.compliance import check_variant

    strategy = _load(strategy_file)
    sets = {name: list(getattr(strategy.hashtags, name)) for name in ("primary", "secondary", "event")}
    options = RepurposeOptions(link_url=url, hashtag_sets=sets)
    try:
        if transcript is not None:
            meta = _video_metadata(file)
            video = video_from_transcript(transcript.read_text(encoding="utf-8"), name=transcript.name, title=meta.get("title", ""),
                                          url=url or meta.get("url", ""), description=meta.get("description", ""))
            result = repurpose_video(video, recipes_for(strategy, "video"), options)
        else:
            result = repurpose_article(article_from_file(file, url=url), recipes_for(strategy, "blog_post"), options)
    except (IngestError, OSError) as exc:
        err.print(f"{exc}", markup=False)
        raise typer.Exit(1) from None
    data = result_to_json(result)
    for draft in data["drafts"]:
        draft["findings"] = check_variant(draft, strategy) if draft["channel"] in _PUBLISHED_CHANNELS else []
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{escape(data['title'])}[/] · {len(data['drafts'])} drafts")
    for draft in data["drafts"]:
        blocking = sum(f["severity"] == "block" for f in draft["findings"])
        console.print(f"\n[bold]{draft['key']}[/] ({blocking} blocking findings)")
        typer.echo("\n---\n".join(draft["thread"]) or draft["text"])
    for problem in data["problems"]:
        err.print(f"note: {problem}", markup=False)


_PUBLISHED_CHANNELS = ("linkedin", "x", "doximity", "youtube", "email")


def _video_metadata(file: Path) -> dict[str, str]:
    text = file.read_text(encoding="utf-8")
    if file.suffix.lower() == ".json":
        return {key: str(value) for key, value in json.loads(text).items()}
    title, _, description = text.strip().partition("\n")
    return {"title": title.strip(), "description": description.strip()}


@app.command("migrate")
def migrate() -> None:
    """Create or update the database tables; activate the bundled default strategy when none is active."""
    setup_django()
    _migrate(verbose=True)
    from socialrx.core.strategy import default_strategy_text, load_strategy
    from socialrx.core.strategy.loading import DEFAULT_STRATEGY_NAME
    from socialrx.server.actions.strategy import do_upload_strategy
    from socialrx.server.lib.access import active_strategy_version

    if active_strategy_version() is None:
        text, filename = default_strategy_text(), f"{DEFAULT_STRATEGY_NAME}.yaml"
        version = do_upload_strategy(None, load_strategy(text, source=filename), text, filename=filename,
                                     note="Activated by `socialrx migrate`: no strategy was active")
        console.print(f"No strategy was active: activated the bundled default strategy as {version.label} "
                      f"({version.name}). Upload your own with `socialrx strategy upload FILE`.", markup=False)


@app.command("createuser")
def createuser(
    username: Annotated[str, typer.Argument()],
    role: Annotated[list[str], typer.Option("--role", help="A role key; repeat for several roles.")],
    email: Annotated[str, typer.Option()] = "",
    full_name: Annotated[str, typer.Option("--name")] = "",
    password: Annotated[str | None, typer.Option(envvar="SOCIALRX_NEW_PASSWORD", help="Asked for when not given.")] = None,
    staff: Annotated[bool, typer.Option(help="May use the Django admin.")] = False,
) -> None:
    """Add a person with one or more roles (social_media_manager, content_creator, …)."""
    ready_django()
    from socialrx.server.actions import ActionError
    from socialrx.server.actions.team import create_user

    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(None, username, password, role, email=email, full_name=full_name)
    except ActionError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from None
    if staff:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    console.print(f"[green]{username} can now sign in[/] with roles: {', '.join(role)}")


def _serve_forever(host: str, port: int, threads: int, *, trusted_proxy: str = "") -> None:
    from waitress import serve as waitress_serve

    from socialrx.server.wsgi import application

    behind_proxy = {"trusted_proxy": trusted_proxy, "trusted_proxy_count": 1,
                    "trusted_proxy_headers": "x-forwarded-for x-forwarded-proto"} if trusted_proxy else {}  # fmt: skip
    waitress_serve(application, host=host, port=port, threads=threads, ident="socialrx", **behind_proxy)


def _run_worker(workers: int) -> None:
    import importlib
    import pkgutil

    from huey.contrib.djhuey import HUEY

    import socialrx.server.worker as worker_package

    for module in pkgutil.iter_modules(worker_package.__path__):  # importing a module registers its tasks
        importlib.import_module(f"{worker_package.__name__}.{module.name}")
    HUEY.create_consumer(workers=workers, worker_type="thread", periodic=True).run()


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
    threads: Annotated[int, typer.Option(help="Request threads.")] = 8,
    trusted_proxy: Annotated[str, typer.Option(envvar="SOCIALRX_TRUSTED_PROXY", help=(
        "Address of the TLS proxy in front (e.g. 127.0.0.1): its X-Forwarded-For and X-Forwarded-Proto are believed."))] = "",
) -> None:
    """Run the web server (any number may run against one database); run `socialrx migrate` first."""
    os.environ.setdefault("SOCIALRX_LOG_LEVEL", "INFO")
    ready_django()
    console.print(f"socialrx is serving on [bold]http://{host}:{port}/[/]")
    _serve_forever(host, port, threads, trusted_proxy=trusted_proxy)


@app.command("worker")
def worker(workers: Annotated[int, typer.Option(help="Worker threads in this process.")] = 2) -> None:
    """Run a background worker (publishing, listening, reports); run as many as you like, after `socialrx migrate`."""
    os.environ.setdefault("SOCIALRX_LOG_LEVEL", "INFO")
    ready_django()
    _check_queue()
    console.print(f"socialrx worker started with {workers} thread(s).")
    _run_worker(workers)


class _StageBar:
    """One demo stage's bar in a Rich progress display."""

    def __init__(self, progress: Progress, label: str) -> None:
        self.progress, self.task = progress, progress.add_task(label, total=None)

    def start(self, total: int) -> None:
        """Say how many steps the stage has."""
        self.progress.update(self.task, total=total)

    def advance(self, steps: int = 1) -> None:
        """Count steps done."""
        self.progress.advance(self.task, steps)


@app.command("demo")
def demo(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
    serve_app: Annotated[bool, typer.Option("--serve/--no-serve", help="Start the web server and worker.")] = True,
) -> None:
    """Set up the full product on SQLite with the seed strategy and demo data, then serve it (DEBUG on).

    E-mail goes to files in the data folder (SOCIALRX_EMAIL_BACKEND chooses another backend).
    """
    os.environ.setdefault("SOCIALRX_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    setup_django(DEMO_SETTINGS)
    from django.conf import settings as dj_settings

    from socialrx.server.demo import load_demo

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console) as progress:  # fmt: skip
        migrating = progress.add_task("Database tables", total=1)
        _migrate()
        progress.advance(migrating)
        summary = load_demo(DEMO_USERS, DEMO_PASSWORD, stage=partial(_StageBar, progress))
    users = Table("Username", "Name", "Role", title=f"Demo sign-ins (password: {DEMO_PASSWORD})")
    for username, name, role in DEMO_USERS:
        users.add_row(username, name, role.replace("_", " "))
    console.print(users)
    for line in summary:
        console.print(f"  {line}")
    if dj_settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        console.print(f"  E-mail: not sent; each message is a file in {dj_settings.EMAIL_FILE_PATH}", highlight=False)
    if not serve_app:
        return
    console.print(f"\nOpen [bold]http://{host}:{port}/[/] (Ctrl+C stops the demo)")
    threading.Thread(target=_serve_forever, args=(host, port, 8), daemon=True).start()
    _run_worker(2)



def _register_analytics() -> None:
    from socialrx.server.lib.analytics_cli import register

    register(app, console, err, ready_django)


_register_analytics()


def _register_listening() -> None:
    from socialrx.server.lib.listening_cli import register

    register(app, console, err, ready_django)


_register_listening()


contacts_app = typer.Typer(help="Contacts: import and export CSV, link mentions by handle.", no_args_is_help=True)
incident_app = typer.Typer(help="Incidents: open, sign off, advance a step, close, list.", no_args_is_help=True)
crisis_app = typer.Typer(help="Crisis mode: on, off, status.", no_args_is_help=True)
app.add_typer(contacts_app, name="contacts")
app.add_typer(incident_app, name="incident")
app.add_typer(crisis_app, name="crisis")
ActingUser = Annotated[str, typer.Option("--as", help="Username of the person acting (their roles apply).")]


def _acting(username: str):
    ready_django()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        err.print(f"No active person named {username!r}.", markup=False)
        raise typer.Exit(1)
    return user


def _relationship_call(action):
    from django.core.exceptions import PermissionDenied

    from socialrx.server.actions import ActionError

    try:
        return action()
    except (ActionError, PermissionDenied) as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(2 if isinstance(exc, PermissionDenied) else 1) from None


@contacts_app.command("import")
def contacts_import(file: Annotated[Path, typer.Argument(help="CSV file.", exists=True, dir_okay=False)],
                    user: ActingUser = "manager") -> None:
    """Import contacts from CSV, all or nothing (errors name the row and column)."""
    actor = _acting(user)
    from socialrx.server.actions.relationships import import_contacts

    count = _relationship_call(lambda: import_contacts(actor, file.read_text(encoding="utf-8-sig")))
    console.print(f"{count} contact(s) imported")


@contacts_app.command("export")
def contacts_export(user: ActingUser = "manager") -> None:
    """Print every contact as CSV."""
    actor = _acting(user)
    from socialrx.server.lib.relationships import export_contacts

    sys.stdout.write(_relationship_call(lambda: export_contacts(actor)))


@contacts_app.command("link")
def contacts_link(user: ActingUser = "manager") -> None:
    """Link every stored mention and inbox item whose author is a contact's handle (backfill)."""
    actor = _acting(user)
    from socialrx.server.actions.relationships import backfill_interactions

    console.print(f"{_relationship_call(lambda: backfill_interactions(actor))} new interaction(s)")


def _print_incident(incident) -> None:
    console.print(f"#{incident.pk} {incident.title} [{incident.status}]{' (drill)' if incident.is_drill else ''}",
                  markup=False)
    for step in incident.steps.prefetch_related("sign_offs"):
        signed = {o.role for o in step.sign_offs.all()}
        state = "done" if step.completed_at else "current" if step.started_at else "waiting"
        missing = [r for r in step.sign_off_roles if r not in signed]
        console.print(f"  {step.order}. {step.name}: {state}" + (f", needs {', '.join(missing)}" if missing else ""),
                      markup=False)


@incident_app.command("open")
def incident_open(title: str, summary: Annotated[str, typer.Option()], user: ActingUser = "manager",
                  severity: str = "high", alert: int | None = None, reported_by: str = "",
                  drill: Annotated[bool, typer.Option(help="Practice: do not pause publishing.")] = False) -> None:
    """Open an incident (crisis mode on unless --drill)."""
    actor = _acting(user)
    from socialrx.server.actions.crisis import open_incident

    _print_incident(_relationship_call(lambda: open_incident(actor, title=title, summary=summary, severity=severity,
                                                             alert_id=alert, reported_by=reported_by or user, drill=drill)))


def _incident(number: int):
    from socialrx.server.models import Incident

    incident = Incident.objects.filter(pk=number).first()
    if incident is None:
        err.print(f"No incident #{number}.")
        raise typer.Exit(1)
    return incident


@incident_app.command("sign-off")
def incident_sign_off(number: int, step: int, role: str, user: ActingUser = "manager") -> None:
    """Sign off a step for a role you hold."""
    actor = _acting(user)
    from socialrx.server.actions.crisis import sign_off_step

    incident = _incident(number)
    _relationship_call(lambda: sign_off_step(actor, incident, step, role))
    _print_incident(incident)


@incident_app.command("advance")
def incident_advance(number: int, step: int, user: ActingUser = "manager") -> None:
    """Complete the current step and start the next."""
    actor = _acting(user)
    from socialrx.server.actions.crisis import complete_incident_step

    _print_incident(_relationship_call(lambda: complete_incident_step(actor, _incident(number), step)))


@incident_app.command("close")
def incident_close(number: int, user: ActingUser = "manager") -> None:
    """Close an incident whose steps are done (lifts the crisis mode it turned on)."""
    actor = _acting(user)
    from socialrx.server.actions.crisis import close_incident_now

    _print_incident(_relationship_call(lambda: close_incident_now(actor, _incident(number))))


@incident_app.command("list")
def incident_list() -> None:
    """List incidents, newest first."""
    ready_django()
    from socialrx.server.models import Incident

    for incident in Incident.objects.all()[:50]:
        _print_incident(incident)


@crisis_app.command("status")
def crisis_status() -> None:
    """Show whether crisis mode is on."""
    ready_django()
    from socialrx.server.lib.publishing import publishing_switch

    switch = publishing_switch()
    on = switch.paused and switch.crisis
    console.print(f"crisis mode {'on' if on else 'off'}" + (f": {switch.reason}" if on else ""), markup=False)


@crisis_app.command("on")
def crisis_on(reason: Annotated[str, typer.Option()], user: ActingUser = "manager") -> None:
    """Turn crisis mode on: scheduled publishing pauses."""
    actor = _acting(user)
    from socialrx.server.actions.crisis import crisis_mode_on

    _relationship_call(lambda: crisis_mode_on(actor, reason))
    crisis_status()


@crisis_app.command("off")
def crisis_off(user: ActingUser = "manager") -> None:
    """Lift crisis mode: scheduled publishing resumes."""
    actor = _acting(user)
    from socialrx.server.actions.crisis import crisis_mode_off

    _relationship_call(lambda: crisis_mode_off(actor))
    crisis_status()


def _check_queue() -> None:
    """Stop (exit 1) when the job queue cannot be reached, instead of a worker that retries silently."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import RedisStorage

    if isinstance(HUEY.storage, RedisStorage):
        HUEY.storage.conn.ping()


def main() -> None:
    """Run the command; print bad input and unreachable services as one line on standard error, exit non-zero."""
    from socialrx.cli_errors import click_errors, describe_failure, show_traceback

    command = typer.main.get_command(app)
    try:
        code = command.main(args=sys.argv[1:], prog_name="socialrx", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:
        exc.show()
        code = exc.exit_code
    except click_errors.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "socialrx"
        err.print(f"{where}: {' '.join(exc.format_message().split())}", markup=False, highlight=False, soft_wrap=True)
        code = exc.exit_code
    except click_errors.ClickException as exc:
        err.print(f"socialrx: {exc.format_message()}", markup=False, highlight=False, soft_wrap=True)
        code = exc.exit_code
    except typer.Abort:
        err.print("Aborted.")
        code = 1
    except Exception as exc:
        if show_traceback():
            raise
        err.print(f"socialrx: {describe_failure(exc)}", markup=False, highlight=False, soft_wrap=True)
        code = 1
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
