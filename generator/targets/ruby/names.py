"""Ruby symbol provider: method, argument, constant and file names; collisions.

Every identifier the Ruby target writes comes from here.  Names are derived
from the spec's own strings deterministically; a clash never drops anything,
it renames (``_`` suffix for reserved words, ``_2``/``2`` counters for
duplicates).
"""

from __future__ import annotations

from ..common.names import Namer as SharedNamer

import re
from functools import lru_cache

from ...ir import naming
from ..common.files import short_stem

# Ruby keywords (and pseudo-keywords that cannot be local variables)
KEYWORDS = frozenset(
    ["BEGIN", "END", "__ENCODING__", "__END__", "__FILE__", "__LINE__", "alias", "and", "begin", "break", "case", "class", "def", "defined?", "do", "else", "elsif", "end", "ensure", "false", "for", "if", "in", "module", "next", "nil", "not", "or", "redo", "rescue", "retry", "return", "self", "super", "then", "true", "undef", "unless", "until", "when", "while", "yield"]
    # numbered block parameters: `_1` ... `_9` cannot name a local variable or a keyword argument
    + [f"_{digit}" for digit in range(1, 10)]
)

# Public instance methods of Object (Ruby 3.1, with json loaded): a reader with
# one of these names would break the object model (``upload.class``, ``send``).
OBJECT_METHODS = frozenset(
    ["class", "clone", "define_singleton_method", "display", "dup", "enum_for", "eql?", "equal?", "extend", "freeze", "frozen?", "hash", "inspect", "instance_eval", "instance_exec", "instance_of?", "instance_variable_defined?", "instance_variable_get", "instance_variable_set", "instance_variables", "is_a?", "itself", "kind_of?", "method", "methods", "nil?", "object_id", "private_methods", "protected_methods", "public_method", "public_methods", "public_send", "remove_instance_variable", "respond_to?", "send", "singleton_class", "singleton_method", "singleton_methods", "taint", "tainted?", "tap", "then", "to_enum", "to_json", "to_s", "trust", "untaint", "untrust", "untrusted?", "yield_self", "__id__", "__send__", "initialize", "instance_variables", "method_missing", "respond_to_missing?", "object_id"]
)

# Methods every generated model has (from the runtime BaseModel).
MODEL_METHODS = frozenset({"to_h", "to_hash", "deconstruct_keys", "fields", "raw", "wire"})

# Methods every resource has.
RESOURCE_METHODS = frozenset({"with_raw_response", "client"})

# Keyword arguments every method already takes.
ARG_RESERVED = frozenset({"request_options"})

# Constant names a model, enum or nested constant must not take: generated model
# files name these core classes unqualified (`required :id, String`), and a
# nested constant of the same name would shadow them.  (Everything else is
# referred to fully qualified from the SDK's top module, which is reserved too.)
CONST_RESERVED = frozenset(
    ["String", "Integer", "Float", "Hash", "Array", "Symbol", "Object", "Kernel", "Proc", "BasicObject", "Module", "Class", "Comparable", "Enumerable", "Struct", "StringIO", "Pathname", "JSON", "ENV"]
)

# top-level constants of Ruby, of the standard library the SDK requires and of what a program beside it
# commonly has: an SDK module called like one would reopen it (module URI: "URI is not a module")
TOP_CONSTANTS = frozenset({
    "Kernel", "Object", "Gem", "Ruby", "URI", "Net", "OpenSSL", "Zlib", "Time", "SecureRandom", "Minitest", "Set",
    "Date", "DateTime", "Logger", "IO", "File", "Dir", "Process", "Thread", "Errno", "Math", "Random", "Rational",
    "Complex", "Exception", "StandardError", "Encoding", "Marshal", "Signal", "GC", "ObjectSpace", "Timeout",
    "Base64", "Digest", "CGI", "ERB", "YAML", "Psych", "Socket", "Tempfile", "Etc", "Fiber", "Range", "Regexp",
    "NilClass", "TrueClass", "FalseClass", "Numeric", "Method", "Data", "Warning", "RubyVM", "Enumerator",
    "Monitor", "Forwardable", "Singleton", "Bundler", "Struct", "Queue", "Mutex", "Binding", "Dir", "FileUtils",
    "Open3", "OpenStruct", "PP", "Ractor", "Comparable", "Enumerable", "Integer", "Float", "String", "Symbol",
    "Hash", "Array", "Proc", "BasicObject", "Module", "Class", "JSON", "ENV", "StringIO", "Pathname",
})
# files of Ruby's standard library (ruby 3.1 rubylibdir and extensions, and minitest, which the
# generated tests require): a gem whose lib/ holds one of these names shadows it for every
# `require` once the gem is on the load path
LIBRARY_FILES = frozenset({
    "English", "abbrev", "base64", "benchmark", "bigdecimal", "bundler", "cgi", "continuation", "coverage", "csv",
    "date", "date_core", "delegate", "did_you_mean", "digest", "drb", "erb", "error_highlight", "etc", "expect",
    "fcntl", "fiddle", "fileutils", "find", "forwardable", "getoptlong", "io", "ipaddr", "irb", "json", "kconv",
    "logger", "minitest", "mkmf", "monitor", "mutex_m", "net", "nkf", "objspace", "observer", "open-uri",
    "open3", "openssl", "optionparser", "optparse", "ostruct", "pathname", "pp", "prettyprint", "pstore", "psych",
    "pty", "racc", "random", "rdoc", "readline", "reline", "resolv", "resolv-replace", "rinda", "ripper",
    "rubygems", "securerandom", "set", "shellwords", "singleton", "socket", "stringio", "strscan", "syslog",
    "tempfile", "time", "timeout", "tmpdir", "tsort", "un", "unicode_normalize", "uri", "weakref", "yaml",
    "zlib", "open_uri", "rake", "test",
})
_SIMPLE_METHOD = re.compile(r"\A[a-z_][A-Za-z0-9_]*\Z")
_CONST = re.compile(r"\A[A-Z][A-Za-z0-9_]*\Z")


def is_const(text: str) -> bool:
    return bool(_CONST.match(text))


def is_plain_ident(text: str) -> bool:
    return bool(_SIMPLE_METHOD.match(text)) and text.isascii()


# the identifier functions are pure and see the same spec names many times (a property in every
# model that has it, twice while its model orders its fields): each answer is computed once per process
@lru_cache(maxsize=1 << 16)
def method_ident(raw: str, reserved: frozenset[str] = frozenset()) -> str:
    """A Ruby method / local variable name for ``raw`` (snake_case, never a keyword
    or a reserved method).  The wire name is kept when it already is one."""
    text = str(raw)
    if is_plain_ident(text) and not text.startswith("__"):
        ident = text
    else:
        ident = naming.snake(text)
        if not ident:
            ident = "value"
        if ident[0].isdigit():
            ident = f"_{ident}"
    if ident in KEYWORDS or ident in OBJECT_METHODS or ident in reserved:
        ident += "_"
    return ident


_PASCAL = re.compile(r"[A-Z][A-Za-z0-9]*")


def const_ident(parts: tuple[str, ...] | list[str], reserved: frozenset[str] = CONST_RESERVED) -> str:
    """A PascalCase constant (class / module) name from name parts."""
    out: list[str] = []
    for part in parts:
        part = str(part)
        if _PASCAL.fullmatch(part):
            out.append(part)  # keep the spec's spelling: FileObject stays FileObject
        else:
            out.append(naming.pascal(part))
    ident = "".join(out)
    if not ident:
        ident = "Model"
    if not ident[0].isalpha():
        ident = f"Model{ident}"
    if ident in reserved or ident in KEYWORDS:
        ident += "Model"
    return ident


def enum_const_ident(value: object) -> str:
    """An UPPER_SNAKE constant for an enum value: ``fine-tune`` -> ``FINE_TUNE``."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    return _enum_const(text, isinstance(value, (int, float)) and not isinstance(value, bool) and float(value) < 0)


@lru_cache(maxsize=1 << 16)
def _enum_const(text: str, negative: bool) -> str:
    words = naming.words(text)
    if negative:
        words = ["minus", *words]
    ident = "_".join(w.upper() for w in words)
    if not ident:
        ident = "EMPTY" if text == "" else "VALUE"
    if not ident[0].isalpha():
        ident = f"V_{ident}"
    if ident in KEYWORDS:  # BEGIN / END
        ident += "_"
    return ident


@lru_cache(maxsize=1 << 16)
def file_ident(class_name: str) -> str:
    """A file name stem (snake_case) for a constant name."""
    return short_stem(naming.snake(class_name) or "model")


class Namer(SharedNamer):
    """Ruby's scopes number a clash with ``_`` (``name_2``); ``fold`` for file names."""

    def __init__(self, taken: set[str] | frozenset[str] | None = None, fold: bool = False, sep: str = "_"):
        super().__init__(taken, fold=fold, sep=sep)