"""Pure pieces of the runtime: OData filters, JSON encoding, redaction, error classification."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest

# Filters -------------------------------------------------------------------------------------


def test_comparisons_render_odata(rt):
    F = rt.query.FieldRef
    assert str(F("Status") == "Open") == "Status eq 'Open'"
    assert str(F("Status") != "Open") == "Status ne 'Open'"
    assert str(F("Qty") < 5) == "Qty lt 5"
    assert str(F("Qty") <= 5) == "Qty le 5"
    assert str(F("Total") > Decimal("10.50")) == "Total gt 10.50"
    assert str(F("Total") >= Decimal("1E+3")) == "Total ge 1000"
    assert str(F("Hold") == True) == "Hold eq true"  # noqa: E712
    assert str(F("Note") == None) == "Note eq null"  # noqa: E711
    assert str(F("Status").eq("Open")) == "Status eq 'Open'"
    assert str(F("MainContact") / "Email" == "a@b.c") == "MainContact/Email eq 'a@b.c'"


def test_literals_quote_dates_and_guids(rt):
    F = rt.query.FieldRef
    assert str(F("Name") == "O'Brien's") == "Name eq 'O''Brien''s'"
    when = datetime(2024, 3, 1, 12, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert str(F("Date") >= when) == "Date ge datetimeoffset'2024-03-01T12:30:00-05:00'"
    guid = UUID("8b4f2a8e-0000-4000-8000-000000000001")
    assert str(F("NoteID") == guid) == f"NoteID eq guid'{guid}'"
    with pytest.raises(TypeError):
        str(F("X") == object())


def test_and_or_not_with_minimal_parentheses(rt):
    F = rt.query.FieldRef
    a, b, c = F("A") == 1, F("B") == 2, F("C") == 3
    assert str(a & b & c) == "A eq 1 and B eq 2 and C eq 3"
    assert str((a | b) & c) == "(A eq 1 or B eq 2) and C eq 3"
    assert str(a | b & c) == "A eq 1 or B eq 2 and C eq 3"
    assert str(~(a | b)) == "not (A eq 1 or B eq 2)"
    assert str(~F("Name").startswith("AB")) == "not startswith(Name,'AB')"
    assert str(F("Name").contains("x'y")) == "substringof('x''y',Name)"
    assert str(F("Name").endswith("z")) == "endswith(Name,'z')"


def test_filter_has_no_truth_value(rt):
    F = rt.query.FieldRef
    with pytest.raises(TypeError, match="truth value"):
        if F("A") == 1:
            pass


# JSON ----------------------------------------------------------------------------------------


def test_dumps_keeps_decimal_digits_and_types(rt):
    dumps = rt._wire.dumps
    data = {
        "a": Decimal("0.1000000000000000000001"),
        "b": [Decimal("-3"), Decimal("2.50")],
        "c": "\x00not a placeholder\x00",
        "d": datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        "e": UUID(int=7),
        "f": "ünïcode",
    }
    text = dumps(data).decode()
    assert '"a":0.1000000000000000000001' in text
    assert '"b":[-3,2.50]' in text
    assert json.loads(text)["c"] == "\x00not a placeholder\x00"
    assert '"d":"2024-01-02T03:04:05+00:00"' in text
    assert '"f":"ünïcode"' in text
    assert rt._wire.loads(text.encode())["a"] == Decimal("0.1000000000000000000001")
    with pytest.raises(ValueError):
        dumps({"x": Decimal("NaN")})


def test_retry_after_parsing(rt):
    parse = rt._wire.parse_retry_after
    assert parse("3") == 3.0
    assert parse(None) is None and parse("soon") is None
    assert parse("100000") == 100000.0  # as the server said; the client decides what to do
    http_date = "Wed, 21 Oct 2015 07:28:00 GMT"
    assert parse(http_date) == 0.0  # in the past


def test_redaction_of_urls_headers_and_bodies(rt):
    wire = rt._wire
    assert wire.redact_url("https://x/cb?code=abc&state=1") == "https://x/cb?code=***&state=1"
    assert wire.redact_url("https://x/e?$filter=A eq 1") == "https://x/e?$filter=A eq 1"
    headers = wire.redact_headers([("Cookie", "a=b"), ("Authorization", "Bearer t"), ("X", "1")])
    assert headers == {"Cookie": "***", "Authorization": "***", "X": "1"}
    form = b"grant_type=password&password=p&client_secret=s&username=u"
    assert wire.redact_body(form, "application/x-www-form-urlencoded") == {
        "grant_type": "password",
        "password": "***",
        "client_secret": "***",
        "username": "u",
    }
    nested = b'{"a":{"refresh_token":"r","list":[{"access_token":"t"}]}}'
    assert wire.redact_body(nested, "application/json") == {
        "a": {"refresh_token": "***", "list": [{"access_token": "***"}]}
    }
    assert wire.redact_body(b"%PDF", "application/pdf") == "<4 bytes application/pdf>"


# Error classification ------------------------------------------------------------------------


def classify(rt, status, body, headers=None):  # type: ignore[no-untyped-def]
    return rt.errors.error_from_response(
        "GET", "https://x/entity/E/1/SalesOrder?code=abc", status, headers or {}, body
    )


@pytest.mark.parametrize(
    ("status", "body", "name"),
    [
        (400, {"message": "bad"}, "ValidationError"),
        (422, {"CustomerID": {"value": 1, "error": "no"}}, "ValidationError"),
        (401, {"message": "not logged in"}, "AuthError"),
        (403, {"message": "forbidden"}, "AuthError"),
        (404, None, "NotFound"),
        (
            500,
            {"exceptionType": "PX.Api.ContractBased.NoEntitySatisfiesTheConditionException"},
            "NotFound",
        ),
        (412, None, "PreconditionFailed"),
        (429, {"exceptionMessage": "API Login Limit"}, "LoginLimit"),
        (429, {"message": "slow down"}, "RateLimited"),
        (
            500,
            {"exceptionMessage": "Another process has updated the 'SOOrder' record."},
            "ConcurrencyError",
        ),
        (500, {"exceptionMessage": "Object reference not set"}, "ServerError"),
        (
            500,
            {"exceptionMessage": "Transaction (Process ID 71) was deadlocked on lock resources"},
            "ConcurrencyError",
        ),
        (502, "<html>bad gateway</html>", "ServerError"),
    ],
)
def test_error_classification(rt, status, body, name):
    error = classify(rt, status, body)
    assert type(error).__name__ == name
    assert isinstance(error, rt.errors.AcumaticaError)
    assert error.status == status and error.method == "GET"
    assert "abc" not in error.url and "code=" in error.url


def test_retry_after_on_rate_limited(rt):
    error = classify(rt, 429, {}, {"Retry-After": "12"})
    assert error.retry_after == 12.0


def test_walk_errors_through_details_linked_and_custom(rt):
    body = {
        "error": "top",
        "CustomerID": {"value": "C", "error": "bad customer"},
        "BillToContact": {"Email": {"value": "x", "error": "bad email"}},
        "Details": [
            {"InventoryID": {"value": "A"}},
            {"error": "line error", "Qty": {"value": -1, "error": "must be positive"}},
        ],
        "custom": {
            "Document": {"UsrRef": {"type": "CustomStringField", "value": "", "error": "req"}}
        },
    }
    error = classify(rt, 422, body)
    assert error.error == "top"
    assert error.field_errors == {
        "CustomerID": "bad customer",
        "BillToContact.Email": "bad email",
        "Details[1]": "line error",
        "Details[1].Qty": "must be positive",
        "custom.Document.UsrRef": "req",
    }


def test_stale_session_detection(rt):
    stale = rt._wire.looks_like_stale_session
    expired = {"exceptionMessage": "The session has expired. Please sign in again."}
    assert stale(500, expired, idempotent=False)
    assert not stale(500, {"exceptionMessage": "No entity satisfies the condition."}, True)
    assert not stale(500, {"exceptionMessage": "x", "modelState": {}}, True)
    assert not stale(422, expired, True)
    nre = {"exceptionType": "System.NullReferenceException"}
    assert stale(500, nre, idempotent=True) and not stale(500, nre, idempotent=False)
    kind = rt._wire.stale_session
    assert kind(500, nre) == "possible"
    assert kind(500, {"exceptionType": "PX.Data.PXUndefinedCompanyException"}) == "certain"
    assert kind(500, {"exceptionMessage": "You are not logged in."}) == "certain"
    assert kind(500, {"exceptionMessage": "Session expired."}) == "certain"
    for business in (
        "Cash drawer session is closed for this register.",
        "Customer 'C01' cannot be used: the Login 'jdoe' is disabled.",
        "Login failed for user 'acu'.",
        "The POS session has expired for register 3, close it first.",
    ):
        assert kind(500, {"exceptionMessage": business}) is None, business
        assert not stale(500, {"exceptionMessage": business}, idempotent=True)


def test_nested_field_references_join_with_a_slash(rt):
    F = rt.query.FieldRef
    qty = F("Details") / F("OrderQty")
    assert qty.path == "Details/OrderQty"
    assert str(qty > Decimal("2")) == "Details/OrderQty gt 2"
    assert rt._wire.query_params(select=[F("Details") / "InventoryID", "OrderNbr"]) == {
        "$select": "Details/InventoryID,OrderNbr"
    }


def test_custom_fields_in_filters_use_acumaticas_cf_syntax(rt):
    ref = rt.query.custom_field("Document", "UsrWebShopOrderID")
    assert str(ref == "W-1") == "cf.String(f='Document.UsrWebShopOrderID') eq 'W-1'"
    points = rt.query.custom_field("BAccount", "UsrLoyaltyPoints", "Int")
    assert str(points >= 100) == "cf.Int(f='BAccount.UsrLoyaltyPoints') ge 100"


def test_credential_keys_are_masked_in_any_case_but_entity_fields_named_code_show(rt):
    redact = rt._wire.redact_data
    assert redact({"Password": {"value": "x"}, "code": "c", "Code": {"value": "SHIP"}}) == {
        "Password": "***",
        "code": "***",
        "Code": {"value": "SHIP"},
    }


def test_query_is_encoded_once_and_reads_like_odata(rt):
    with_query = rt._wire.with_query
    params = {"$filter": "Name eq 'A&B+C' and Date gt datetimeoffset'2024-01-01T00:00:00+01:00'"}
    url = with_query("https://x/entity/E/1/SalesOrder", {**params, "$select": "Details/Qty,Nbr"})
    assert url == (
        "https://x/entity/E/1/SalesOrder?$filter=Name%20eq%20'A%26B%2BC'%20and%20Date%20gt%20"
        "datetimeoffset'2024-01-01T00:00:00%2B01:00'&$select=Details/Qty,Nbr"
    )
    import httpx

    assert dict(httpx.URL(url).params) == {**params, "$select": "Details/Qty,Nbr"}
    assert with_query("https://x/a?b=1", {"$top": "2"}) == "https://x/a?b=1&$top=2"


def test_422_field_errors_with_a_generated_model_keep_custom_and_unknown_fields(rt):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from testkit import use_example_package

    use_example_package()
    from acumatica_web_shop.models import SalesOrder

    body = {
        "error": "Inserting 'Sales Order' record raised at least one error.",
        "CustomerID": {"value": "NOPE", "error": "'Customer' cannot be found."},
        "NewServerField": {"value": 1, "error": "new field refused"},
        "Details": [
            {"InventoryID": {"value": "OK"}},
            {"InventoryID": {"value": "BAD", "error": "'Inventory ID' cannot be found."}},
        ],
        "UnknownDetails": [{"Foo": {"value": 1, "error": "bad foo"}}],
        "custom": {
            "Document": {
                "UsrExternalRef": {
                    "type": "CustomStringField",
                    "value": "X" * 99,
                    "error": "Custom field too long",
                }
            }
        },
    }
    error = rt.errors.error_from_response(
        "PUT", "https://x/entity/WebShop/24.200.001/SalesOrder", 422, {}, body, SalesOrder
    )
    assert isinstance(error, rt.errors.ValidationError)
    assert error.field_errors == {
        "CustomerID": "'Customer' cannot be found.",
        "NewServerField": "new field refused",
        "Details[1].InventoryID": "'Inventory ID' cannot be found.",
        "UnknownDetails[0].Foo": "bad foo",
        "custom.Document.UsrExternalRef": "Custom field too long",
    }
    assert isinstance(error.entity, SalesOrder)
    assert error.error and error.error.startswith("Inserting")
    assert "custom.Document.UsrExternalRef: Custom field too long" in str(error)


def test_session_cookies_keep_set_cookies_and_drop_expired_ones(rt) -> None:  # type: ignore[no-untyped-def]
    cookies = rt._wire.SessionCookies()
    assert not cookies and cookies.header == ""
    cookies.update(
        [
            "ASP.NET_SessionId=abc; path=/; HttpOnly; SameSite=Lax",
            ".ASPXAUTH=tok=en; path=/; secure",
            "UserBranch=16; expires=Fri, 01-Jan-2100 00:00:00 GMT; path=/",
        ]
    )
    assert cookies.header == "ASP.NET_SessionId=abc; .ASPXAUTH=tok=en; UserBranch=16"
    cookies.update(
        [
            ".ASPXAUTH=; expires=Mon, 11-Oct-1999 00:00:00 GMT; path=/",
            "UserBranch=16; Max-Age=0",
            "ASP.NET_SessionId=def; path=/",
            "garbage-without-equals",
        ]
    )
    assert cookies.header == "ASP.NET_SessionId=def"
    cookies.clear()
    assert not cookies and cookies.header == ""


def test_entity_fields_that_hold_credentials_are_masked_whatever_their_spelling(rt):
    redact = rt._wire.redact_data
    record = {
        "StoreName": {"value": "S1"},
        "AccessToken": {"value": "TOPSECRETACCESS"},
        "RefreshToken": {"value": "r"},
        "SharedSecret": {"value": "s"},
        "WebDAVPassword": {"value": "DAVSECRET123"},
        "custom": {"Document": {"UsrApiKey": {"type": "CustomStringField", "value": "k"}}},
        "api_key": "k",
        "Code": {"value": "SHIP"},
        "Description": {"value": "kept"},
    }
    assert redact(record) == {
        "StoreName": {"value": "S1"},
        "AccessToken": "***",
        "RefreshToken": "***",
        "SharedSecret": "***",
        "WebDAVPassword": "***",
        "custom": {"Document": {"UsrApiKey": "***"}},
        "api_key": "***",
        "Code": {"value": "SHIP"},
        "Description": {"value": "kept"},
    }


def test_a_known_secret_is_masked_even_url_encoded_in_a_logged_query(rt, tmp_path):
    secret = "p@ss w0rd&x=1"
    log = rt._wire.ExchangeLog("acumatica_test", tmp_path / "log.jsonl", lambda: [secret])
    url = rt._wire.with_query("https://x/entity/E/1/Customer", {"$filter": f"Name eq '{secret}'"})
    log.exchange("GET", url, [], b"", 200, [], b"[]", 0.01)
    log.close()
    text = (tmp_path / "log.jsonl").read_text()
    assert "p%40ss" not in text and "w0rd" not in text and "***" in text
