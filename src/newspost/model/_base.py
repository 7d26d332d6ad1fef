"""The base of every model: frozen values, and a way to build them without re-validating."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict
from pydantic_core import PydanticUndefined

__all__ = ["Frozen", "assemble", "reduce_to_fields", "trusted"]


class Frozen(BaseModel):
    """A frozen model that rejects unknown fields.

    Posts are values: parsing builds them once and nothing mutates them, so
    they can be shared between threads, cached and compared safely.
    """

    # defer_build: pydantic builds a model's validator on first use, not at import. The
    # parser builds most models without validating them (`trusted`), and every process
    # (each pre-commit run, each worker) paid at import for validators it never used.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_to_fields(self)


_Model = TypeVar("_Model", bound=BaseModel)


class _Plan:
    """How `trusted` fills one model class's fields, worked out on first use."""

    __slots__ = ("factories", "required", "size", "template")

    def __init__(self, cls: type[BaseModel]) -> None:
        fields = cls.model_fields
        # Every field in declared order with its default: the dict each model starts
        # from (required fields and those with a factory are filled in after).
        self.template = {name: info.default for name, info in fields.items()}
        self.factories = tuple(
            (name, info.default_factory)
            for name, info in fields.items()
            if info.default_factory is not None
        )
        self.required = frozenset(
            name
            for name, info in fields.items()
            if info.default is PydanticUndefined and info.default_factory is None
        )
        self.size = len(fields)


_PLANS: dict[type[BaseModel], _Plan] = {}
_new = object.__new__
# The setters of the slots every pydantic model has (what object.__setattr__ finds
# for these names, without the lookup by name).
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def assemble(cls: type[_Model], fields: dict[str, Any], fields_set: set[str]) -> _Model:
    """A ``cls`` holding ``fields`` (every field, by name) as they are; nothing is checked.

    What pydantic's validator makes of values that already have their fields'
    exact types, with ``fields_set`` as the fields given, no extra and no private
    attributes. `trusted` builds on it; so do the rules' findings.
    """
    model = _new(cls)
    _set_dict(model, fields)
    _set_fields_set(model, fields_set)
    _set_extra(model, None)
    _set_private(model, None)
    return model


def trusted(cls: type[_Model], /, **values: Any) -> _Model:
    """Build ``cls(**values)`` without validating ``values``.

    For the parser's own hot path only: a post has dozens of small blocks, and
    pydantic's validation of each (and again of each list holding them, with
    the block union told apart by ``kind``) adds up. The values must already
    have their fields' types; nothing is checked or converted, so anything from
    outside goes through the model's normal constructor. Tests check that every
    corpus post validates back to itself. Missing fields take their defaults (a
    fresh one from a default factory).

    Raises:
        TypeError: a field without a default is missing, or a name is not a field.
    """
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    data = plan.template.copy()
    data.update(values)
    if len(data) != plan.size:
        unknown = ", ".join(sorted(values.keys() - plan.template.keys()))
        raise TypeError(f"{cls.__name__}: not a field: {unknown}")
    for name, factory in plan.factories:
        if name not in values:
            data[name] = factory()  # type: ignore[call-arg]
    for name in plan.required:  # one or two: a loop costs less than comparing sets
        if name not in values:
            missing = ", ".join(repr(name) for name in sorted(plan.required - values.keys()))
            raise TypeError(f"{cls.__name__}: missing value for the required field {missing}")
    return assemble(cls, data, set(values))


_FIELD_NAMES: dict[type[BaseModel], tuple[str, ...]] = {}
_FIELD_VALUES: dict[type[BaseModel], Callable[[dict[str, Any]], tuple[Any, ...]]] = {}


def _field_names(cls: type[BaseModel]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(cls.model_fields)
    return names


def reduce_to_fields(model: BaseModel) -> tuple[Any, ...]:
    """Pickle ``model`` as its class and its field values: a model's ``__reduce__``.

    ``check --jobs`` sends every finding from a worker process back in a pickle.
    pydantic's own pickling writes four attributes by name for each model (its
    ``__dict__`` with every field's name, the fields set, extra and private
    attributes) and reads them back through Python-level ``__getstate__`` and
    ``__setstate__``: for koreanews' findings that was a tenth of each worker's
    instructions. The values alone, in field order, make a pickle half the size
    and a third faster to write. Cached views in ``__dict__`` are left out (they
    are made again on use). A model with extra or private attributes, or not
    every field set, is pickled as pydantic pickles it, so nothing is lost.
    """
    cls = type(model)
    names = _field_names(cls)
    if (
        model.__pydantic_extra__ is not None
        or model.__pydantic_private__ is not None
        or len(model.__pydantic_fields_set__) != len(names)
    ):
        return (_from_state, (cls, model.__getstate__()))
    values_of = _FIELD_VALUES.get(cls)
    if values_of is None:
        getter = operator.itemgetter(*names)
        values_of = getter if len(names) > 1 else lambda fields: (getter(fields),)
        _FIELD_VALUES[cls] = values_of
    return (_from_fields, (cls, values_of(model.__dict__)))


def _from_fields(cls: type[_Model], values: tuple[Any, ...]) -> _Model:
    # The other half of `reduce_to_fields`: the values were a whole model's fields. As
    # `assemble`, inline: a run's reports call this for every finding.
    names = _FIELD_NAMES.get(cls) or _field_names(cls)
    model = _new(cls)
    _set_dict(model, dict(zip(names, values, strict=True)))
    _set_fields_set(model, set(names))
    _set_extra(model, None)
    _set_private(model, None)
    return model


def _from_state(cls: type[_Model], state: dict[Any, Any]) -> _Model:
    # pydantic's own way back (what it pickles when no ``__reduce__`` is given).
    model = _new(cls)
    model.__setstate__(state)
    return model
