"""The REST API (django-ninja): token or session authentication, OpenAPI docs at /api/docs."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.timezone import now
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from socialrx.core.workflow import ReviewForbidden, ReviewRefused
from socialrx.server.actions import ActionError
from socialrx.server.lib.throttling import record_token_failure, token_attempts_allowed
from socialrx.server.models import ApiToken


class TooManyTokenFailures(Exception):
    """This client sent too many unknown or revoked tokens; it must wait for the lock to lift."""


class BearerToken(HttpBearer):
    """`Authorization: Bearer srx_…` with a token created on the Team page."""

    def authenticate(self, request, token: str):
        if not token_attempts_allowed(request):
            raise TooManyTokenFailures
        found = ApiToken.objects.for_raw(token)
        if found is None or not found.user.is_active:
            record_token_failure(request)
            return None
        if found.last_used_at is None or (now() - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now())
        request.user = found.user
        return found.user


ERROR_SCHEMA = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"],
                "title": "Error"}  # fmt: skip
VALIDATION_ERROR_SCHEMA = {"type": "object", "title": "ValidationError", "required": ["detail"],
                           "properties": {"detail": {"type": "array", "items": {"type": "object"}}}}  # fmt: skip
SHARED_ERRORS = {
    "400": ("The request was refused; `detail` says why and nothing was changed.", "Error"),
    "401": ("No valid bearer token or session.", "Error"),
    "403": ("Signed in, but without the permission this needs.", "Error"),
    "404": ("No such object (or not visible to you).", "Error"),
    "422": ("A parameter or field has the wrong type or form; `detail` lists each with its location.",
            "ValidationError"),
}


class SocialrxAPI(NinjaAPI):
    """The API, whose schema also documents the errors every operation can answer with.

    Refusals come from shared exception handlers (permission, not found, action refused, validation), so each
    operation lists them: a client (or schemathesis) sees every status the server may send.
    """

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault("Error", ERROR_SCHEMA)
        components.setdefault("ValidationError", VALIDATION_ERROR_SCHEMA)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for code, (description, component) in SHARED_ERRORS.items():
                    if code not in responses and int(code) not in responses:
                        responses[code] = {"description": description, "content": {"application/json": {
                            "schema": {"$ref": f"#/components/schemas/{component}"}}}}  # fmt: skip
        return schema


api = SocialrxAPI(
    title="socialrx API",
    version="1",
    description="Plan, compose, check, review, publish, listen and measure. Authenticate with a bearer token.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(TooManyTokenFailures)
def too_many_token_failures(request, exc):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = api.create_response(
        request, {"detail": f"Too many refused API tokens from your address; try again in {minutes} minutes."}, status=429
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Permission denied."}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(ActionError)
def action_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ReviewForbidden)
def review_forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(ReviewRefused)
def review_refused(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


def _register_routers() -> None:
    from socialrx.server.api import calendar, me, posts, reviews, strategy

    api.add_router("/me", me.router)
    api.add_router("/strategy", strategy.router)
    api.add_router("/posts", posts.router)
    api.add_router("/reviews", reviews.router)

    from socialrx.server.api import publishing

    api.add_router("/publishing", publishing.router)
    api.add_router("/calendar", calendar.router)

    from socialrx.server.api import check

    api.add_router("/check", check.router)

    from socialrx.server.api import analytics

    api.add_router("/analytics", analytics.router)

    from socialrx.server.api import repurpose

    api.add_router("/repurpose", repurpose.router)


    from socialrx.server.api import crisis, relationships

    api.add_router("/relationships", relationships.router)
    api.add_router("/crisis", crisis.router)

    from socialrx.server.api import inbox, listening

    api.add_router("/listening", listening.router)
    api.add_router("/inbox", inbox.router)


_register_routers()
