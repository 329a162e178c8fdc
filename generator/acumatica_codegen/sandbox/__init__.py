"""The sandbox: a local Acumatica contract-based REST API, simulated from any endpoint document.

Nobody has an Acumatica instance in CI. The sandbox answers like one, for whatever endpoint
documents it is given (built from their IR, so custom endpoints and every contract version work)::

    acumatica-codegen sandbox specs/WebShop_24.200.001.json --port 0
    # first line on stdout: Sandbox listening on http://127.0.0.1:PORT

In Python, it serves from a background thread::

    from acumatica_codegen.sandbox import Sandbox

    with Sandbox("specs/WebShop_24.200.001.json", port=0, max_sessions=2) as sb:
        client = Client(sb.url, auth=CookieAuth(username="admin", password="123"))
        ...
        assert sb.stats()["open_sessions"] == 0     # nothing leaked

    sb.seed("Customer", {"CustomerID": {"value": "C1"}})   # prepare data without HTTP
    sb.records("Customer")                                 # what is stored, fully expanded

and as a pytest fixture (module scope by default), here with sessions dying as real ones do
(a correct client survives every seed)::

    sandbox = Sandbox.fixture("specs/WebShop_24.200.001.json", restart_rate=0.05, seed=1)

    def test_orders(sandbox):
        ...

The pytest plugin (``pytest_plugin``, registered on install) gives a ready ``acumatica_sandbox``
fixture configured from pytest's ini options.

What it does (see ``app`` for the routes and the exact error shapes):

- ``GET /entity`` lists the endpoints and a build version; ``GET /entity/{E}/{V}/swagger.json``
  serves each document as given (no sign-in; an unknown ``?company=`` is refused).
- Sign-in: ``POST /entity/auth/login`` (``name``, ``password``, ``tenant`` or ``company``,
  ``branch``, ``locale``; JSON or form) sets ``ASP.NET_SessionId``; ``/entity/auth/logout`` ends
  it. One more session than ``max_sessions`` answers 429 "API Login Limit" (or, with
  ``evict_idle_sessions``, ends the session idle longest); no session, 401. Users:
  ``users={"admin": "123"}`` by default. Sessions die as real ones do (``sessions``): after
  ``session_idle_timeout`` idle seconds, and all at once on a restart (``restart_rate``,
  ``POST /sandbox/expire-sessions``, ``Sandbox.expire_sessions()``).
- OAuth 2.0 at ``/identity/connect/token`` (password, refresh_token, authorization_code with
  PKCE) and ``/identity/connect/authorize`` (auto-approves, redirects with a code); Bearer tokens
  live ``token_lifetime`` seconds. A client id ending in ``@Tenant`` signs in to that tenant.
- Records live in memory, per tenant and endpoint: PUT upserts (by ``id``, else by the entity's
  key fields), ``If-None-Match: *`` / ``If-Match: *`` answer 412; GET lists with
  ``$filter $select $expand $custom $top $skip``; GET and DELETE by id or by keys; a missing
  record is a 500 ``NoEntitySatisfiesTheConditionException``. Wrong value types answer 422 with
  ``error`` on each failing field (detail lines too); bodies that cannot be read answer 400.
  Text compares without regard to case, as on SQL Server.
- A new record's missing keys (left out, null, ``""``, only whitespace, ``"<NEW>"``) are filled as
  a stock instance fills them (``key_rules`` has the tables), else answer 422 "'Customer ID'
  cannot be empty." on the field. Only the last key is numbered (``000001``..., an int, a GUID),
  and only a document number (name ending in ``Nbr``: OrderNbr, RefNbr, BatchNbr...), an int/GUID
  id (ContactID, LeadID), Case.CaseID, Opportunity.OpportunityID or ExpenseReceipt.ReceiptID, or
  any text/int/GUID last key of an entity in ``auto_number`` (``--auto-number Customer``);
  ``manual_number`` turns numbering off for an entity. First keys get their screen's default
  (SalesOrder.OrderType SO, SalesInvoice/Invoice Type Invoice, Payment.Type Payment, Bill.Type
  Bill, JournalTransaction.Module GL...); ``key_defaults`` (``--key-default
  SalesOrder.OrderType=IN``) sets, overrides or (with an empty value) removes one.
- Actions answer 202 with a status ``Location`` that answers 202 ``action_polls`` times, then
  204. The ``entity`` must locate a record (its ``id``, or every key), else 500
  ``NoEntitySatisfiesTheConditionException``. A name the document does not declare for that entity
  is a 404, unless the document has the entity's ``/{Entity}/{actionName}`` custom-action path
  (real documents have it for every entity), which takes any name. Release… sets ``Status`` to
  Released (invoices and bills, which keep a balance: Open; a cash sale: Closed), Cancel… to
  Canceled, …Hold… to On Hold, RemoveHold…/…FromHold/Open… to Open, Void… to Voided, Confirm…
  to Confirmed.
- Files: ``PUT /{Entity}/{keys}/files/{name}`` (or the record's ``files:put`` link) stores bytes;
  ``$expand=files`` lists them; their ``href`` serves them.
- New documents get their screen's status, dates and currency (``document_defaults``); linked
  keys (CustomerID, InventoryID...) must name stored records, else 422 "'Customer ID' cannot be
  found in the system." (``references``; ``reference_checks=False`` turns that off).
- Licence limits (``limits``): ``max_concurrent_requests`` and ``max_requests_per_minute`` queue
  requests, then answer 429 past ``request_queue_timeout``.
- Faults: ``fail_rate`` (per-request failures, your code sees some errors: 500 like a stale
  session, ending it), ``conflict_rate`` (500 lock violation on writes), ``long_operation_rate``
  (409 "A long operation is running for this screen"), ``rate_limit`` (429 +
  Retry-After), ``latency_ms``; ``seed`` makes the faults, restarts and generated ids repeat
  exactly. Misbehaviour switches (``misbehaviour``): ``redirect_stale_to_login``,
  ``html_errors``, ``stale_every_request``.
- ``GET /sandbox/stats`` (no sign-in): ``open_sessions``, ``max_open_sessions_seen``, ``logins``,
  ``logouts``, ``requests``, ``rejected_logins``, ``in_flight``, ``max_in_flight_seen``, the
  session deaths (``expired_sessions``, ``evicted_sessions``, ``restarts``), the licence peaks
  (``peak_concurrent_requests``, ``peak_queued_requests``, ``busiest_minute_requests``,
  ``delayed_requests``, ``declined_requests``, ``too_many_requests``) and the fault counters.
  ``POST /sandbox/reset`` (or ``sb.reset()``) forgets everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app
    from .options import SandboxOptions
    from .runner import Sandbox

__all__ = ["Sandbox", "SandboxOptions", "create_app"]

_LAZY = {"Sandbox": ".runner", "SandboxOptions": ".options", "create_app": ".app"}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name, __name__), name)
