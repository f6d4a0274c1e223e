"""TypeScript symbol provider: identifiers, type names, file names, collisions."""

from __future__ import annotations

from ..common.names import Namer as SharedNamer, pascal_type_name

import re

from ...ir import naming
from ..common.files import short_stem

# reserved words (ES + TS strict mode + contextual words that are unsafe as bindings)
RESERVED = frozenset(
    ["break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as", "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "await", "async", "any", "boolean", "constructor", "declare", "get", "module", "require", "number", "set", "string", "symbol", "type", "from", "of", "namespace", "never", "unknown", "object", "undefined", "bigint", "keyof", "readonly", "infer", "is", "asserts", "unique", "satisfies", "accessor", "arguments", "eval", "NaN", "Infinity"]
)

# global names a generated type must not shadow, and the runtime's exported names
TYPE_RESERVED = frozenset(
    ["Array", "Boolean", "Date", "Error", "EvalError", "Function", "Map", "Number", "Object", "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "String", "Symbol", "SyntaxError", "TypeError", "URIError", "WeakMap", "WeakSet", "JSON", "Math", "Intl", "BigInt", "Record", "Partial", "Required", "Readonly", "Pick", "Omit", "Exclude", "Extract", "NonNullable", "ReturnType", "InstanceType", "Awaited", "Parameters", "Uint8Array", "ArrayBuffer", "ArrayBufferView", "DataView", "ReadableStream", "Blob", "File", "FormData", "Headers", "Request", "Response", "URL", "URLSearchParams", "AbortController", "AbortSignal", "TextEncoder", "TextDecoder", "AsyncIterable", "AsyncIterator", "Iterable", "Iterator", "PromiseLike", "globalThis", "APIPromise", "APIError", "APIConnectionError", "APIConnectionTimeoutError", "APIUserAbortError", "APIStatusError", "BadRequestError", "AuthenticationError", "PermissionDeniedError", "NotFoundError", "ConflictError", "UnprocessableEntityError", "RateLimitError", "InternalServerError", "BaseClient", "ClientOptions", "RequestOptions", "FinalRequestOptions", "APIResource", "Stream", "ServerSentEvent", "AbstractPage", "PagePromise", "PageRequest", "Uploadable", "ToFileInput", "toFile", "Fetch", "HeadersLike"]
)
# a type name may be none of these
_TYPE_RESERVED = TYPE_RESERVED | RESERVED

# members of the client and of every resource class
CLIENT_MEMBERS = frozenset(
    ["constructor", "apiKey", "baseURL", "maxRetries", "timeout", "fetch", "request", "requestAPIList", "withOptions", "get", "post", "put", "patch", "delete", "options", "_client", "_options", "_options_", "buildURL", "buildHeaders", "buildRequest", "buildBody", "_config", "_credentials", "sdkHeaders", "requestPage", "shouldRetry", "retryDelay", "defaultHeaders", "defaultQuery", "makeRequest", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__proto__"]
)
# the options every client takes (credential options are named around them)
CLIENT_OPTIONS = frozenset(["baseURL", "timeout", "maxRetries", "defaultHeaders", "defaultQuery", "fetch"])
RESOURCE_MEMBERS = frozenset({"constructor", "_client", "toString", "valueOf", "hasOwnProperty",
                              "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__proto__"})

_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def _fix_id(word: str) -> str:
    return word


def camel(raw: str) -> str:
    """camelCase with ``ID``/``URL`` spelled as initialisms at word ends (``upload_id`` -> ``uploadID``)."""
    words = naming.words(raw)
    if not words:
        return ""
    out = [words[0]]
    for w in words[1:]:
        if w in ("id", "ids", "url", "urls"):
            out.append(w[:-1].upper() + "s" if w.endswith("s") else w.upper())
        else:
            out.append(w[:1].upper() + w[1:])
    return "".join(out)


def var_ident(raw: str, reserved: frozenset[str] = frozenset()) -> str:
    """A local binding (parameter) name."""
    ident = camel(raw) or "value"
    if ident[0].isdigit():
        ident = f"n{ident}"
    if ident in RESERVED or ident in reserved:
        ident += "_"
    return ident


def member_ident(raw: str, reserved: frozenset[str]) -> str:
    """A method or property name on a class."""
    ident = camel(raw) or "value"
    if ident[0].isdigit():
        ident = f"n{ident}"
    if ident in reserved:
        ident += "_"
    return ident


def type_ident(parts: tuple[str, ...]) -> str:
    """A PascalCase type name from name parts, keeping the spec's PascalCase spelling."""
    return pascal_type_name(parts, _TYPE_RESERVED)


def pascal(raw: str) -> str:
    ident = naming.pascal(raw) or "Resource"
    if ident[0].isdigit():
        ident = f"R{ident}"
    return ident


def file_stem(raw: str) -> str:
    """A kebab-case file name stem."""
    return short_stem("-".join(naming.words(raw)) or "resource", "-")


Namer = SharedNamer  # targets/common/names.py


def path_arg_names(wire_names: list[str]) -> list[str]:
    """The parameter names a method gives its path parameters, in path order
    (as the resource classes declare them: ``upload_id`` -> ``uploadID``)."""
    local = Namer({"params", "options", "body", "query"})
    return [local.claim(var_ident(name)) for name in wire_names]
