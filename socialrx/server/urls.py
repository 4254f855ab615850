from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from socialrx.server.api import api
from socialrx.server.views import audit, home, posts, reviews, strategy, team
from socialrx.server.views import calendar as calendar_views
from socialrx.server.views import publishing

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="socialrx/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("strategy/", strategy.strategy_page, name="strategy"),
    path("strategy/upload/", strategy.strategy_upload, name="strategy-upload"),
    path("strategy/v<int:number>.yaml", strategy.strategy_version_yaml, name="strategy-yaml"),
    path("strategy/v<int:number>/activate/", strategy.strategy_activate, name="strategy-activate"),
    path("team/", team.team_page, name="team"),
    path("team/add/", team.team_add, name="team-add"),
    path("team/tokens/", team.token_create, name="token-create"),
    path("team/tokens/<int:token_id>/revoke/", team.token_revoke, name="token-revoke"),
    path("posts/", posts.post_list, name="posts"),
    path("posts/new/", posts.post_new, name="post-new"),
    path("posts/check/", posts.live_check, name="post-check"),
    path("posts/<int:post_id>/", posts.post_detail, name="post-detail"),
    path("posts/<int:post_id>/edit/", posts.post_edit, name="post-edit"),
    path("posts/<int:post_id>/submit/", posts.post_submit, name="post-submit"),
    path("posts/<int:post_id>/override/", posts.post_override, name="post-override"),
    path("posts/<int:post_id>/schedule/", posts.post_schedule, name="post-schedule"),
    path("posts/<int:post_id>/comment/", posts.post_comment, name="post-comment"),
    path("reviews/", reviews.review_queue, name="reviews"),
    path("reviews/tasks/<int:task_id>/decide/", reviews.review_decide, name="review-decide"),
    path("notifications/", reviews.notifications, name="notifications"),
    path("notifications/read/", reviews.notifications_read, name="notifications-read"),
    path("notifications/email/", reviews.notifications_email, name="notifications-email"),
    path("calendar/", calendar_views.calendar_page, name="calendar"),
    path("calendar/write/", calendar_views.calendar_write, name="calendar-write"),
    path("calendar/posts/<int:post_id>/move/", calendar_views.calendar_move, name="calendar-move"),
    path("calendar/share/", calendar_views.calendar_share, name="calendar-share"),
    path("calendar/share/rotate/", calendar_views.calendar_feed_rotate, name="calendar-feed-rotate"),
    path("calendar/feed/<str:token>.ics", calendar_views.calendar_feed, name="calendar-feed"),
    path("calendar/export.csv", calendar_views.calendar_export, name="calendar-export"),
    path("calendar/import/", calendar_views.calendar_import, name="calendar-import"),
    path("audit/", audit.audit_page, name="audit"),
    path("audit/export.csv", audit.audit_csv, name="audit-csv"),
    path("publishing/", publishing.publishing_page, name="publishing"),
    path("publishing/jobs/<int:job_id>/retry/", publishing.publishing_retry, name="publishing-retry"),
    path("publishing/posts/<int:post_id>/now/", publishing.publishing_publish_now, name="publishing-publish-now"),
    path("publishing/pause/", publishing.publishing_pause, name="publishing-pause"),
    path("publishing/resume/", publishing.publishing_resume, name="publishing-resume"),
    path("publishing/outbox/", publishing.publishing_outbox, name="publishing-outbox"),
    path("publishing/accounts/", publishing.publishing_accounts, name="publishing-accounts"),
    path("publishing/accounts/connect/", publishing.publishing_account_connect, name="publishing-account-connect"),
    path("publishing/accounts/<int:account_id>/disconnect/", publishing.publishing_account_disconnect,
         name="publishing-account-disconnect"),
    path("publishing/oauth/<slug:network>/callback/", publishing.publishing_oauth_callback,
         name="publishing-oauth-callback"),
    path("publishing/subscribers/", publishing.publishing_subscriber_add, name="publishing-subscriber-add"),
    path("publishing/manual/", publishing.publishing_manual, name="publishing-manual"),
    path("publishing/manual/<int:task_id>/done/", publishing.publishing_manual_done, name="publishing-manual-done"),
    path("newsletter/unsubscribe/<str:token>/", publishing.newsletter_unsubscribe, name="newsletter-unsubscribe"),
    path("area/<slug:key>/", home.area, name="area"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

handler403 = "socialrx.server.views.errors.permission_denied"
