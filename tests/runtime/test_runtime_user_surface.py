"""The user-facing spellings of issue 11.8, on both transports: ``CookieAuth(username=...)`` (with
``name=`` as its alias), ``upload_file`` taking the record first (the old form warns), and the
record read again after an action (``reread=True`` of generated actions, over ``_invoke_action(..., reread=True)``).
"""

from __future__ import annotations

import asyncio
import inspect
import json
from typing import Any

import pytest
from runtime_fake import PASSWORD, PATH_BASE, Record, is_put

TRANSPORTS = ["sync", "async"]


async def resolve(value: Any) -> Any:
    """The result of a sync call as it is, of an async one awaited."""
    return await value if inspect.isawaitable(value) else value


def run_with(transport, make_client, make_async_client, orders, body, auth=None):  # type: ignore[no-untyped-def]
    """Run ``body(api, client)`` on a signed-in client of this transport."""

    async def main() -> Any:
        if transport == "sync":
            with make_client(auth) as client:
                return await body(orders(client), client)
        async with make_async_client(auth) as client:
            return await body(orders(client), client)

    return asyncio.run(main())


def login_names(server) -> list[str]:  # type: ignore[no-untyped-def]
    logins = [r for r in server.requests if r.url.path.endswith("/entity/auth/login")]
    return [json.loads(r.content)["name"] for r in logins]


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("spelling", ["username", "name", "positional"])
def test_cookie_auth_takes_username_and_name_as_its_alias(
    transport, spelling, rt, server, make_client, make_async_client, orders
):
    auth = {
        "username": lambda: rt.auth.CookieAuth(username="admin", password=PASSWORD),
        "name": lambda: rt.auth.CookieAuth(name="admin", password=PASSWORD),
        "positional": lambda: rt.auth.CookieAuth("admin", PASSWORD),
    }[spelling]()

    async def body(api: Any, client: Any) -> None:
        await resolve(api.list())

    run_with(transport, make_client, make_async_client, orders, body, auth)
    assert login_names(server) == ["admin"]
    assert auth.username == auth.name == "admin"
    assert repr(auth) == "CookieAuth(username='admin', tenant=None, branch=None)"


def test_cookie_auth_wants_the_user_name_once_and_a_password(rt):
    with pytest.raises(TypeError, match="username=... \\(name=... is its older alias\\)"):
        rt.auth.CookieAuth(password=PASSWORD)
    with pytest.raises(TypeError, match="needs the user name once"):
        rt.auth.CookieAuth(username="a", name="b", password=PASSWORD)
    with pytest.raises(TypeError, match="needs password"):
        rt.auth.CookieAuth(username="admin")


def uploads(server) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        r.url.raw_path.decode() for r in server.requests if is_put(r) and "/files/" in r.url.path
    ]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_upload_file_takes_the_record_by_its_keys_else_its_id(
    transport, server, make_client, make_async_client, orders
):
    async def body(api: Any, client: Any) -> str:
        saved = await resolve(api.put(Record(OrderType="SO", OrderNbr="F1")))
        await resolve(api.upload_file(saved, "scan 1.pdf", b"%PDF-1"))
        await resolve(api.upload_file(Record(id=saved.data["id"]), "b.txt", b"hi"))
        await resolve(api.upload_file(record=saved, filename="c.txt", content=b"c"))
        return str(saved.data["id"])

    record_id = run_with(transport, make_client, make_async_client, orders, body)
    assert uploads(server) == [
        f"{PATH_BASE}/SalesOrder/SO/F1/files/scan%201.pdf",
        f"{PATH_BASE}/SalesOrder/{record_id}/files/b.txt",
        f"{PATH_BASE}/SalesOrder/SO/F1/files/c.txt",
    ]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_upload_file_by_file_name_first_still_works_and_is_deprecated(
    transport, server, make_client, make_async_client, orders
):
    async def body(api: Any, client: Any) -> None:
        with pytest.deprecated_call(match=r"upload_file\(record, filename, content\)"):
            await resolve(api.upload_file("a.txt", b"a", keys=["SO", "F1"]))
        with pytest.deprecated_call():
            await resolve(api.upload_file(filename="b.txt", content=b"b", id="42"))

    run_with(transport, make_client, make_async_client, orders, body)
    assert uploads(server) == [
        f"{PATH_BASE}/SalesOrder/SO/F1/files/a.txt",
        f"{PATH_BASE}/SalesOrder/42/files/b.txt",
    ]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_upload_file_of_a_record_without_id_or_keys_is_refused_before_anything_is_sent(
    transport, server, make_client, make_async_client, orders
):
    async def body(api: Any, client: Any) -> None:
        with pytest.raises(
            ValueError, match=r"has neither its id nor all its keys \(OrderType, OrderNbr\)"
        ):
            await resolve(api.upload_file(Record(OrderType="SO"), "a.txt", b"a"))
        with pytest.raises(TypeError, match="is missing content"):
            await resolve(api.upload_file(Record(OrderType="SO"), "a.txt"))
        with pytest.raises(TypeError, match="unexpected arguments: keys"):
            await resolve(api.upload_file(Record(OrderType="SO"), "a.txt", b"a", keys=["SO"]))

    run_with(transport, make_client, make_async_client, orders, body)
    assert uploads(server) == []


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_an_action_can_give_the_record_back_read_again(
    transport, server, make_client, make_async_client, orders
):
    async def body(api: Any, client: Any) -> Any:
        saved = await resolve(api.put(Record(OrderType="SO", OrderNbr="A1")))
        server.records[saved.data["id"]]["Status"] = {"value": "Completed"}  # what the action did
        assert await resolve(api._invoke_action("CompleteOrder", saved, None)) is None
        by_id = await resolve(api._invoke_action("CompleteOrder", saved, None, reread=True))
        by_keys = await resolve(
            api._invoke_action(
                "CompleteOrder", Record(OrderType="SO", OrderNbr="A1"), None, reread=True
            )
        )
        return saved.data["id"], by_id, by_keys

    record_id, by_id, by_keys = run_with(transport, make_client, make_async_client, orders, body)
    assert by_id.value("Status") == by_keys.value("Status") == "Completed"
    reads = [r.url.raw_path.decode() for r in server.requests if r.method == "GET"]
    by_id_at = reads.index(f"{PATH_BASE}/SalesOrder/{record_id}")
    assert reads[-1] == f"{PATH_BASE}/SalesOrder/SO/A1"
    # Each read comes once its action finished: right after the action's last status poll.
    assert "/CompleteOrder/status/" in reads[by_id_at - 1] and "/status/" in reads[-2]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_an_action_to_reread_a_record_without_id_or_keys_is_refused_before_it_runs(
    transport, server, make_client, make_async_client, orders
):
    async def body(api: Any, client: Any) -> None:
        with pytest.raises(ValueError, match="has neither its id nor all its keys"):
            await resolve(
                api._invoke_action("CompleteOrder", Record(OrderType="SO"), None, reread=True)
            )

    run_with(transport, make_client, make_async_client, orders, body)
    assert [r for r in server.requests if r.method == "POST" and "Complete" in r.url.path] == []


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_the_read_after_an_action_has_the_action_s_timeout(
    transport, server, make_client, make_async_client, orders
):
    async def body(api: Any, client: Any) -> None:
        saved = await resolve(api.put(Record(OrderType="SO", OrderNbr="T1")))
        await resolve(api._invoke_action("CompleteOrder", saved, None, timeout=7.5, reread=True))

    run_with(transport, make_client, make_async_client, orders, body)
    read = [r for r in server.requests if r.method == "GET"][-1]
    assert "/status/" not in read.url.path
    assert read.extensions["timeout"]["read"] == 7.5


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_upload_file_with_its_arguments_mixed_up_is_refused_before_anything_is_sent(
    transport, server, make_client, make_async_client, orders
):
    record = Record(OrderType="SO", OrderNbr="F1")

    async def body(api: Any, client: Any) -> None:
        with pytest.raises(TypeError, match="file name as text and the content as bytes"):
            await resolve(api.upload_file(record, b"%PDF", "a.pdf"))  # swapped
        with pytest.raises(TypeError, match=r"not str and str \(text content: encode it"):
            await resolve(api.upload_file(record, "a.txt", "some text"))

    run_with(transport, make_client, make_async_client, orders, body)
    assert uploads(server) == []


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_record_unset_or_other_non_key_given_as_an_id_or_key_is_refused_before_sending(
    transport, rt, server, make_client, make_async_client, orders
):
    class Order(rt.model.Model):
        pass

    async def body(api: Any, client: Any) -> None:
        with pytest.raises(TypeError, match=r"SalesOrder id must be text.*not a Order record"):
            await resolve(api.delete(Order()))
        with pytest.raises(TypeError, match=r"SalesOrder id must be text.*pass the record's own"):
            await resolve(api.get({"id": "42"}))
        with pytest.raises(ValueError, match="SalesOrder id is UNSET"):
            await resolve(api.get(rt.values.UNSET))
        with pytest.raises(ValueError, match="SalesOrder key OrderNbr is UNSET"):
            await resolve(api.get_by_keys("SO", rt.values.UNSET))
        with pytest.raises(TypeError, match="SalesOrder key OrderType must be text"):
            await resolve(api.delete_by_keys(True, "SO1"))

    run_with(transport, make_client, make_async_client, orders, body)
    assert [r for r in server.requests if r.url.path.startswith(f"{PATH_BASE}/SalesOrder")] == []
