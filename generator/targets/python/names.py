"""Python symbol provider: identifiers, class and module names, collisions."""

from __future__ import annotations

from ..common.names import Namer as SharedNamer, pascal_type_name

import builtins
import keyword
import unicodedata
from functools import lru_cache
from typing import Any, Callable

from ...contract import Names, title_words
from ...ir import naming
from ..common.files import short_stem
from .modules import TAKEN

KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {"None", "True", "False"}
# attribute names that would shadow pydantic.BaseModel members or our helpers
MODEL_RESERVED = frozenset(
    """
    construct copy dict json parse_obj parse_raw parse_file schema schema_json validate
    update_forward_refs to_dict to_json fields model_config model_fields model_computed_fields
    model_extra model_fields_set model_construct model_copy model_dump model_dump_json
    model_json_schema model_parametrized_name model_post_init model_rebuild model_validate
    model_validate_json model_validate_strings
    """.split()
)
# keyword arguments every method already takes
METHOD_RESERVED = frozenset({"self", "extra_headers", "extra_query", "extra_body", "timeout", "cls"})
# module-level names a generated method body uses; a parameter must not hide them
BODY_NAMES = frozenset({"cast", "_wire", "make_request_options", "builtins", "NoneType", "AsyncPaginator"})
# names the generated modules import; a type called like this would shadow them
TYPE_RESERVED = frozenset(
    {"BaseModel", "List", "Dict", "Optional", "Union", "Literal", "Any", "Annotated", "TypedDict", "Required",
     "Iterable", "Mapping", "Sequence", "FileTypes", "NotGiven", "NOT_GIVEN", "SequenceNotStr",
     "PropertyInfo", "Page", "Stream", "AsyncStream", "BinaryResponse", "AsyncBinaryResponse", "None", "True",
     "False"}
) | frozenset(n for n in dir(builtins) if n[:1].isupper())


def is_identifier(text: str) -> bool:
    return text.isidentifier() and text.isascii() and not keyword.iskeyword(text) and text not in KEYWORDS


# the identifier functions are pure and see the same spec names many times (a property in every
# model and param class, a class name for its module): each answer is computed once per process
@lru_cache(maxsize=1 << 16)
def snake_ident(raw: str, reserved: frozenset[str] = frozenset()) -> str:
    """A snake_case identifier for ``raw`` (method names, parameters, modules)."""
    ident = naming.snake(raw)
    if not ident:
        ident = "value"
    if ident[0].isdigit():
        ident = f"n_{ident}"
    if ident in KEYWORDS or ident in reserved or keyword.iskeyword(ident):
        ident += "_"
    return ident


@lru_cache(maxsize=1 << 16)
def attr_ident(raw: str, reserved: frozenset[str] = MODEL_RESERVED) -> str:
    """An attribute name for a wire name: the wire name itself when it is a valid,
    non-reserved identifier (so models read like the API), else a sanitised one."""
    if is_identifier(raw) and not raw.startswith("_") and raw not in reserved:
        return raw
    ident = snake_ident(raw)
    if ident in reserved:
        ident += "_"
    return ident


def param_ident(raw: str, reserved: frozenset[str] = frozenset()) -> str:
    """A parameter name: the wire name when it is already a lower-case identifier (``md5``),
    else its snake_case form (``fileId`` -> ``file_id``), which never clashes with a class name."""
    if is_identifier(raw) and raw == raw.lower() and not raw.startswith("_") and raw not in reserved:
        return raw
    return snake_ident(raw, reserved)


# a class name may be none of these
_CLASS_RESERVED = TYPE_RESERVED | KEYWORDS


@lru_cache(maxsize=1 << 16)
def class_ident(parts: tuple[str, ...]) -> str:
    """A PascalCase class name from name parts (a component name, or parent + path)."""
    return pascal_type_name(parts, _CLASS_RESERVED)


def module_ident(class_name: str) -> str:
    """A module (file) name for a class: its snake_case name, or for a very long one (a deeply
    nested hoisted type) a prefix and a short hash of the whole name, deterministic."""
    return short_stem(snake_ident(class_name))


class Namer(SharedNamer):
    """Case-folded clashes count (modules and files must not differ only by case)."""

    def __init__(self, taken: set[str] | None = None):
        super().__init__(taken, fold=True)


def default_names(title: str | Names) -> tuple[str, str]:
    """Package and client names when the config gives none: the contract's SDK words (its
    ``names``; from a title: the title's words less a trailing "API"), the package in snake_case
    and the client ``names.client`` ("OpenAI API" -> ``openai`` / ``OpenAI``; upper-case words keep
    their spelling, "GitHub REST" -> ``GitHubREST``)."""
    words = title.words if isinstance(title, Names) else title_words(title)
    names = Names(words=words, env_prefix="", env_base_url="", env_log="")
    client = class_ident((names.client,))
    package = snake_ident(names.snake)
    if package in TAKEN:  # "struct", "json", "httpx": the package would shadow what it imports
        package += "_sdk"
    return package, client


# names the package's own modules define or import beside the client classes (``__init__``'s lazy
# exports, ``_client``'s imports): a client class called like one would replace it
CLIENT_RESERVED = frozenset({
    "APIConnectionError", "APIError", "APIResponseValidationError", "APIStatusError", "APITimeoutError",
    "AuthenticationError", "BadRequestError", "ConflictError", "InternalServerError", "NotFoundError",
    "PermissionDeniedError", "RateLimitError", "UnprocessableEntityError", "BaseModel", "APIResponse",
    "AsyncAPIResponse", "AsyncStream", "Stream", "BinaryResponse", "AsyncBinaryResponse", "NOT_GIVEN", "NotGiven", "Omit", "SyncAPIClient", "AsyncAPIClient",
    "AuthScheme", "Timeout", "DEFAULT_BASE_URL", "DEFAULT_MAX_RETRIES", "TYPE_CHECKING", "Dict", "Mapping",
    "Optional", "Union", "AsyncPaginator",
})


def sdk_names(title: str | Names, settings: dict[str, Any],
              warn: Callable[[str, str], None] | None = None) -> tuple[str, str, str]:
    """The Python SDK's import package, client class and async client class: the ``python``
    settings of the config where given, else ``default_names`` of the contract's names (or of a title).  The SDK target and the docs'
    Python language both name them here, so the docs' examples import what the SDK exports.
    A configured name is as untrusted as a spec name: one that is not a plain ASCII identifier (Python
    folds ``ｊｓｏｎ`` to ``json`` when it imports it: NFKC), is a keyword, or would shadow what the SDK
    needs (a package named like a standard library module or a dependency, a client named like the
    package's own exports) reaches no code: it is made one the way a derived name is, and ``warn``
    is told (with the setting's key)."""
    default_package, default_client = default_names(title)

    def usable(key: str, default: str, make: Callable[[str], str], taken: frozenset[str]) -> str:
        wanted = settings.get(key)
        given = isinstance(wanted, str) and wanted != ""
        if not given:
            wanted = default  # a derived name gets the same checks, silently
        if is_identifier(wanted) and wanted not in taken:
            return wanted
        made = make(unicodedata.normalize("NFKC", wanted))
        while made in taken:
            made += "_sdk" if key == "package" else "Client"
        if given and warn is not None:
            why = "is not a usable Python name"
            if unicodedata.normalize("NFKC", wanted) in taken:
                why = f"would shadow a {'module' if key == 'package' else 'name'} the SDK uses"
            warn(f"python.{key} {wanted!r} {why}; using {made!r}", key)
        return made

    package = usable("package", default_package, snake_ident, TAKEN | {"pytest"})
    client_taken = CLIENT_RESERVED | TYPE_RESERVED
    client = usable("client", default_client, lambda wanted: class_ident((wanted,)), client_taken)
    return package, client, usable("async_client", f"Async{client}", lambda wanted: class_ident((wanted,)),
                                   client_taken | {client, f"{client}Error"})


def page_class_names(schemes: list[Any]) -> dict[str, str]:
    """A page scheme's name -> the stem of its classes (``Sync<stem>``, ``Async<stem>``): a class name
    made from the configured name (as untrusted as a spec name), unique among the schemes, never one
    whose classes are the pagination module's own (``AsyncPaginator``)."""
    # the stems whose Async<stem> is a runtime class (AsyncPaginator, AsyncStream, AsyncBinaryResponse)
    namer = Namer({"Paginator", "Stream", "BinaryResponse"})

    def stem(name: str) -> str:
        ident = class_ident((name,))
        # a model's reserved words do not bind a page's stem: `Page` makes SyncPage and AsyncPage
        plain = name[:1].isupper() and name.isidentifier() and name.isascii()
        return name if ident == f"{name}Model" and plain and name not in KEYWORDS else ident

    return {scheme.name: namer.claim(stem(scheme.name)) for scheme in schemes}


def credential_ident(key: str, reserved: frozenset[str]) -> str:
    """A credential's option: the contract's key as it is (already snake_case, ``oauth2``, ``user2_app``)
    when it is a usable identifier, as every SDK spells it; else a made one."""
    if key.isidentifier() and key.isascii() and not keyword.iskeyword(key) and key not in reserved:
        return key
    return snake_ident(key, reserved)
