"""Publishing pages: queue and history, the sandbox outbox, connected accounts, manual tasks,
publish now, retry, pause and resume, and the newsletter's unsubscribe page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from socialrx.server.actions import ActionError
from socialrx.server.actions import metrics_pulls as pull_actions
from socialrx.server.actions import publishing as actions
from socialrx.server.lib.access import has_capability, require_capability
from socialrx.server.lib.publishing import (
    access_job_by_id,
    account_summary,
    jobs_for_queue,
    metrics_pull_summary,
    open_manual_tasks,
    outbox_entries,
    publishing_switch,
    queue_counts,
)
from socialrx.server.lib.redirects import safe_next_url
from socialrx.server.models import (
    NETWORKS,
    JobStatus,
    ManualPublishTask,
    NewsletterSubscriber,
    Post,
    PostStatus,
    PublishAccount,
)

PAGE_SIZE = 50


def _attempt(request: HttpRequest, action, success: str) -> bool:
    """Run one action; flash its outcome (an ActionError's message is shown as it is)."""
    try:
        action()
    except ActionError as error:
        messages.error(request, str(error))
        return False
    messages.success(request, success)
    return True


@login_required
def publishing_page(request: HttpRequest) -> HttpResponse:
    """Show the switch, the posts waiting to go out, and every channel's job with its status."""
    status, channel = request.GET.get("status", ""), request.GET.get("channel", "")
    jobs = jobs_for_queue(request.user, status=status, channel=channel)
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    waiting = (Post.objects.filter(status__in=[PostStatus.APPROVED, PostStatus.SCHEDULED], approved_revision__isnull=False)
               .select_related("author").order_by("scheduled_at")[:50])  # fmt: skip
    return render(request, "socialrx/publishing.html", {
        "switch": publishing_switch(), "page": page, "counts": queue_counts(), "waiting": waiting,
        "statuses": JobStatus.choices, "channels": NETWORKS, "status": status, "channel": channel})


@login_required
@require_POST
def publishing_retry(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job_by_id(request.user, job_id)
    _attempt(request, lambda: actions.do_retry_job(request.user, job), f"{job.get_channel_display()} is queued again.")
    return redirect(safe_next_url(request, "publishing"))


@login_required
@require_POST
def publishing_publish_now(request: HttpRequest, post_id: int) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    post = get_object_or_404(Post, pk=post_id)
    _attempt(request, lambda: actions.publish_now(request.user, post), f"“{post.title}” is going out now.")
    return redirect(safe_next_url(request, "publishing"))


@login_required
@require_POST
def publishing_pause(request: HttpRequest) -> HttpResponse:
    reason = request.POST.get("reason", "")
    _attempt(request, lambda: actions.do_pause_publishing(request.user, reason), "All scheduled publishing is paused.")
    return redirect("publishing")


@login_required
@require_POST
def publishing_resume(request: HttpRequest) -> HttpResponse:
    _attempt(request, lambda: actions.do_resume_publishing(request.user), "Publishing resumed.")
    return redirect("publishing")


@login_required
def publishing_outbox(request: HttpRequest) -> HttpResponse:
    """Show exactly what sandbox accounts would have sent, per channel."""
    require_capability(request.user, "view_dashboards")
    channel = request.GET.get("channel", "")
    entries = outbox_entries().filter(channel=channel) if channel else outbox_entries()
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "socialrx/publishing_outbox.html", {"page": page, "channels": NETWORKS, "channel": channel})


@login_required
def publishing_accounts(request: HttpRequest) -> HttpResponse:
    """Show connected accounts with their health, and the forms to connect more."""
    require_capability(request.user, "view_dashboards")
    accounts = [account_summary(a) | {"label": str(a), "metrics": metrics_pull_summary(a)}
                for a in PublishAccount.objects.select_related("owner", "metrics_pull")]
    subscribers = NewsletterSubscriber.objects.all()
    return render(request, "socialrx/publishing_accounts.html", {
        "accounts": accounts, "networks": NETWORKS, "oauth_networks": actions.OAUTH_NETWORKS,
        "can_pull": has_capability(request.user, "import_analytics"),
        "subscriber_count": subscribers.filter(unsubscribed_at__isnull=True).count(),
        "subscribers": subscribers[:20]})  # fmt: skip


@login_required
@require_POST
def publishing_account_connect(request: HttpRequest) -> HttpResponse:
    """Connect a sandbox account, or start a network's OAuth flow for a real one (or a reconnect)."""
    data = request.POST
    network, name, external_id = data.get("network", ""), data.get("name", ""), data.get("external_id", "")
    if data.get("mode") == "sandbox":
        _attempt(request, lambda: actions.do_connect_sandbox_account(request.user, network, name, external_id),
                 "Sandbox account connected.")  # fmt: skip
        return redirect("publishing-accounts")
    account = None
    if data.get("account"):
        require_capability(request.user, "manage_accounts")
        account = get_object_or_404(PublishAccount, pk=data["account"])
        network, name, external_id = account.network, account.name, account.external_id
    try:
        url = actions.do_start_oauth(request.user, network, name=name, external_id=external_id, account=account)
    except ActionError as error:
        messages.error(request, str(error))
        return redirect("publishing-accounts")
    return redirect(url)


@login_required
def publishing_oauth_callback(request: HttpRequest, network: str) -> HttpResponse:
    """Finish an OAuth flow: the state must be one this person started."""
    params = request.GET
    _attempt(request, lambda: actions.do_finish_oauth(request.user, network, state=params.get("state", ""),
                                                      code=params.get("code", ""), error=params.get("error", "")),
             "Account connected.")  # fmt: skip
    return redirect("publishing-accounts")


@login_required
@require_POST
def publishing_account_disconnect(request: HttpRequest, account_id: int) -> HttpResponse:
    require_capability(request.user, "manage_accounts")
    account = get_object_or_404(PublishAccount, pk=account_id)
    _attempt(request, lambda: actions.do_disconnect_account(request.user, account), "Account disconnected.")
    return redirect("publishing-accounts")


@login_required
@require_POST
def publishing_account_pull_metrics(request: HttpRequest, account_id: int) -> HttpResponse:
    """Pull the account's post metrics now (with the import-analytics permission)."""
    require_capability(request.user, "import_analytics")
    account = get_object_or_404(PublishAccount, pk=account_id)
    _attempt(request, lambda: pull_actions.do_pull_metrics_now(
        request.user, pull_actions.check_pull_metrics_now(request.user, account)),
        f"Metric pull of {account} queued; the result shows here when it is done.")  # fmt: skip
    return redirect(f"{reverse('publishing-accounts')}#account-{account.pk}")


@login_required
@require_POST
def publishing_subscriber_add(request: HttpRequest) -> HttpResponse:
    email, name = request.POST.get("email", ""), request.POST.get("name", "")
    _attempt(request, lambda: actions.do_add_subscriber(request.user, email, name), f"{email} subscribed.")
    return redirect("publishing-accounts")


@login_required
def publishing_manual(request: HttpRequest) -> HttpResponse:
    """Show the posts waiting for a person to publish by hand, with copy-ready text."""
    require_capability(request.user, "view_dashboards")
    done = ManualPublishTask.objects.exclude(status="open").select_related("job__post", "completed_by")[:20]
    return render(request, "socialrx/publishing_manual.html", {"tasks": open_manual_tasks(), "done": done})


@login_required
@require_POST
def publishing_manual_done(request: HttpRequest, task_id: int) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    task = get_object_or_404(ManualPublishTask, pk=task_id)
    live_url = request.POST.get("live_url", "")
    _attempt(request, lambda: actions.do_complete_manual_task(request.user, task, live_url), "Recorded as published.")
    return redirect("publishing-manual")


@csrf_exempt  # RFC 8058 one-click unsubscribe is a POST from the mail client, without our cookie
def newsletter_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Ask to confirm (GET) or take the subscriber off the list (POST); the token identifies them."""
    subscriber = NewsletterSubscriber.objects.filter(unsubscribe_token=token).first()
    if subscriber is None:
        return render(request, "socialrx/publishing_unsubscribe.html", {"unknown": True}, status=404)
    if request.method == "POST":
        subscriber = actions.do_unsubscribe(token)
    return render(request, "socialrx/publishing_unsubscribe.html", {"subscriber": subscriber})
