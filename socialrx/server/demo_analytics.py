"""Demo analytics: the year up to yesterday of daily figures, posts, GA4 traffic, ad spend and CRM leads.

Generated with a seeded RNG so every run produces the same data. The story matches the seed
strategy: LinkedIn grows but stays short of its 25,000 followers, X is already past its 15,000,
YouTube is close to 5,000 subscribers, Doximity falls short; X ads over-pace in September.
GA4, ad spend and the CRM go through the real importers as CSV files, so re-running changes nothing.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.timezone import localdate, now

from socialrx.server.actions.analytics import import_export
from socialrx.server.lib import analytics_store as store
from socialrx.server.lib.access import active_strategy_version
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import NetworkDay

DAYS = 365
SEED = 20250930

# network: (followers on day one, monthly growth at the start, growth decay per month,
#           impressions a day at the start, engagement rate, posts a week, posting hours)
NETWORKS = {
    "linkedin": (9_000, 0.075, 0.97, 4_000, 0.072, 10, (8, 9, 12, 17)),
    "x": (6_500, 0.095, 0.97, 9_000, 0.048, 20, (7, 9, 12, 15, 18)),
    "youtube": (1_400, 0.12, 0.97, 3_000, 0.05, 2, (11,)),
    "doximity": (2_300, 0.075, 0.975, 900, 0.115, 2, (7, 19)),
}
TRAFFIC_SOURCES = (  # source / medium, sessions a day at the start, growth over the year
    ("google / organic", 520, 1.05), ("(direct) / (none)", 300, 1.0), ("newsletter / email", 90, 1.1),
    ("linkedin.com / social", 110, 1.6), ("linkedin / paid_social", 60, 1.4), ("t.co / referral", 70, 1.5),
    ("youtube.com / referral", 35, 1.9), ("doximity / social", 18, 1.5), ("bing / organic", 40, 1.0),
)
CAMPAIGNS = {
    "linkedin": (("Sponsored Content", 0.55), ("Lead Gen Forms", 0.30), ("Message Ads", 0.15)),
    "x": (("Promoted Posts", 0.7), ("Conference Amplification", 0.3)),
    "youtube": (("In-stream Education", 0.8), ("Discovery Ads", 0.2)),
}
TOUCH_SOURCES = (  # utm source, medium, campaign, weight
    ("linkedin", "social", "thought-leadership", 26), ("linkedin", "paid_social", "lead-gen-forms", 16),
    ("x", "social", "conference-live", 10), ("youtube", "social", "deep-dive-series", 8),
    ("doximity", "social", "clinical-updates", 4), ("google", "organic", "", 14),
    ("newsletter", "email", "monthly-digest", 12), ("(direct)", "(none)", "", 10),
)


def demo_days(last: date) -> list[date]:
    """Return the demo year: the 365 days up to and including `last` (yesterday when the demo loads)."""
    return [last - timedelta(days=n) for n in range(DAYS - 1, -1, -1)]


def network_days(rng: random.Random, days: list[date]) -> dict[str, list[dict]]:
    """Return daily figures per network: followers, impressions, engagements, clicks and video figures."""
    result = {}
    for network, (start, growth, decay, impressions, rate, _, _) in NETWORKS.items():
        rows, followers = [], float(start)
        for index, day in enumerate(days):
            monthly = growth * decay ** (index / 30.4)
            gained = followers * ((1 + monthly) ** (1 / 30.4) - 1) * rng.uniform(0.6, 1.4)
            followers += gained
            seen = int(impressions * (1 + index / 365) * rng.uniform(0.7, 1.3) * (0.55 if day.weekday() >= 5 else 1))
            engaged = int(seen * rate * rng.uniform(0.8, 1.2))
            row = {"day": day, "followers": int(followers), "new_followers": round(gained), "impressions": seen,
                   "engagements": engaged, "clicks": int(engaged * 0.35)}
            if network == "youtube":
                views = int(seen * 0.045 * rng.uniform(0.8, 1.2)) + 120
                row.update({"video_views": views, "watch_time_hours": round(views * 0.11, 2),
                            "viewed_share": round(rng.uniform(0.33, 0.41), 4), "clicks": int(seen * 0.046)})
            rows.append(row)
        result[network] = rows
    return result


def posts(rng: random.Random, days: list[date], zone: ZoneInfo, pillars: list[str],
          series: list[str]) -> list[store.PostCounts]:
    """Return the year's posts with pillar, series and counts; some pillars engage better than others."""
    lift = {pillar: 0.8 + 0.15 * i for i, pillar in enumerate(pillars)}
    result = []
    for network, (_, _, _, impressions, rate, per_week, hours) in NETWORKS.items():
        for index, day in enumerate(days):
            for n in range(_posts_on(rng, per_week)):
                pillar = rng.choice(pillars)
                at = datetime.combine(day, time(rng.choice(hours), rng.choice((0, 15, 30))), tzinfo=zone)
                seen = int(impressions * 0.6 * (1 + index / 365) * rng.uniform(0.4, 1.8))
                engaged = int(seen * rate * lift[pillar] * (1.25 if at.hour in hours[:2] else 1) * rng.uniform(0.7, 1.3))
                result.append(store.PostCounts(
                    network, f"demo-{network}-{day:%Y%m%d}-{n}", days[-1], seen, engaged, int(engaged * 0.3),
                    int(seen * 0.05) if network == "youtube" else 0, published_at=at.astimezone(UTC),
                    title=f"{pillar.replace('_', ' ').title()} note {day:%b %d}", pillar=pillar,
                    series=rng.choice(series) if series and rng.random() < 0.2 else "",
                ))
    return result


def _posts_on(rng: random.Random, per_week: float) -> int:
    expected = per_week / 7
    return int(expected) + (rng.random() < expected - int(expected))


def ga4_csv(rng: random.Random, days: list[date]) -> str:
    """Return a GA4 traffic-acquisition export with a Date column."""
    out = io.StringIO()
    out.write("# Traffic acquisition: Session source / medium\n# Account: Demo\n"
              f"# Start date: {days[0]:%Y%m%d}\n# End date: {days[-1]:%Y%m%d}\n")
    writer = csv.writer(out)
    writer.writerow(["Date", "Session source / medium", "Sessions", "Engaged sessions", "Key events"])
    total = len(days)
    for index, day in enumerate(days):
        for source, base, growth in TRAFFIC_SOURCES:
            sessions = int(base * growth ** (index / total) * rng.uniform(0.8, 1.2) * (0.6 if day.weekday() >= 5 else 1))
            writer.writerow([f"{day:%Y%m%d}", source, sessions, int(sessions * 0.6), round(sessions * 0.02, 1)])
    return out.getvalue()


def ads_csv(rng: random.Random, days: list[date], budgets: dict[str, float]) -> str:
    """Return a daily ad-spend export around the budgets; X spends 30 % over in the current month."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Platform", "Campaign", "Day", "Spend", "Impressions", "Clicks", "Leads"])
    for day in days:
        days_in_month = ((day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).day
        for platform, campaigns in CAMPAIGNS.items():
            daily = budgets.get(platform, 0) / days_in_month
            pace = 1.3 if platform == "x" and day >= days[-1].replace(day=1) else rng.uniform(0.92, 1.03)
            for name, share in campaigns:
                spend = round(daily * share * pace * rng.uniform(0.85, 1.15), 2)
                clicks = int(spend / rng.uniform(4.5, 9.0))
                writer.writerow([platform, name, day.isoformat(), f"{spend:.2f}", clicks * 90, clicks,
                                 round(clicks * 0.03, 1)])
    return out.getvalue()


def crm_csv(rng: random.Random, days: list[date]) -> str:
    """Return a CRM touch export: about 170 leads a month, 1-5 touches each, a quarter become opportunities."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Lead ID", "Lead created", "Opportunity ID", "Opportunity created", "Closed won date",
                     "Revenue", "Touch time", "UTM source", "UTM medium", "UTM campaign", "UTM content"])
    weights = [w for *_, w in TOUCH_SOURCES]
    number = 0
    end = datetime.combine(days[-1], time(23, 59), tzinfo=UTC)
    for index, day in enumerate(days):
        for _ in range(int(rng.gauss(5.2 + index / 365, 1.2))):
            number += 1
            created = datetime.combine(day, time(rng.randrange(8, 18), rng.randrange(60)), tzinfo=UTC)
            touches = sorted(created - timedelta(hours=rng.uniform(1, 24 * 40)) for _ in range(rng.randint(1, 5)))
            opportunity = rng.random() < 0.26
            opp_at = created + timedelta(days=rng.uniform(3, 30)) if opportunity else None
            won = opportunity and rng.random() < 0.1 and opp_at + timedelta(days=45) < end
            won_at = opp_at + timedelta(days=rng.uniform(20, 45)) if won else None
            revenue = round(rng.uniform(15_000, 55_000), 2) if won else 0
            for at in touches:
                source, medium, campaign, _ = rng.choices(TOUCH_SOURCES, weights)[0]
                post = f"demo-{source}-{at:%Y%m%d}-0" if medium == "social" else ""
                writer.writerow([f"L{number:05d}", _iso(created), f"O{number:05d}" if opportunity else "",
                                 _iso(opp_at), _iso(won_at), revenue, _iso(at), source, medium, campaign, post])
    return out.getvalue()


def _iso(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S +0000") if moment else ""


def load_demo_analytics() -> str:
    """Load the demo year of analytics up to yesterday (once a day) and return one summary line."""
    version = active_strategy_version()
    if version is None:
        return "Analytics: no strategy loaded, skipped"
    strategy = strategy_of(version)
    zone = ZoneInfo(strategy.organisation.timezone)
    days = demo_days(localdate(now(), zone) - timedelta(days=1))
    if NetworkDay.objects.filter(day=days[-1]).exists():
        return f"Analytics: already loaded up to {days[-1]:%d %b %Y}"
    rng = random.Random(SEED)
    with transaction.atomic():
        for network, rows in network_days(rng, days).items():
            store.store_network_days(network, rows)
        pillars = [p.key for p in strategy.content_pillars] or ["general"]
        counts = posts(rng, days, zone, pillars, [s.key for s in strategy.series])
        store.store_post_counts(counts)
    budgets = {b.platform: b.monthly_budget for b in strategy.paid}
    files = ((f"demo-ga4-traffic-{days[-1]:%Y%m%d}.csv", ga4_csv(rng, days), "ga4"),
             (f"demo-ad-spend-{days[-1]:%Y%m%d}.csv", ads_csv(rng, days, budgets), "ads"),
             (f"demo-crm-touches-{days[-1]:%Y%m%d}.csv", crm_csv(rng, days), "crm"))
    new_files = sum(not import_export(None, text.encode(), file_name=name, kind=kind).already_imported
                    for name, text, kind in files)
    return (f"Analytics: {len(NETWORKS)} networks x {len(days)} days to {days[-1]:%d %b %Y}, {len(counts)} posts, "
            f"{new_files} of {len(files)} export files newly imported")
