"""Read an endpoint document: BOM-tolerant JSON, Swagger 2.0 or OpenAPI 3.x, local ``$ref``s.

The two formats differ in where things live (``definitions`` vs ``components/schemas``, body
parameters vs ``requestBody``, inline vs ``$ref``'d parameters and responses). ``SpecDocument``
hides those differences behind a few accessors, so ``builder`` reads one shape. Every problem is a
``SpecError`` naming the file and the JSON pointer.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import jsontext
from .errors import SpecError

SWAGGER_2 = "swagger-2.0"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass(frozen=True)
class Operation:
    """One operation of the document, with its request body schema already located."""

    path: str
    method: str
    pointer: str
    tags: tuple[str, ...]
    body_ref: str | None  # the $ref of the request body schema, when it is a $ref
    response_ref: str | None  # the $ref of the 200 response schema (or of its array items)


def escape_pointer(token: str) -> str:
    """Escape one JSON pointer token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def _unescape_pointer(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def describe_json(value: Any) -> str:
    """What a JSON value is, for messages: ``a number (5)``, ``a list``, ``a string ('x')``."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    kind = "a string" if isinstance(value, str) else "a number"
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    return f"{kind} ({shown})"


class SpecDocument:
    """A parsed endpoint document and the accessors the builder needs."""

    def __init__(self, path: str, data: dict[str, Any], sha256: str) -> None:
        self.path = path
        self.data = data
        self.sha256 = sha256
        self.format = self._detect_format()
        if self.format == SWAGGER_2:
            self.schemas_pointer = "/definitions"
        else:
            self.schemas_pointer = "/components/schemas"
        schemas: Any = self.data
        for token in self.schemas_pointer.split("/")[1:]:
            schemas = schemas.get(token) if isinstance(schemas, dict) else None
        if not isinstance(schemas, dict):
            self.fail(
                self.schemas_pointer,
                "expected an object of schemas; an endpoint document always has one",
            )
        self.schemas: dict[str, Any] = schemas
        for name, schema in schemas.items():
            node, pointer = self.resolve(schema, self.schema_pointer(name))
            self.expect_object(node, pointer, "a schema object")

    # -- errors and navigation -------------------------------------------------------------

    def fail(self, pointer: str, problem: str) -> SpecError:
        """Raise a SpecError at ``pointer`` (returns the error type for ``raise`` readability)."""
        raise SpecError(self.path, pointer, problem)

    def expect_object(self, node: Any, pointer: str, what: str) -> dict[str, Any]:
        """``node`` when it is a JSON object, else a SpecError saying what was found instead."""
        if not isinstance(node, dict):
            self.fail(
                pointer,
                f"expected {what} (a JSON object), found {describe_json(node)}; "
                "fix or re-fetch the document",
            )
        return node

    def _lookup(self, pointer: str, referrer: str) -> Any:
        node: Any = self.data
        for raw in pointer.split("/")[1:]:
            token = _unescape_pointer(raw)
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                where = referrer or pointer
                self.fail(where, f"$ref '#{pointer}' points to nothing in this document")
        return node

    def resolve(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow ``$ref``s from ``node`` (found at ``pointer``) to a concrete node."""
        seen: set[str] = set()
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            target = self.ref_pointer(ref, pointer)
            if target in seen:
                self.fail(pointer, f"$ref '{ref}' loops back on itself")
            seen.add(target)
            node, pointer = self._lookup(target, f"{pointer}/$ref"), target
        return node, pointer

    def ref_pointer(self, ref: Any, pointer: str) -> str:
        """The JSON pointer inside this document that a local ``$ref`` names."""
        if not isinstance(ref, str) or not ref.startswith("#"):
            self.fail(
                f"{pointer}/$ref",
                f"only local $refs ('#/...') are supported, found {ref!r}; "
                "inline the referenced document first",
            )
        return ref[1:]

    def schema_name(self, ref: str, pointer: str) -> str:
        """The schema name a ``$ref`` points to (``#/definitions/X`` → ``X``), checked to exist."""
        target = self.ref_pointer(ref, pointer)
        prefix = self.schemas_pointer + "/"
        if not target.startswith(prefix):
            self.fail(
                f"{pointer}/$ref", f"expected a $ref to a schema under '#{prefix}', found {ref!r}"
            )
        name = _unescape_pointer(target[len(prefix) :])
        if name not in self.schemas:
            self.fail(f"{pointer}/$ref", f"$ref {ref!r} points to no schema in this document")
        return name

    def schema_pointer(self, name: str) -> str:
        return f"{self.schemas_pointer}/{escape_pointer(name)}"

    # -- document identity -----------------------------------------------------------------

    def _detect_format(self) -> str:
        swagger = self.data.get("swagger")
        openapi = self.data.get("openapi")
        if swagger is not None:
            if str(swagger) != "2.0":
                self.fail("/swagger", f"unsupported Swagger version {swagger!r}; expected '2.0'")
            return SWAGGER_2
        if openapi is not None:
            if not re.fullmatch(r"3\.\d+(\.\d+)?", str(openapi)):
                self.fail("/openapi", f"unsupported OpenAPI version {openapi!r}; expected 3.x")
            return f"openapi-{openapi}"
        self.fail(
            "",
            "not an endpoint document: expected a top-level 'swagger: \"2.0\"' or 'openapi: \"3.x\"' "
            "key (download it from /entity/{Endpoint}/{Version}/swagger.json)",
        )
        raise AssertionError  # unreachable: fail() raises

    @property
    def title(self) -> str | None:
        info = self.data.get("info")
        title = info.get("title") if isinstance(info, dict) else None
        return title if isinstance(title, str) else None

    @property
    def base_path(self) -> str | None:
        """The path part of the endpoint's base URL (``/entity/Default/24.200.001``)."""
        if self.format == SWAGGER_2:
            base = self.data.get("basePath")
            return base if isinstance(base, str) else None
        servers = self.data.get("servers")
        if isinstance(servers, list) and servers and isinstance(servers[0], dict):
            url = servers[0].get("url")
            if isinstance(url, str):
                return re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "", url)
        return None

    @property
    def tags(self) -> dict[str, str | None]:
        """Tag name → description."""
        result: dict[str, str | None] = {}
        tags = self.data.get("tags", [])
        if not isinstance(tags, list):
            self.fail("/tags", f"expected a list of tag objects, found {describe_json(tags)}")
        for index, tag in enumerate(tags):
            tag = self.expect_object(tag, f"/tags/{index}", "a tag object")
            name = tag.get("name")
            if not isinstance(name, str):
                self.fail(
                    f"/tags/{index}/name", f"expected the tag's name, found {describe_json(name)}"
                )
            description = tag.get("description")
            result[name] = description if isinstance(description, str) else None
        return result

    # -- operations --------------------------------------------------------------------------

    def operations(self) -> Iterator[Operation]:
        """Every operation, in document order (callers sort what they keep)."""
        paths = self.data.get("paths")
        if not isinstance(paths, dict):
            self.fail("/paths", "expected an object of paths")
        for path, item in paths.items():
            item_pointer = f"/paths/{escape_pointer(path)}"
            item, item_pointer = self.resolve(item, item_pointer)
            if not isinstance(item, dict):
                self.fail(item_pointer, "expected a path item object")
            for method in HTTP_METHODS:
                operation = item.get(method)
                if operation is None:
                    continue
                pointer = f"{item_pointer}/{method}"
                if not isinstance(operation, dict):
                    self.fail(pointer, "expected an operation object")
                tags = operation.get("tags") or []
                if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                    self.fail(f"{pointer}/tags", "expected a list of tag names (strings)")
                yield Operation(
                    path=path,
                    method=method,
                    pointer=pointer,
                    tags=tuple(tags),
                    body_ref=self._body_ref(operation, pointer),
                    response_ref=self._response_ref(operation, pointer),
                )

    def _body_ref(self, operation: dict[str, Any], pointer: str) -> str | None:
        if self.format == SWAGGER_2:
            parameters = operation.get("parameters") or []
            if not isinstance(parameters, list):
                self.fail(f"{pointer}/parameters", "expected a list of parameters")
            for index, parameter in enumerate(parameters):
                parameter, parameter_pointer = self.resolve(
                    parameter, f"{pointer}/parameters/{index}"
                )
                parameter = self.expect_object(parameter, parameter_pointer, "a parameter object")
                if parameter.get("in") == "body":
                    schema = self.expect_object(
                        parameter.get("schema"), f"{parameter_pointer}/schema", "a schema object"
                    )
                    return _schema_ref(schema, array=False)
            return None
        body = operation.get("requestBody")
        if body is None:
            return None
        body, body_pointer = self.resolve(body, f"{pointer}/requestBody")
        body = self.expect_object(body, body_pointer, "a request body object")
        return self._content_schema_ref(body, body_pointer)

    def _content_schema_ref(self, node: dict[str, Any], pointer: str) -> str | None:
        if "content" not in node:
            return None
        content = self.expect_object(
            node["content"], f"{pointer}/content", "an object of media types"
        )
        for media_type in sorted(content, key=lambda m: (m != "application/json", m)):
            media_pointer = f"{pointer}/content/{escape_pointer(media_type)}"
            media = self.expect_object(content[media_type], media_pointer, "a media type object")
            if "schema" in media:
                schema = self.expect_object(
                    media["schema"], f"{media_pointer}/schema", "a schema object"
                )
                return _schema_ref(schema)
        return None

    def _response_ref(self, operation: dict[str, Any], pointer: str) -> str | None:
        responses = operation.get("responses", {})
        responses = self.expect_object(responses, f"{pointer}/responses", "an object of responses")
        if "200" not in responses:
            return None
        response, response_pointer = self.resolve(responses["200"], f"{pointer}/responses/200")
        response = self.expect_object(response, response_pointer, "a response object")
        if self.format != SWAGGER_2:
            return self._content_schema_ref(response, response_pointer)
        if "schema" not in response:
            return None
        schema = self.expect_object(
            response["schema"], f"{response_pointer}/schema", "a schema object"
        )
        return _schema_ref(schema)


def _schema_ref(schema: dict[str, Any], *, array: bool = True) -> str | None:
    """The ``$ref`` of a schema, or (with ``array``) of the items of an array schema."""
    if isinstance(schema.get("$ref"), str):
        return str(schema["$ref"])
    if not array:
        return None
    items = schema.get("items")
    if (
        schema.get("type") == "array"
        and isinstance(items, dict)
        and isinstance(items.get("$ref"), str)
    ):
        return str(items["$ref"])
    return None


def parse_document(raw: bytes, path: str) -> SpecDocument:
    """Parse the bytes of an endpoint document (UTF-8, with or without a BOM)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpecError(
            path, "", f"not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None
    try:
        data = jsontext.loads(text)
    except jsontext.JsonTextError as error:
        raise SpecError(path, error.pointer, f"{error}: fix or re-fetch the document") from None
    except json.JSONDecodeError as error:
        raise SpecError(
            path,
            "",
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
        ) from None
    if not isinstance(data, dict):
        raise SpecError(
            path, "", "not an endpoint document: expected a JSON object at the top level"
        )
    return SpecDocument(path, data, hashlib.sha256(raw).hexdigest())


def read_document(path: str | Path) -> SpecDocument:
    """Read and parse the endpoint document at ``path``."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise SpecError(
            str(path), "", "no such file; give the path of an endpoint document"
        ) from None
    except IsADirectoryError:
        raise SpecError(
            str(path), "", "is a folder; give the path of an endpoint document"
        ) from None
    except OSError as error:
        raise SpecError(str(path), "", f"cannot be read: {error.strerror}") from None
    return parse_document(raw, str(path))
