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

    # -- errors and navigation -------------------------------------------------------------

    def fail(self, pointer: str, problem: str) -> SpecError:
        """Raise a SpecError at ``pointer`` (returns the error type for ``raise`` readability)."""
        raise SpecError(self.path, pointer, problem)

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
        tags = self.data.get("tags")
        if isinstance(tags, list):
            for tag in tags:
                if isinstance(tag, dict) and isinstance(tag.get("name"), str):
                    description = tag.get("description")
                    result[tag["name"]] = description if isinstance(description, str) else None
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
                if not isinstance(tags, list):
                    self.fail(f"{pointer}/tags", "expected a list of tag names")
                yield Operation(
                    path=path,
                    method=method,
                    pointer=pointer,
                    tags=tuple(t for t in tags if isinstance(t, str)),
                    body_ref=self._body_ref(operation, pointer),
                    response_ref=self._response_ref(operation, pointer),
                )

    def _body_ref(self, operation: dict[str, Any], pointer: str) -> str | None:
        if self.format == SWAGGER_2:
            parameters = operation.get("parameters") or []
            if not isinstance(parameters, list):
                self.fail(f"{pointer}/parameters", "expected a list of parameters")
            for index, parameter in enumerate(parameters):
                parameter, _ = self.resolve(parameter, f"{pointer}/parameters/{index}")
                if isinstance(parameter, dict) and parameter.get("in") == "body":
                    schema = parameter.get("schema")
                    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
                        return str(schema["$ref"])
            return None
        body = operation.get("requestBody")
        if body is None:
            return None
        body, body_pointer = self.resolve(body, f"{pointer}/requestBody")
        return self._content_schema_ref(body, body_pointer)

    def _content_schema_ref(self, node: Any, pointer: str) -> str | None:
        content = node.get("content") if isinstance(node, dict) else None
        if not isinstance(content, dict):
            return None
        for media_type in sorted(content, key=lambda m: (m != "application/json", m)):
            schema = (
                content[media_type].get("schema") if isinstance(content[media_type], dict) else None
            )
            if isinstance(schema, dict):
                return _schema_ref(schema)
        return None

    def _response_ref(self, operation: dict[str, Any], pointer: str) -> str | None:
        responses = operation.get("responses")
        if not isinstance(responses, dict) or "200" not in responses:
            return None
        response, response_pointer = self.resolve(responses["200"], f"{pointer}/responses/200")
        if self.format == SWAGGER_2:
            schema = response.get("schema") if isinstance(response, dict) else None
            return _schema_ref(schema) if isinstance(schema, dict) else None
        return self._content_schema_ref(response, response_pointer)


def _schema_ref(schema: dict[str, Any]) -> str | None:
    if isinstance(schema.get("$ref"), str):
        return str(schema["$ref"])
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
        data = json.loads(text)
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
