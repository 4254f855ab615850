"""The REST API against its own OpenAPI schema: generated requests never cause a server error or a schema violation.

Schemathesis generates requests for every operation from the schema the API serves and calls the WSGI
application in-process, signed in with a manager's bearer token, over a database holding the seed
strategy. Bounded: a few examples per operation, no shrinking; every failure is collected and shown.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks
from schemathesis.core.failures import FailureGroup

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]
EXAMPLES_PER_OPERATION = 6


def _exercise(operation, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES_PER_OPERATION, phases=[Phase.explicit, Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck), database=None, derandomize=True)  # fmt: skip
    def run(case) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    run()


@pytest.fixture
def keep_test_connection():
    """Keep the test's database connection across in-process WSGI calls, as Django's test client does.

    The real WSGI handler closes the connection after each request; inside the test's transaction on PostgreSQL
    that would leave every later request with a closed connection.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_api_conforms_to_its_schema(db, manager, api_token_for, keep_test_connection):
    """No generated request gets a 5xx, an undocumented status, or a body that breaks the schema."""
    from socialrx.server.actions.strategy import ensure_default_strategy
    from socialrx.server.wsgi import application

    ensure_default_strategy()
    _client, token = api_token_for(manager)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        try:
            _exercise(operation, {"Authorization": f"Bearer {token}"})
        except (AssertionError, FailureGroup) as error:
            failures.append(f"{operation.label}: {str(error).strip().splitlines()[0:12]}")
        except Exception as error:  # a crash inside the app or the generator is a finding too
            failures.append(f"{operation.label}: {type(error).__name__}: {error}")
    assert operations > 50
    assert not failures, f"{len(failures)} of {operations} operations fail:\n" + "\n".join(failures)


def test_schema_names_are_unique(db):
    """No two response or request schemas share a name, so the served schema never swaps one for another."""
    import inspect
    import pkgutil
    from collections import defaultdict
    from importlib import import_module

    from ninja import Schema

    import socialrx.server.api as package

    shapes: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for module_info in pkgutil.iter_modules(package.__path__):
        module = import_module(f"{package.__name__}.{module_info.name}")
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, Schema) and value.__module__ == module.__name__:
                shapes[name].add(tuple(sorted(value.model_fields)))
    clashes = {name: found for name, found in shapes.items() if len(found) > 1}
    assert clashes == {}
