"""Decoding an answer that is not what it says, field by field (off ``Model.from_dict``'s fast path).

Strict decoding (the default) comes here after its fast path failed, to name the first field that
is wrong in a ``DecodeError``. Lenient decoding keeps each such value as the server sent it and lists
it, by field path, in the instance's ``decode_errors``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import DecodeError
from .model import CUSTOM, DETAIL, LINKED, MALFORMED, MAP, PLAIN, VALUE
from .values import decode_custom, decode_files, json_kind

if TYPE_CHECKING:
    from .model import FieldSpec, Model

M = TypeVar("M", bound="Model")
Problems = list[tuple[str, str]]


def decode_leniently(cls: type[M], data: Any, *, lenient: bool) -> M:
    """``cls`` from ``data``, every malformed value kept as sent; unless ``lenient``, the first
    one raises ``DecodeError`` naming the entity and the field path."""
    problems: Problems = []
    try:
        instance = _decode(cls, data, "", problems)
    except RecursionError:
        problems.append(("", "nested too deeply"))
        instance = None
    if problems and (not lenient or instance is None):
        path, reason = problems[0]
        where = f"{cls.__name__}.{path}" if path else cls.__name__
        raise DecodeError(f"{where}: {reason}", entity=cls.__name__, field=path or None)
    if instance is None or not lenient:  # the fast path failed where this finds nothing wrong
        raise DecodeError(f"{cls.__name__}: the answer could not be read", entity=cls.__name__)
    return instance


def _decode(cls: type[M], data: Any, prefix: str, problems: Problems) -> M | None:
    """An instance, or None (with a problem) when ``data`` is not an object at all."""
    if not isinstance(data, Mapping):
        what = f"expected one {cls.__name__} record, got {json_kind(data)}"
        problems.append((prefix.rstrip("."), what))
        return None
    self = cls.__new__(cls)
    values = self.__dict__
    by_wire = cls._fields_.by_wire
    extra: dict[str, Any] = {}
    wrapper_extra: dict[str, dict[str, Any]] = {}
    for key, raw in data.items():
        spec = by_wire.get(key)
        if spec is None:
            extra[key] = raw
            continue
        path = f"{prefix}{key}"
        if spec.kind == VALUE:
            if type(raw) is dict:
                if "value" in raw:
                    values[spec.attr] = _value(spec, raw["value"], path, problems)
                if len(raw) > ("value" in raw):
                    wrapper_extra[key] = {k: v for k, v in raw.items() if k != "value"}
            else:
                extra[key] = raw
        elif spec.kind == PLAIN:
            values[spec.attr] = _value(spec, raw, path, problems)
        else:
            values[spec.attr] = _nested(cls, spec, raw, path, problems)
    if extra:
        self._extra = extra
    if wrapper_extra:
        self._wrapper_extra = wrapper_extra
    if not prefix and problems:
        self._decode_errors = dict(problems)
    return self


def _value(spec: FieldSpec, raw: Any, path: str, problems: Problems) -> Any:
    try:
        return spec.decode(raw)
    except MALFORMED as exc:
        problems.append((path, _reason(exc)))
        return raw


def _nested(owner: type[Model], spec: FieldSpec, raw: Any, path: str, problems: Problems) -> Any:
    """A linked entity, detail lines, a map of entities, custom fields or files; kept as sent
    where malformed."""
    if raw is None:
        return raw
    if spec.kind == LINKED:
        if not isinstance(raw, Mapping):
            problems.append((path, f"expected one {spec.entity_name} record, got {json_kind(raw)}"))
            return raw
        return _decode(spec.entity(owner), raw, f"{path}.", problems)
    if spec.kind == DETAIL:
        if not isinstance(raw, list):
            what = f"expected a list of {spec.entity_name} records, got {json_kind(raw)}"
            problems.append((path, what))
            return raw
        entity = spec.entity(owner)
        lines = []
        for index, item in enumerate(raw):
            line = _decode(entity, item, f"{path}[{index}].", problems)
            lines.append(item if line is None else line)
        return lines
    if spec.kind == MAP:
        if not isinstance(raw, Mapping):
            what = f"expected a map of {spec.entity_name} records, got {json_kind(raw)}"
            problems.append((path, what))
            return raw
        entity = spec.entity(owner)
        items = {}
        for name, item in raw.items():
            decoded = _decode(entity, item, f"{path}.{name}.", problems)
            items[name] = item if decoded is None else decoded
        return items
    decode = decode_custom if spec.kind == CUSTOM else decode_files
    try:
        return decode(raw)
    except MALFORMED as exc:
        problems.append((path, _reason(exc)))
        return raw


def _reason(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
