"""Fuzzing the whole pipeline with random hostile OpenAPI 3.0/3.1 documents (Hypothesis).

Each example is written to a file, loaded with ``sdkforge.pipeline.load_api`` and generated for
every target in-process.  Allowed outcomes: success, or a ``SpecError`` carrying diagnostics.
Every example's output gets the cheap checks (Python compiles, JSON parses, HTML has no script or
javascript: link from content, no NUL/CR, UTF-8); a few examples spread over the run are kept and
checked with the real tools afterwards (tsc + node import, ruby -wc + require, gofmt + go build +
init, Python import).

A second loop fuzzes config files beside a random spec: well- and ill-typed values at every key of
the config's schema, hostile text in every string position, unknown keys; page schemes get a list
operation they match.  Allowed outcomes: success (same checks, kept samples through the real tools),
or refusal where every error is a positioned ``file:line:col: error:`` line.

``SDKFORGE_FUZZ_EXAMPLES`` sets the number of examples (default 200, config files 60; ``make fuzz``
runs 10 000 of each).
``SDKFORGE_FUZZ_SEED`` makes a run reproducible (default: derandomized in ``make test``, random
when SDKFORGE_FUZZ_EXAMPLES is set).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import tempfile
import traceback
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile import checks, layouts
from hostile.spec import COLLIDING, KEYWORDS, ODD_NAMES, PAYLOADS, page_scheme_operation
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from sdkforge import pipeline
from sdkforge.config import SCHEMA, Bool, Fields, ListOf, MapOf, Spec, Str, Tree
from sdkforge.diagnostics import Diagnostics, SpecError
from sdkforge.pipeline import generate, load_api
from sdkforge.targets import TARGETS

EXAMPLES = int(os.environ.get("SDKFORGE_FUZZ_EXAMPLES", "200"))
LONG_RUN = "SDKFORGE_FUZZ_EXAMPLES" in os.environ
CONFIG_EXAMPLES = EXAMPLES if LONG_RUN else 60
SAMPLES = int(os.environ.get("SDKFORGE_FUZZ_SAMPLES", "4" if not LONG_RUN else "12"))
TARGET_NAMES = list(TARGETS)

# ------------------------------------------------------------------ strategies
HOSTILE_CHARS = list("aZ_09-. /\\\"'`$#{}()[]<>*=!?@%&|;:,~^+\n\t\r") + [
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u00e9", "\u00df", "\u2028", "\u2029", "\ufeff", "\u202e", "\u200b",
    "\U0001F600", "\u540d", "\u0301", "\uff21",
]
FRAGMENTS = PAYLOADS[:-2] + ['"""', "'''", "*/", "/*", "#{x}", "${x}", "`", "=begin", "=end", "</script>",
                             "javascript:", "\\", "{{x}}", "{%x%}", "-->", "]]>", "%>"]
NAME_POOL = sorted(set(KEYWORDS + COLLIDING + ODD_NAMES))

hostile_text = st.one_of(
    st.text(alphabet=st.sampled_from(HOSTILE_CHARS), max_size=24),
    st.sampled_from(FRAGMENTS),
    st.lists(st.sampled_from(FRAGMENTS + NAME_POOL), min_size=1, max_size=4).map(" ".join),
)
names = st.one_of(
    st.sampled_from(NAME_POOL),
    st.text(alphabet=st.sampled_from(HOSTILE_CHARS), min_size=0, max_size=10),
    st.sampled_from(["id", "name", "type", "data", "object", "items", "value", "next", "Error", "list"]),
)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**63), hostile_text,
                         st.floats(allow_nan=False, allow_infinity=False))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(names, inner, max_size=3)), max_leaves=8)


def _escape_ref(name: str) -> str:
    from urllib.parse import quote

    return quote(name.replace("~", "~0").replace("/", "~1"), safe="")


@st.composite
def schema(draw: st.DrawFn, refs: list[str], version: str, depth: int = 0) -> dict[str, Any]:
    """A random schema tree (objects, arrays, maps, enums, compositions, refs, nullability)."""
    leaf_kinds = ["string", "integer", "number", "boolean", "enum", "const", "binary", "any"]
    kinds = leaf_kinds + (["ref"] * 3 if refs else [])
    if depth < 4:
        kinds += ["object"] * 3 + ["array", "map", "allOf", "oneOf", "anyOf", "oneOf-disc"]
    kind = draw(st.sampled_from(kinds))
    sub = lambda: draw(schema(refs, version, depth + 1))
    out: dict[str, Any]
    if kind in ("string", "integer", "number", "boolean"):
        out = {"type": kind}
        if kind == "string" and draw(st.booleans()):
            out["format"] = draw(st.sampled_from(["date-time", "uuid", "byte", "email", "uri", "x-weird"]))
    elif kind == "enum":
        values = draw(st.lists(st.one_of(hostile_text, st.integers(-5, 5)), min_size=1, max_size=6, unique=True))
        out = {"enum": values}
        if all(isinstance(v, str) for v in values):
            out["type"] = "string"
    elif kind == "const":
        out = {"const": draw(hostile_text)} if version.startswith("3.1") else {"type": "string", "enum": [draw(hostile_text)]}
    elif kind == "binary":
        out = {"type": "string", "format": "binary"}
    elif kind == "any":
        out = draw(st.sampled_from([{}, {"type": "object"}, {"description": "anything"}]))
    elif kind == "ref":
        return {"$ref": "#/components/schemas/" + _escape_ref(draw(st.sampled_from(refs)))}
    elif kind == "object":
        props = draw(st.dictionaries(names, st.just(None), max_size=5))
        out = {"type": "object", "properties": {name: sub() for name in props}}
        if props and draw(st.booleans()):
            out["required"] = draw(st.lists(st.sampled_from(sorted(props)), unique=True, max_size=len(props)))
        if draw(st.integers(0, 4)) == 0:
            out["additionalProperties"] = draw(st.booleans())
    elif kind == "array":
        out = {"type": "array", "items": sub()}
    elif kind == "map":
        out = {"type": "object", "additionalProperties": sub()}
    elif kind == "oneOf-disc" and refs:
        members = draw(st.lists(st.sampled_from(refs), min_size=1, max_size=3, unique=True))
        mapping = {draw(hostile_text): "#/components/schemas/" + _escape_ref(m) for m in members}
        out = {"oneOf": [{"$ref": "#/components/schemas/" + _escape_ref(m)} for m in members],
               "discriminator": {"propertyName": draw(names), **({"mapping": mapping} if draw(st.booleans()) else {})}}
    else:
        word = kind if kind != "oneOf-disc" else "oneOf"
        out = {word: [sub() for _ in range(draw(st.integers(1, 3)))]}
    # decorations
    if draw(st.integers(0, 2)) == 0:
        out["description"] = draw(hostile_text)
    if draw(st.integers(0, 5)) == 0:
        out["title"] = draw(hostile_text)
    if draw(st.integers(0, 5)) == 0:
        out["default"] = draw(json_values)
    if draw(st.integers(0, 5)) == 0:
        out["example"] = draw(json_values)
    if draw(st.integers(0, 5)) == 0:
        if version.startswith("3.1") and isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        elif version.startswith("3.0"):
            out["nullable"] = True
    if draw(st.integers(0, 8)) == 0:
        out["deprecated"] = True
    if draw(st.integers(0, 8)) == 0:
        out["readOnly" if draw(st.booleans()) else "writeOnly"] = True
    return out


MEDIA_TYPES = ["application/json", "multipart/form-data", "application/x-www-form-urlencoded",
               "application/octet-stream", "text/plain", "text/event-stream", "application/vnd.x+json", "*/*"]


@st.composite
def operation(draw: st.DrawFn, refs: list[str], version: str, path_params: list[str]) -> dict[str, Any]:
    params: list[dict[str, Any]] = [
        {"name": p, "in": "path", "required": True, "schema": draw(schema([], version, 3)),
         **({"description": draw(hostile_text)} if draw(st.booleans()) else {})} for p in path_params]
    for _ in range(draw(st.integers(0, 4))):
        where = draw(st.sampled_from(["query", "header", "cookie", "query"]))
        params.append({"name": draw(names), "in": where, "required": draw(st.booleans()),
                       "schema": draw(schema(refs, version, 2)),
                       **({"description": draw(hostile_text)} if draw(st.booleans()) else {}),
                       **({"example": draw(json_values)} if draw(st.integers(0, 3)) == 0 else {})})
    op: dict[str, Any] = {"parameters": params, "responses": {}}
    if draw(st.booleans()):
        op["operationId"] = draw(names)
    for key in ("summary", "description"):
        if draw(st.booleans()):
            op[key] = draw(hostile_text)
    if draw(st.booleans()):
        op["tags"] = draw(st.lists(hostile_text, max_size=2))
    if draw(st.integers(0, 3)) == 0:
        op["x-oaiMeta"] = {"name": draw(hostile_text), "examples": draw(json_values)}
    if draw(st.booleans()):
        content = {}
        for media in draw(st.lists(st.sampled_from(MEDIA_TYPES), min_size=1, max_size=2, unique=True)):
            content[media] = {"schema": draw(schema(refs, version, 1))}
            if draw(st.integers(0, 3)) == 0:
                content[media]["example"] = draw(json_values)
        op["requestBody"] = {"required": draw(st.booleans()), "content": content}
    for status in draw(st.lists(st.sampled_from(["200", "201", "204", "2XX", "400", "404", "default"]), min_size=1,
                                max_size=3, unique=True)):
        response: dict[str, Any] = {"description": draw(hostile_text)}
        if status != "204" and draw(st.integers(0, 3)) > 0:
            media = draw(st.sampled_from(MEDIA_TYPES))
            response["content"] = {media: {"schema": draw(schema(refs, version, 1))}}
        if draw(st.integers(0, 4)) == 0:
            response["headers"] = {draw(names) or "X": {"schema": {"type": "string"}, "description": draw(hostile_text)}}
        op["responses"][status] = response
    return op


@st.composite
def openapi_documents(draw: st.DrawFn) -> dict[str, Any]:
    version = draw(st.sampled_from(["3.0.3", "3.1.0", "3.1.1", "3.0.0"]))
    component_names = draw(st.lists(names, max_size=6, unique=True))
    schemas = {name: draw(schema(component_names, version)) for name in component_names}
    paths: dict[str, Any] = {}
    for _ in range(draw(st.integers(0, 5))):
        segments = draw(st.lists(st.one_of(names.filter(lambda n: n not in ("", ".", "..")), st.just("{p}")),
                                 min_size=1, max_size=4))
        params: list[str] = []
        parts = []
        for i, seg in enumerate(segments):
            if seg == "{p}":
                pname = draw(names.filter(lambda n: n and "{" not in n and "}" not in n and "/" not in n)) + str(i)
                if pname in params:
                    continue
                params.append(pname)
                parts.append("{" + pname + "}")
            else:
                parts.append(seg.replace("/", "_").replace("{", "(").replace("}", ")").replace("?", "").replace("#", ""))
        path = "/" + "/".join(parts)
        if path in paths:
            continue
        item: dict[str, Any] = {}
        for method in draw(st.lists(st.sampled_from(["get", "post", "put", "patch", "delete", "head", "options"]),
                                    min_size=1, max_size=3, unique=True)):
            item[method] = draw(operation(component_names, version, params))
        if draw(st.integers(0, 4)) == 0:
            item["summary"] = draw(hostile_text)
        paths[path] = item
    doc: dict[str, Any] = {
        "openapi": version,
        "info": {"title": draw(hostile_text) or "T", "version": draw(hostile_text),
                 **({"description": draw(hostile_text)} if draw(st.booleans()) else {})},
        "paths": paths,
        "components": {"schemas": schemas},
    }
    if draw(st.booleans()):
        doc["servers"] = [{"url": draw(st.sampled_from(["https://api.example.com/v1", "/relative", "",
                                                        "https://{x}.example.com"])) ,
                           "description": draw(hostile_text)}]
    if draw(st.booleans()):
        doc["tags"] = [{"name": draw(hostile_text), "description": draw(hostile_text)}]
    return doc


# ------------------------------------------------------------------ config files
# names a configured package, module or client could take that the targets must not let through as
# they are: standard library modules, dependencies, folded letters, keywords, paths
CONFIG_NAMES = ["json", "typing", "http", "httpx", "pydantic", "URI", "Net", "net/http", "uri", "encoding/json",
                "fmt", "context", "fs", "\uff4a\uff53\uff4f\uff4e", "Paginator", "Stream", "BaseModel", "CursorPage",
                "1.2.3", "1.0", "github.com/a/b-go", "@scope/pkg", "OpenAI", "AsyncOpenAI", "API_KEY"]
config_text = st.one_of(hostile_text, names, st.sampled_from(CONFIG_NAMES))


@st.composite
def config_value(draw: st.DrawFn, spec: Spec, depth: int = 0) -> Any:
    """A value for a node of the config's schema: usually of its type, now and then of any type."""
    if draw(st.integers(0, 9)) == 0:
        return draw(json_values)  # most likely the wrong type
    if isinstance(spec, Str):
        return draw(st.sampled_from(spec.choices)) if spec.choices else draw(config_text)
    if isinstance(spec, Bool):
        return draw(st.booleans())
    if isinstance(spec, ListOf):
        return [draw(config_value(spec.item, depth + 1)) for _ in range(draw(st.integers(0, 3)))]
    if isinstance(spec, MapOf):
        return {draw(config_text): draw(config_value(spec.value, depth + 1)) for _ in range(draw(st.integers(0, 2)))}
    if isinstance(spec, Tree):  # the layout: subtrees, leaves and the tree's own keys (`from`), any depth
        tree: dict[Any, Any] = {}
        for _ in range(draw(st.integers(0, 3))):
            key = draw(st.one_of(config_text, st.sampled_from(sorted(spec.keys))))
            sub = spec.keys.get(key) or (spec if depth < 4 and draw(st.booleans()) else spec.leaf)
            tree[key] = draw(config_value(sub, depth + 1))
        return tree
    assert isinstance(spec, Fields)
    out: dict[Any, Any] = {}
    for key, sub in spec.fields.items():
        if key in spec.required or draw(st.integers(0, 2)) > 0:
            out[key] = draw(config_value(sub, depth + 1))
    if draw(st.integers(0, 5)) == 0:  # an unknown key, often a near miss of a known one
        known = sorted(spec.fields)
        out[draw(st.one_of(names, st.sampled_from(known).map(lambda k: k[:-1] or "x")))] = draw(json_values)
    return out


def known_keys_only(value: Any, spec: Spec) -> Any:
    """``value`` without the keys ``spec`` does not know (at any depth)."""
    if isinstance(spec, Fields) and isinstance(value, dict):
        return {k: known_keys_only(v, spec.fields[k]) for k, v in value.items() if k in spec.fields}
    if isinstance(spec, ListOf) and isinstance(value, list):
        return [known_keys_only(v, spec.item) for v in value]
    if isinstance(spec, MapOf) and isinstance(value, dict):
        return {k: known_keys_only(v, spec.value) for k, v in value.items()}
    return value


@st.composite
def config_cases(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """(spec, config): a random spec, a random config, and a list operation for each page scheme of
    the config that is well-typed enough to be matched."""
    doc = draw(openapi_documents())
    config = draw(config_value(SCHEMA))
    if isinstance(config, dict) and isinstance(config.get("root"), str) and draw(st.integers(0, 7)) > 0:
        # a folder (relative to the config file) that exists: random text names none, and a root that
        # does not exist is refused (rightly), which would leave the output path unexercised
        config["root"] = draw(st.sampled_from([".", "..", "./", "../."]))
    if isinstance(config, dict) and draw(st.integers(0, 7)) > 0:
        # unknown keys, and names in `layout`, `resources`, `models` and `streaming` that are random text
        # (they match nothing in the spec) are errors by design, kept for one config in eight; the others
        # keep the schema's keys only and name the spec's own operations
        config = known_keys_only(config, SCHEMA)
        for named in ("models", "layout", "resources", "streaming"):
            config.pop(named, None)
        ops = [(verb, path) for path, item in sorted(doc["paths"].items()) if isinstance(item, dict)
               for verb in item if verb in ("get", "post", "put", "patch", "delete", "head", "options")]
        ids = sorted({item[verb]["operationId"] for path, item in doc["paths"].items() if isinstance(item, dict)
                      for verb in item if isinstance(item[verb], dict)
                      and isinstance(item[verb].get("operationId"), str)})
        if ids and draw(st.booleans()):
            config["resources"] = {"things": {"methods": {draw(st.sampled_from(ids)): "renamed"}}}
        if ops and draw(st.booleans()):
            verb, path = draw(st.sampled_from(ops))
            words = draw(st.lists(st.sampled_from(["beta", "things", "list", "create", "make", "client"]),
                                  min_size=2, max_size=3, unique=True))
            endpoint = f"{verb.upper()} {path}"
            config["layout"] = {words[0]: {word: endpoint for word in words[1:]}}  # the second: an alias
        streamable = [f"{verb.upper()} {path}" for verb, path in ops
                      if isinstance(op := doc["paths"][path][verb], dict) and isinstance(op.get("responses"), dict)
                      and any(isinstance(r, dict) and isinstance(r.get("content"), dict)
                              and "application/json" in r["content"] and "text/event-stream" not in r["content"]
                              for status, r in op["responses"].items() if str(status).startswith("2"))]
        if streamable and draw(st.booleans()):
            config["streaming"] = {draw(st.sampled_from(streamable)): ""}  # events of the JSON response's own
    pages = config.get("pagination") if isinstance(config, dict) else None
    for index, scheme in enumerate(pages if isinstance(pages, list) else []):
        parts = [scheme.get(k) for k in ("request", "response")] if isinstance(scheme, dict) else [None]
        if all(isinstance(part, dict) and all(isinstance(v, str) for v in part.values()) for part in parts):
            doc["paths"][f"/page-scheme-{index}"] = page_scheme_operation(scheme, f"pageScheme{index}")
    return doc, config


# ------------------------------------------------------------------ the loop
class Run:
    """One loop's counts and the samples it kept for the real tools."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.examples = 0
        self.generated = 0
        self.refused = 0
        self.kept: list[Path] = []


SPECS, CONFIGS = Run("fuzz"), Run("fuzz-config")


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _settings(examples: int) -> Any:
    def apply(fn: Any) -> Any:
        return _apply_settings(fn, examples)

    return apply


def _apply_settings(fn: Any, examples: int) -> Any:
    # shrinking a failure can take minutes: only the long run (make fuzz) or SDKFORGE_FUZZ_SHRINK=1 shrinks
    shrink = LONG_RUN or os.environ.get("SDKFORGE_FUZZ_SHRINK") == "1"
    phases = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if shrink else [])
    fn = settings(max_examples=examples, deadline=None, derandomize=not LONG_RUN and "SDKFORGE_FUZZ_SEED" not in os.environ,
                  suppress_health_check=list(HealthCheck), database=None, print_blob=True, phases=phases)(fn)
    if "SDKFORGE_FUZZ_SEED" in os.environ:
        fn = seed(int(os.environ["SDKFORGE_FUZZ_SEED"]))(fn)
    return fn


class ExampleTimeout(Exception):
    """One example took longer than EXAMPLE_SECONDS (a hang or an exponential blow-up)."""


EXAMPLE_SECONDS = 10


def _alarm(signum: int, frame: Any) -> None:
    raise ExampleTimeout(f"generation took more than {EXAMPLE_SECONDS} s of CPU")


# digests of output files already checked clean: the runtime files recur in every example
CHECKED: set[bytes] = set()
# each example's files in memory when the machine has a tmpfs (thousands of small writes; kept samples stay
# under pytest's tmp folder)
WORK_ROOT = Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else None


POSITIONED = re.compile(r"[^:\n]+:\d+:\d+: error: [^\n]+")


def unpositioned(diags: Diagnostics, errors: list[Any]) -> list[str]:
    """The errors that do not render as ``file:line:col: error: message`` (one line)."""
    return [f"unpositioned error: {line!r}" for line in diags.lines(errors) if not POSITIONED.fullmatch(line)]


def run_example(doc: dict[str, Any], work: Path, config: Any = None) -> tuple[Path | None, list[str]]:
    """Write, load, generate; returns (output folder or None when refused, problems).  With a
    ``config`` (written as YAML beside the spec), a refusal must say where: every error a
    positioned ``file:line:col: error:`` line."""
    spec = work / "spec.json"
    spec.write_text(json.dumps(doc, ensure_ascii=True), "utf-8")
    config_path = None
    if config is not None:
        config_path = work / "spec.sdkforge.yaml"
        config_path.write_text(yaml.safe_dump(config, allow_unicode=False, sort_keys=False), "utf-8")
    out = work / "out"
    diags = Diagnostics()
    # CPU time, not wall time: a loaded machine must not fail an example (normal ones take ~0.3 s)
    previous = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, EXAMPLE_SECONDS)
    try:
        loaded = load_api(spec, diags, config_path=config_path)
        if diags.has_errors:
            return None, unpositioned(diags, diags.errors()) if config is not None else []
        generate(loaded, out, TARGET_NAMES, diags)
    except SpecError as exc:
        if not exc.diagnostics:
            return None, ["SpecError without diagnostics"]
        return None, unpositioned(diags, exc.diagnostics) if config is not None else []
    except Exception:
        return None, ["unexpected exception:\n" + traceback.format_exc()[-4000:]]
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    return out, checks.cheap_problems(out, CHECKED)


def _fuzz_loop(run: Run, cases: st.SearchStrategy[Any], examples: int, fuzz_dir: Path,
               monkeypatch: pytest.MonkeyPatch) -> None:
    """Generate every example of ``cases`` ((spec, config) pairs; config None: none), check each, keep
    a few spread over the run for the real tools."""
    # every example renders the same templates: compile them once per target (a fresh Jinja environment per
    # generation recompiles every template: three quarters of an example's time); rendering is unchanged
    environments: dict[tuple[str, Path | None], Any] = {}
    make_environment = pipeline.make_environment

    def cached_environment(target: str, filters: dict[str, Any], templates: Path | None = None) -> Any:
        if (target, templates) not in environments:
            environments[target, templates] = make_environment(target, filters, templates)
        return environments[target, templates]

    monkeypatch.setattr(pipeline, "make_environment", cached_environment)
    keep_every = max(1, examples // max(1, SAMPLES * 3))
    monkeypatch.setenv("SDKFORGE_JOBS", "1")  # render in-process: exceptions keep their traceback

    @_settings(examples)
    @given(case=cases)
    def check(case: tuple[dict[str, Any], Any]) -> None:
        doc, config = case
        run.examples += 1
        if LONG_RUN and run.examples % 250 == 0:  # progress of a long run (shown with pytest -s)
            print(f"{run.name}: {run.examples} examples, {run.generated} generated, {run.refused} refused", flush=True)
        with tempfile.TemporaryDirectory(dir=WORK_ROOT or fuzz_dir, prefix="sdkforge-fuzz-") as tmp:
            out, problems = run_example(doc, Path(tmp), config)
            shown = json.dumps({"spec": doc, "config": config}, ensure_ascii=True, default=repr)
            assert problems == [], shown[:3000] + "\n" + "\n".join(problems)[:6000]
            if out is None:
                run.refused += 1
                return
            run.generated += 1
            if run.generated % keep_every == 0 and len(run.kept) < SAMPLES and doc["paths"]:
                keep = fuzz_dir / f"{run.name}-sample{len(run.kept)}"
                shutil.copytree(out, keep / "out")
                (keep / "case.json").write_text(shown)
                run.kept.append(keep)

    try:
        check()
    finally:
        print(f"\n{run.name}: {run.examples} examples, {run.generated} generated, {run.refused} refused with "
              f"diagnostics, {len(run.kept)} kept for the compilers")


def test_fuzz_pipeline(fuzz_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fuzz_loop(SPECS, openapi_documents().map(lambda doc: (doc, None)), EXAMPLES, fuzz_dir, monkeypatch)
    assert SPECS.generated > SPECS.examples // 4, "most examples should generate: the strategies are too broken"


def test_fuzz_config_files(fuzz_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random config files (any value at any key, hostile text in every string position, unknown keys):
    a generation whose output passes the checks, or a refusal with positioned errors only."""
    _fuzz_loop(CONFIGS, config_cases(), CONFIG_EXAMPLES, fuzz_dir, monkeypatch)
    # the share that generates depends on the draw set, which shifts with what the process imported
    # before (10 to 21 of the 60 derandomized examples, 27% of 200): an eighth means the strategies work
    assert CONFIGS.generated > CONFIGS.examples // 8, "configs should often generate: the strategies are too broken"
    assert CONFIGS.refused > 0, "no config was refused: the strategies never give a wrong type"


@pytest.mark.parametrize("run", [SPECS, CONFIGS], ids=["specs", "configs"])
def test_fuzz_samples_pass_the_real_tools(run: Run) -> None:
    """The kept examples through tsc + node, ruby -wc + require, gofmt + go build + init, Python import."""
    if not run.kept:
        pytest.fail(f"the {run.name} loop kept no example (did it run?)")
    problems: list[str] = []
    for keep in run.kept:
        found = checks.real_tool_problems(keep / "out", keep)
        if found:
            case = (keep / "case.json").read_text()
            problems.append(f"{keep / 'case.json'} ({case[:4000]}):\n" + "\n".join(found)[:6000])
    assert problems == [], "\n\n".join(problems)


# ------------------------------------------------------------------ multi-file layouts (tests/hostile/layouts.py)
LAYOUT_EXAMPLES = max(1, EXAMPLES // 2)


class LayoutRun:
    examples = 0
    generated = 0
    refused = 0


def run_layout(layout: layouts.Layout, work: Path) -> tuple[bool, list[str]]:
    """Write the layout, load and generate in-process; (generated, problems).  A refusal must carry
    positioned errors (file, line and column) and nothing else may escape."""
    spec = layout.write(work / "top")
    diags = Diagnostics()
    previous = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, EXAMPLE_SECONDS)
    try:
        loaded = load_api(spec, diags)
        if not diags.has_errors:
            generate(loaded, work / "out", TARGET_NAMES, diags)
    except SpecError as exc:
        if not any(d.severity == "error" for d in exc.diagnostics):
            return False, ["SpecError without errors"]
        return False, _unpositioned(diags, exc.diagnostics)
    except Exception:
        return False, ["unexpected exception:\n" + traceback.format_exc()[-4000:]]
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    if diags.has_errors:
        return False, _unpositioned(diags, diags.errors())
    return True, checks.cheap_problems(work / "out", CHECKED)


POSITIONED_ERROR = re.compile(r"^[^\n]+?:\d+:\d+: error: ")


def _unpositioned(diags: Diagnostics, found: list[Any]) -> list[str]:
    """The errors that do not render as ``file:line:col: error: ...`` (as the CLI prints them)."""
    errors = [d for d in found if d.severity == "error"]
    return [f"an error without a position: {line}" for line in diags.lines(errors) if not POSITIONED_ERROR.match(line)]


def test_fuzz_multi_file_layouts(fuzz_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Specs over folders, ``../`` and sibling refs, links (loops too), missing files, JSON and YAML:
    generated output passes the cheap checks, a refusal is positioned diagnostics, never a crash."""
    monkeypatch.setenv("SDKFORGE_JOBS", "1")

    @settings(max_examples=LAYOUT_EXAMPLES, deadline=None, derandomize=not LONG_RUN, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.reuse, Phase.generate])
    @given(layout=layouts.layouts(lambda refs, version: schema(refs, "3.0.3" if version == "2.0" else version, 2),
                                  hostile_text))
    def check(layout: layouts.Layout) -> None:
        LayoutRun.examples += 1
        with tempfile.TemporaryDirectory(dir=WORK_ROOT or fuzz_dir, prefix="sdkforge-layout-") as tmp:
            generated, problems = run_layout(layout, Path(tmp))
            assert problems == [], repr(layout)[:3000] + "\n" + "\n".join(problems)[:6000]
            if generated:
                LayoutRun.generated += 1
            else:
                LayoutRun.refused += 1

    try:
        check()
    finally:
        print(f"\nfuzz layouts: {LayoutRun.examples} examples, {LayoutRun.generated} generated, "
              f"{LayoutRun.refused} refused with positioned diagnostics")
    assert LayoutRun.generated > 0 and LayoutRun.refused > 0, "the layouts should both generate and be refused"
