"""Scheduled analytics work: the monthly PDF report on the 1st, and daily ad-spend pacing alerts.

Each Huey task wraps a unit the tests call directly with a fixed time.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.mail import EmailMessage
from django.utils.timezone import now
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from socialrx.server.actions.analytics import do_alert_pacing, do_record_report_sent
from socialrx.server.lib.access import active_strategy_version
from socialrx.server.lib.analytics import NoStrategy, PacingQuery, PacingRunner
from socialrx.server.lib.analytics_queries import add_months
from socialrx.server.lib.analytics_report import render_monthly_report
from socialrx.server.models import MonthlyReport, ReportRecipient


def report_recipients() -> list[str]:
    """Return the addresses on the list: outside addresses and people with view_dashboards who opted in."""
    emails = []
    for recipient in ReportRecipient.objects.select_related("user").order_by("email"):
        user = recipient.user
        if user is None or (user.is_active and user.has_perm("socialrx.view_dashboards")):
            emails.append(recipient.email)
    return emails


def _local_today(at: datetime) -> date:
    version = active_strategy_version()
    from socialrx.server.lib.mappers import strategy_of

    zone = ZoneInfo(strategy_of(version).organisation.timezone) if version else ZoneInfo("UTC")
    return at.astimezone(zone).date()


def try_send_monthly_report(at: datetime) -> MonthlyReport | None:
    """On the 1st (strategy time zone), e-mail last month's report once; return the record when sent."""
    today = _local_today(at)
    month = add_months(today.replace(day=1), -1)
    if today.day != 1 or MonthlyReport.objects.filter(month=month).exists():
        return None
    recipients = report_recipients()
    if not recipients or active_strategy_version() is None:
        return None
    rendered = render_monthly_report(month)
    message = EmailMessage(f"[socialrx] Social media report {month:%B %Y}",
                           f"The social media report for {month:%B %Y} (strategy {rendered.strategy_label}) is attached.",
                           None, recipients)
    message.attach(f"socialrx-report-{month:%Y-%m}.pdf", rendered.pdf, "application/pdf")
    message.send()
    return do_record_report_sent(month, strategy_label=rendered.strategy_label, recipients=recipients,
                                 pages=rendered.pages)


def check_pacing(as_of: date | None = None) -> int:
    """Alert on budgets pacing over or under this month; return how many alerts were sent."""
    try:
        summary = PacingRunner(PacingQuery(as_of=as_of)).run()
    except NoStrategy:
        return 0
    return do_alert_pacing(summary.platforms, as_of=summary.as_of)


@db_periodic_task(crontab(minute="15", day="1,2"))  # hourly on the UTC 1st and 2nd: the local 1st falls in them
@lock_task("socialrx-monthly-report")
def send_monthly_report_task() -> bool:
    return try_send_monthly_report(now()) is not None


@db_periodic_task(crontab(minute="30", hour="13"))
@lock_task("socialrx-pacing-alerts")
def pacing_alerts_task() -> int:
    return check_pacing()
