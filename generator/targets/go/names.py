"""Go symbol provider: exported and unexported identifiers with Go's
initialisms, reserved words, file names, and deterministic collision renames."""

from __future__ import annotations

from ..common.names import Namer as SharedNamer

import re
import unicodedata
from functools import lru_cache

from ...ir import naming
from ..common.files import short_stem

KEYWORDS = frozenset(
    """
    break case chan const continue default defer else fallthrough for func go goto if import
    interface map package range return select struct switch type var
    """.split()
)

# The standard library's package names (go1.26 ``go list std``, frozen so the output does not depend on
# the installed Go): an SDK package called like one clashes with that import in any file that imports
# both (the docs' examples import the SDK beside context, fmt, os...)
STD_PACKAGES = frozenset({
    "adler32", "aes", "ascii85", "asn1", "ast", "atomic", "base32", "base64", "big", "binary", "bits", "bufio",
    "build", "buildinfo", "bytes", "bzip2", "cgi", "cgo", "cipher", "cmp", "cmplx", "color", "comment",
    "constant", "constraint", "context", "cookiejar", "coverage", "crc32", "crc64", "crypto", "cryptotest",
    "csv", "debug", "des", "doc", "draw", "driver", "dsa", "dwarf", "ecdh", "ecdsa", "ed25519", "elf",
    "elliptic", "embed", "encoding", "errors", "exec", "expvar", "fcgi", "filepath", "fips140", "flag", "flate",
    "fmt", "fnv", "format", "fs", "fstest", "gif", "gob", "gosym", "gzip", "hash", "heap", "hex", "hkdf",
    "hmac", "hpke", "html", "http", "httptest", "httptrace", "httputil", "image", "importer", "io", "iotest",
    "ioutil", "iter", "jpeg", "json", "jsonrpc", "list", "log", "lzw", "macho", "mail", "maphash", "maps",
    "math", "md5", "metrics", "mime", "mlkem", "mlkemtest", "multipart", "net", "netip", "os", "palette",
    "parse", "parser", "path", "pbkdf2", "pe", "pem", "pkix", "plan9obj", "plugin", "png", "pprof", "printer",
    "quick", "quotedprintable", "race", "rand", "rc4", "reflect", "regexp", "ring", "rpc", "rsa", "runtime",
    "scanner", "sha1", "sha256", "sha3", "sha512", "signal", "slices", "slog", "slogtest", "smtp", "sort",
    "sql", "strconv", "strings", "structs", "subtle", "suffixarray", "sync", "synctest", "syntax", "syscall",
    "syslog", "tabwriter", "tar", "template", "testing", "textproto", "time", "tls", "token", "trace", "types",
    "tzdata", "unicode", "unique", "unsafe", "url", "user", "utf16", "utf8", "v2", "version", "weak", "x509",
    "xml", "zip", "zlib"
})
# the first elements of standard library import paths: a module path starting with one (no dot) is
# taken for the standard library's
STD_ROOTS = frozenset({
    "archive", "bufio", "bytes", "cmd", "cmp", "compress", "container", "context", "crypto", "database",
    "debug", "embed", "encoding", "errors", "expvar", "flag", "fmt", "go", "hash", "html", "image", "index",
    "io", "iter", "log", "maps", "math", "mime", "net", "os", "path", "plugin", "reflect", "regexp", "runtime",
    "slices", "sort", "std", "strconv", "strings", "structs", "sync", "syscall", "testing", "text", "time",
    "unicode", "unique", "unsafe", "weak"
})
PREDECLARED = frozenset(
    """
    any bool byte comparable complex64 complex128 error float32 float64 int int8 int16 int32 int64
    rune string uint uint8 uint16 uint32 uint64 uintptr true false iota nil append cap clear close
    complex copy delete imag len make max min new panic print println real recover
    """.split()
)
# locals and imported package names used inside generated method bodies
LOCALS = frozenset({"ctx", "opts", "params", "r", "res", "err", "req", "cfg", "stream", "raw", "path",
                    "context", "core", "option", "ssestream", "http", "json", "url", "io", "errors"})

INITIALISMS = frozenset(
    """
    acl ai api ascii cpu css csv dns eof gpu guid html http https id ip json jwt lhs md5 mfa qps
    ram rhs rpc sdk sla smtp sql ssh sso tcp tls ttl udp ui uid uri url utf8 uuid vm xml xmpp xsrf xss
    """.split()
)

# exported methods every model or params struct may have: fields must not take these names
STRUCT_METHODS = frozenset({"RawJSON", "ExtraFields", "MarshalJSON", "UnmarshalJSON", "String"})

# GOOS/GOARCH words: a file name ending in _<word>.go is build-constrained
_BUILD_WORDS = frozenset(
    """
    aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris
    wasip1 windows zos 386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le
    mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm test
    """.split()
)


def word_case(word: str) -> str:
    """A lower-case word as it is written inside a Go identifier: an initialism (or its plural) in
    capitals (``IDs``), any other word capitalised."""
    if word in INITIALISMS:
        return word.upper()
    if word.endswith("s") and word[:-1] in INITIALISMS and len(word) > 2:
        return word[:-1].upper() + "s"
    return word[:1].upper() + word[1:]


def merge_initialisms(words: list[str]) -> list[str]:
    """Join a word and the number after it when together they are an initialism (md 5 -> md5)."""
    out: list[str] = []
    for word in words:
        if out and word.isdigit() and out[-1] + word in INITIALISMS:
            out[-1] += word
        else:
            out.append(word)
    return out


_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def _cased_words(raw: str) -> list[str]:
    """Words of ``raw`` keeping their case (``FineTuneDPOMethod`` -> Fine Tune DPO Method)."""
    text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii")
    out: list[str] = []
    for chunk in _NON_ALNUM.split(text):
        out.extend(m.group(0) for m in naming._WORD.finditer(chunk))
    merged: list[str] = []
    for word in out:
        if merged and word.isdigit() and (merged[-1] + word).lower() in INITIALISMS:
            merged[-1] += word
        else:
            merged.append(word)
    return merged


def _exported_word(word: str) -> str:
    low = word.lower()
    if low in INITIALISMS or (low.endswith("s") and low[:-1] in INITIALISMS and len(low) > 2):
        return word_case(low)
    if len(word) > 1 and word.isupper():
        return word
    return word[:1].upper() + word[1:].lower()


# the identifier functions are pure and see the same spec names many times (a property in every
# struct that has it, in params and in examples): each answer is computed once per process
@lru_cache(maxsize=1 << 16)
def exported(raw: str, fallback: str = "Value", *, keep_spelling: bool = False) -> str:
    """An exported (PascalCase) Go identifier for ``raw``, with Go's initialisms."""
    ident = "".join(_exported_word(w) for w in _cased_words(raw))
    if not ident:
        return fallback
    if ident[0].isdigit():
        ident = "N" + ident
    return ident


@lru_cache(maxsize=1 << 16)
def type_name(parts: tuple[str, ...]) -> str:
    """A type name from name parts (a component name, or a parent and a path)."""
    out = "".join(exported(p, "", keep_spelling=True) for p in parts)
    if not out:
        return "Type"
    if out[0].isdigit():
        out = "T" + out
    return out


@lru_cache(maxsize=1 << 16)
def unexported(raw: str, fallback: str = "value") -> str:
    """A lowerCamel Go identifier, safe from keywords, predeclared names and locals."""
    ws = naming.words(raw)
    if not ws:
        ident = fallback
    else:
        ws = merge_initialisms(ws)
        ident = ws[0] + "".join(word_case(w) for w in ws[1:])
        if ident[0].isdigit():
            ident = "n" + ident
    if ident in KEYWORDS or ident in PREDECLARED or ident in LOCALS:
        ident += "_"
    return ident


def file_base(raw: str) -> str:
    """A .go file name stem that no build constraint or test suffix catches."""
    base = short_stem(naming.snake(raw) or "api")
    last = base.rsplit("_", 1)[-1]
    if "_" in base and last in _BUILD_WORDS:
        base += "_api"
    if base[0].isdigit() or base.startswith("_"):
        base = "api_" + base
    return base


Namer = SharedNamer  # claim, claim_first, taken: targets/common/names.py


def client_fields(resource_names: list[str]) -> list[str]:
    """The ``Client`` struct's field name for each top-level resource, in order
    (``client.Uploads``), as the client template declares them."""
    namer = Namer({"Options"})
    return [namer.claim_first(exported(name, "Resource"), exported(f"{name}_resource", "Resource"))
            for name in resource_names]
