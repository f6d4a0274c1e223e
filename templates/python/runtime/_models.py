"""The base of every response model.

Responses are built leniently (:func:`construct_type`): unknown fields are kept,
enum values the spec does not list are kept as they are, and a field of an
unexpected shape is passed through rather than raising — a server that adds a
status or a field must not break old clients.  ``Model.model_validate(data)``
still validates strictly when you want it.
"""

from __future__ import annotations

import json
import types
from typing import Any, Dict, Mapping, Optional, Tuple, Type, TypeVar, Union, cast, get_args, get_origin

import pydantic
from pydantic.fields import FieldInfo
from typing_extensions import Annotated, Literal

from ._utils import PropertyInfo, as_list, as_mapping

_ModelT = TypeVar("_ModelT", bound="BaseModel")

__all__ = ["BaseModel", "construct_type"]


class BaseModel(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=())

    def to_dict(self, *, exclude_unset: bool = True, by_alias: bool = True) -> Dict[str, object]:
        """The model as a JSON-compatible dict with wire names; unset fields left out."""
        return self.model_dump(mode="json", exclude_unset=exclude_unset, by_alias=by_alias)

    def to_json(self, *, indent: Optional[int] = 2, exclude_unset: bool = True) -> str:
        """The model as a JSON string with wire names."""
        return json.dumps(self.to_dict(exclude_unset=exclude_unset), indent=indent)

    @classmethod
    def construct_from(cls: Type[_ModelT], data: Mapping[str, object]) -> _ModelT:
        """Build an instance from wire data without validation (see module docs)."""
        fields: Dict[str, object] = {}
        explicit: set[str] = set()
        consumed: set[str] = set()
        for name, info in cls.model_fields.items():
            key = info.alias or name
            if key in data:
                fields[name] = _construct_field(data[key], info)
                consumed.add(key)
                explicit.add(name)
            elif not info.is_required():
                fields[name] = info.get_default(call_default_factory=True)
        extra = {k: v for k, v in data.items() if k not in consumed}
        instance = cls.__new__(cls)
        object.__setattr__(instance, "__dict__", fields)
        object.__setattr__(instance, "__pydantic_fields_set__", explicit)
        object.__setattr__(instance, "__pydantic_extra__", extra)
        object.__setattr__(instance, "__pydantic_private__", None)
        return instance


def _construct_field(value: object, info: FieldInfo) -> object:
    type_: Any = info.annotation
    for meta in info.metadata:
        if isinstance(meta, PropertyInfo) and meta.discriminator:
            return _construct_union(value, _variants(type_), meta)
    return construct_type(value=value, type_=type_)


def _is_union(type_: object) -> bool:
    origin = get_origin(type_)
    return origin is Union or origin is types.UnionType


def _variants(type_: object) -> Tuple[object, ...]:
    return get_args(type_) if _is_union(type_) else (type_,)


def _is_model(type_: object) -> bool:
    return isinstance(type_, type) and issubclass(type_, BaseModel)


def construct_type(*, value: object, type_: object) -> Any:
    """Shape ``value`` (decoded JSON) into ``type_`` without raising on surprises."""
    origin = get_origin(type_)
    if origin is Annotated:
        args = get_args(type_)
        for meta in args[1:]:
            if isinstance(meta, PropertyInfo) and meta.discriminator:
                return _construct_union(value, _variants(args[0]), meta)
        return construct_type(value=value, type_=args[0])
    if _is_union(type_):
        args = get_args(type_)
        if value is None and type(None) in args:
            return None
        return _construct_union(value, tuple(a for a in args if a is not type(None)), None)
    if origin is Literal or type_ is Any or type_ is object:
        return value
    mapping = as_mapping(value)
    if _is_model(type_):
        if mapping is not None:
            return cast("Type[BaseModel]", type_).construct_from(mapping)
        return value
    items = as_list(value)
    if origin is list and items is not None:
        (item,) = get_args(type_) or (Any,)
        return [construct_type(value=v, type_=item) for v in items]
    if origin is dict and mapping is not None:
        args = get_args(type_)
        item = args[1] if len(args) == 2 else Any
        return {k: construct_type(value=v, type_=item) for k, v in mapping.items()}
    if type_ is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _literal_values(model: Type[BaseModel], wire_name: str) -> Tuple[object, ...]:
    for name, info in model.model_fields.items():
        if (info.alias or name) == wire_name and get_origin(info.annotation) is Literal:
            return get_args(info.annotation)
    return ()


_ADAPTERS: Dict[object, pydantic.TypeAdapter[Any]] = {}


def _adapter(variant: object) -> pydantic.TypeAdapter[Any]:
    try:
        adapter = _ADAPTERS.get(variant)
    except TypeError:  # unhashable: not cached
        return pydantic.TypeAdapter(cast(Any, variant))
    if adapter is None:
        adapter = _ADAPTERS[variant] = pydantic.TypeAdapter(cast(Any, variant))
    return adapter


def _construct_union(value: object, variants: Tuple[object, ...], info: Optional[PropertyInfo]) -> Any:
    mapping = as_mapping(value)
    models = [cast("Type[BaseModel]", v) for v in variants if _is_model(v)]
    if mapping is not None and info is not None and info.discriminator:
        wanted = mapping.get(info.discriminator)
        # an explicit mapping (wire value -> class name) first, then the variants' literal fields
        target = info.mapping.get(str(wanted)) if wanted is not None else None
        for model in models:
            if target is not None and model.__name__ == target:
                return model.construct_from(mapping)
        for model in models:
            if wanted is not None and wanted in _literal_values(model, info.discriminator):
                return model.construct_from(mapping)
    # no discriminator (or no match): the first variant that validates strictly wins
    for variant in variants:
        try:
            return _adapter(variant).validate_python(value)
        except (pydantic.ValidationError, pydantic.PydanticSchemaGenerationError, TypeError):
            continue
    # else the first variant of a compatible shape, built leniently
    if mapping is not None and models:
        return models[0].construct_from(mapping)
    if as_list(value) is not None:
        for variant in variants:
            if get_origin(variant) is list:
                return construct_type(value=value, type_=variant)
    return value
