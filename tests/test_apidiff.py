"""`sdkforge diff`: every rule of the classification, on small purpose-built spec pairs, per language.

Each case changes one thing in a small spec and says, per language, how the change must be classed
(``breaking``, ``deprecation``, ``addition``) or that the language's users see nothing (``None``).
The surfaces come from the SDK targets' own views, so a case fails when what a target generates
and what the diff believes about it part ways.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from sdkforge import apidiff, versioning
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import load_api
from sdkforge.surface import LANGUAGES, Surface, dump, load, surfaces

REPO = Path(__file__).resolve().parents[1]
HISTORY = REPO.parent / "shared" / "specs" / "history" / "openai"

BASE: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Pet Store", "version": "1.0.0"},
    "servers": [{"url": "https://pets.example.com"}],
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}}}},
            },
            "post": {
                "operationId": "createPet",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/NewPet"}}}},
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Pet"}}}}},
            },
        },
        "/pets/{owner}/{petId}": {
            "get": {
                "operationId": "getPet",
                "parameters": [
                    {"name": "owner", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Pet"}}}}},
            },
        },
    },
    "components": {"schemas": {
        "Pet": {"type": "object", "required": ["id", "name", "status"], "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "tag": {"type": "string"},
            "status": {"$ref": "#/components/schemas/PetStatus"},
        }},
        "PetStatus": {"type": "string", "enum": ["available", "sold"]},
        "NewPet": {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string"},
            "tag": {"type": "string"},
            "kind": {"$ref": "#/components/schemas/Kind"},
        }},
        "Kind": {"type": "string", "enum": ["dog", "cat"]},
    }},
}

Spec = dict[str, Any]


def _op(spec: Spec, path: str, method: str) -> dict[str, Any]:
    return spec["paths"][path][method]


def remove_method(s: Spec) -> None:
    del s["paths"]["/pets"]["get"]


def add_method(s: Spec) -> None:
    s["paths"]["/pets/{petId}"] = {"delete": {"operationId": "deletePet", "parameters": [
        {"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"204": {"description": "gone"}}}}


def add_required_query_param(s: Spec) -> None:
    _op(s, "/pets", "get")["parameters"].append(
        {"name": "species", "in": "query", "required": True, "schema": {"type": "string"}})


def add_optional_query_param(s: Spec) -> None:
    _op(s, "/pets", "get")["parameters"].append({"name": "species", "in": "query", "schema": {"type": "string"}})


def make_param_required(s: Spec) -> None:
    _op(s, "/pets", "get")["parameters"][0]["required"] = True


def remove_param(s: Spec) -> None:
    _op(s, "/pets", "get")["parameters"] = []


def change_param_type(s: Spec) -> None:
    _op(s, "/pets", "get")["parameters"][0]["schema"] = {"type": "string"}


def reorder_path_params(s: Spec) -> None:
    item = s["paths"].pop("/pets/{owner}/{petId}")
    s["paths"]["/pets/{petId}/{owner}"] = item


def remove_response_field(s: Spec) -> None:
    del s["components"]["schemas"]["Pet"]["properties"]["tag"]


def add_response_field(s: Spec) -> None:
    s["components"]["schemas"]["Pet"]["properties"]["age"] = {"type": "integer"}


def response_field_no_longer_required(s: Spec) -> None:
    s["components"]["schemas"]["Pet"]["required"] = ["id", "status"]


def response_field_nullable(s: Spec) -> None:
    s["components"]["schemas"]["Pet"]["properties"]["name"]["nullable"] = True


def request_field_nullable(s: Spec) -> None:
    s["components"]["schemas"]["NewPet"]["properties"]["name"]["nullable"] = True


def add_required_request_field(s: Spec) -> None:
    schema = s["components"]["schemas"]["NewPet"]
    schema["properties"]["owner"] = {"type": "string"}
    schema["required"].append("owner")


def add_optional_request_field(s: Spec) -> None:
    s["components"]["schemas"]["NewPet"]["properties"]["owner"] = {"type": "string"}


def request_field_no_longer_required(s: Spec) -> None:
    s["components"]["schemas"]["NewPet"]["required"] = []


def add_response_enum_value(s: Spec) -> None:
    s["components"]["schemas"]["PetStatus"]["enum"].append("pending")


def remove_response_enum_value(s: Spec) -> None:
    s["components"]["schemas"]["PetStatus"]["enum"].remove("sold")


def remove_request_enum_value(s: Spec) -> None:
    s["components"]["schemas"]["Kind"]["enum"].remove("cat")


def rename_response_schema(s: Spec) -> None:
    schemas = s["components"]["schemas"]
    schemas["Animal"] = schemas.pop("Pet")
    text = json.dumps(s).replace("#/components/schemas/Pet\"", "#/components/schemas/Animal\"")
    s.clear()
    s.update(json.loads(text))


def rename_request_schema(s: Spec) -> None:
    schemas = s["components"]["schemas"]
    schemas["PetInput"] = schemas.pop("NewPet")
    _op(s, "/pets", "post")["requestBody"]["content"]["application/json"]["schema"]["$ref"] = \
        "#/components/schemas/PetInput"


def deprecate_operation(s: Spec) -> None:
    _op(s, "/pets", "get")["deprecated"] = True


def deprecate_response_field(s: Spec) -> None:
    s["components"]["schemas"]["Pet"]["properties"]["tag"]["deprecated"] = True


def widen_param_type(s: Spec) -> None:
    _op(s, "/pets", "get")["parameters"][0]["schema"] = {"oneOf": [{"type": "integer"}, {"type": "string"}]}


def describe_only(s: Spec) -> None:
    _op(s, "/pets", "get")["description"] = "Lists every pet, now in other words."


ALL = dict.fromkeys(LANGUAGES)
B, D, A = "breaking", "deprecation", "addition"

# rule -> (change, {language: expected kind or None}, a word the reason must carry)
CASES: dict[str, tuple[Callable[[Spec], None], dict[str, str | None], str]] = {
    "a_removed_method_breaks_every_language": (remove_method, dict.fromkeys(LANGUAGES, B), "removed"),
    "a_new_method_is_an_addition": (add_method, dict.fromkeys(LANGUAGES, A), "new method"),
    "a_new_required_parameter_breaks_every_call": (add_required_query_param, dict.fromkeys(LANGUAGES, B),
                                                   "required"),
    "a_new_optional_parameter_is_an_addition": (add_optional_query_param, dict.fromkeys(LANGUAGES, A), "optional"),
    "a_parameter_made_required_breaks_calls_without_it": (make_param_required, dict.fromkeys(LANGUAGES, B),
                                                          "now required"),
    "a_removed_parameter_breaks_calls_that_pass_it": (remove_param, dict.fromkeys(LANGUAGES, B), "removed"),
    "a_parameter_of_another_type_breaks_callers": (change_param_type, dict.fromkeys(LANGUAGES, B), "type"),
    # Go spells a union as a struct of its own: a value of the old type no longer fits
    "a_parameter_that_accepts_more_is_an_addition_except_in_go": (
        widen_param_type, {"python": A, "typescript": A, "ruby": A, "go": B}, "PetListParamsLimit|accepts"),
    # Go takes path parameters by position; Python, TypeScript and Ruby take the last by position
    # and the parents by name, so the swap changes which one is named
    "reordered_path_parameters_break_positional_calls": (reorder_path_params, dict.fromkeys(LANGUAGES, B),
                                                         "position|required"),
    "a_removed_response_field_breaks_readers": (remove_response_field, dict.fromkeys(LANGUAGES, B), "removed"),
    "a_new_response_field_is_an_addition": (add_response_field, dict.fromkeys(LANGUAGES, A), "new field"),
    "a_response_field_no_longer_required_breaks_readers": (response_field_no_longer_required,
                                                           dict.fromkeys(LANGUAGES, B), "absent"),
    # Go reads a null string as "": its field keeps its type
    "a_response_field_that_may_be_null_breaks_typed_readers": (
        response_field_nullable, {"python": B, "typescript": B, "ruby": B, "go": None}, "null"),
    "a_request_field_that_accepts_null_is_an_addition": (
        request_field_nullable, {"python": A, "typescript": A, "ruby": A, "go": None}, "null"),
    "a_new_required_request_field_breaks_every_call": (add_required_request_field, dict.fromkeys(LANGUAGES, B),
                                                       "required"),
    "a_new_optional_request_field_is_an_addition": (add_optional_request_field, dict.fromkeys(LANGUAGES, A),
                                                    "optional"),
    "a_request_field_no_longer_required_is_an_addition": (request_field_no_longer_required,
                                                          dict.fromkeys(LANGUAGES, A), "optional"),
    # enums are open in Python, TypeScript and Ruby; Go's exhaustiveness linters hold a switch to them
    "a_new_enum_value_breaks_only_an_exhaustive_go_switch": (
        add_response_enum_value, {"python": A, "typescript": A, "ruby": A, "go": B}, "value"),
    "a_removed_enum_value_breaks_code_that_names_it": (remove_response_enum_value, dict.fromkeys(LANGUAGES, B),
                                                       "no longer"),
    "a_request_enum_value_removed_breaks_senders": (remove_request_enum_value, dict.fromkeys(LANGUAGES, B),
                                                    "no longer"),
    "a_renamed_response_model_breaks_code_that_names_it": (rename_response_schema, dict.fromkeys(LANGUAGES, B),
                                                           "Animal"),
    # Python callers pass dicts and Ruby callers hashes: a request type's name is theirs to ignore
    "a_renamed_request_type_breaks_only_languages_that_name_it": (
        rename_request_schema, {"python": None, "typescript": B, "ruby": B, "go": B}, "PetInput"),
    "a_deprecated_operation_is_a_deprecation": (deprecate_operation, dict.fromkeys(LANGUAGES, D), "deprecated"),
    "a_deprecated_field_is_a_deprecation": (deprecate_response_field, dict.fromkeys(LANGUAGES, D), "deprecated"),
    "a_description_change_is_no_change": (describe_only, dict.fromkeys(LANGUAGES), ""),
}


@pytest.fixture(scope="module")
def base_surfaces(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Surface]:
    return _surfaces(BASE, tmp_path_factory.mktemp("base"))


def _surfaces(spec: Spec, folder: Path) -> dict[str, Surface]:
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    diags = Diagnostics()
    loaded = load_api(path, diags)
    assert not diags.has_errors, diags.lines()
    return {s.language: s for s in surfaces(loaded.api, loaded.config, diags)}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_classification(rule: str, base_surfaces: dict[str, Surface], tmp_path: Path) -> None:
    change, expected, word = CASES[rule]
    spec = copy.deepcopy(BASE)
    change(spec)
    new = _surfaces(spec, tmp_path)
    for language, kind in expected.items():
        changes = apidiff.compare(base_surfaces[language], new[language])
        words = word.lower().split("|")
        if kind is None:
            assert [c for c in changes if not word or any(w in c.reason.lower() for w in words)] == [], \
                (language, changes)
            continue
        kinds = {c.kind for c in changes if any(w in c.reason.lower() for w in words)}
        assert kind in kinds, (language, [(c.kind, c.reason) for c in changes])
        if kind != "breaking":
            assert "breaking" not in {c.kind for c in changes}, (language, [(c.kind, c.reason) for c in changes])
        assert any(c.new or c.old for c in changes if c.kind == kind), changes  # each says where


def test_the_same_spec_has_no_changes(base_surfaces: dict[str, Surface], tmp_path: Path) -> None:
    again = _surfaces(copy.deepcopy(BASE), tmp_path)
    for language in LANGUAGES:
        assert apidiff.compare(base_surfaces[language], again[language]) == []


def test_surface_round_trips_through_its_stored_form(base_surfaces: dict[str, Surface]) -> None:
    text = dump(base_surfaces.values())
    back = load(text)
    assert dump(back.values()) == text
    for language in LANGUAGES:
        assert apidiff.compare(base_surfaces[language], back[language]) == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sdkforge.cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    same = _cli("diff", str(old), str(old))
    assert same.returncode == 0, same.stderr
    grown = copy.deepcopy(BASE)
    add_optional_query_param(grown)
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(grown), encoding="utf-8")
    added = _cli("diff", str(old), str(new), "--format", "json")
    assert added.returncode == 0, added.stderr
    changes = json.loads(added.stdout)
    assert {c["language"] for c in changes} == set(LANGUAGES)
    assert all({"language", "kind", "reason", "old", "new"} <= set(c) for c in changes)
    assert {c["kind"] for c in changes} == {"addition"}
    assert all((REPO / c["new"].rsplit(":", 2)[0]).resolve() == new.resolve() for c in changes)
    broken = _cli("diff", str(new), str(old), "--target", "go,python", "--format", "markdown")
    assert broken.returncode == 3, broken.stderr
    assert "## go" in broken.stdout and "## python" in broken.stdout and "## ruby" not in broken.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.3\ninfo: [\n", encoding="utf-8")
    unusable = _cli("diff", str(old), str(bad))
    assert unusable.returncode == 2
    assert re.search(r"bad\.yaml:\d+:\d+: error: ", unusable.stderr) and "Traceback" not in unusable.stderr


def _history(name: str) -> Path:
    (path,) = HISTORY.glob(f"openapi-*-{name}.yaml")
    return path


def _diff(old: Path, new: Path) -> dict[str, list[apidiff.Change]]:
    both = []
    for spec in (old, new):
        diags = Diagnostics()
        loaded = load_api(spec, diags)
        both.append(surfaces(loaded.api, loaded.config, diags))
    return {a.language: apidiff.compare(a, b) for a, b in zip(*both)}


@pytest.mark.skipif(not HISTORY.is_dir(), reason="../shared/specs/history is not beside the checkout")
def test_openai_history_matches_its_commit_summaries() -> None:
    # "Add 'source' field to audit log actions for authorization context"
    added = _diff(_history("dc708bb"), _history("c309ca1"))
    for language, changes in added.items():
        assert {c.kind for c in changes} == {"addition"}, (language, changes)
        assert any("source" in c.reason.lower() and "AuditLog" in c.symbol for c in changes), language
    # "Remove deprecated 'source' field from audit log schema": breaking wherever readers see it
    removed = _diff(_history("c309ca1"), _history("91e7c95"))
    for language, changes in removed.items():
        assert any(c.kind == "breaking" and "source" in c.reason.lower() and "removed" in c.reason
                   for c in changes), (language, changes)
    # added, then removed: nothing left
    round_trip = _diff(_history("dc708bb"), _history("91e7c95"))
    assert all(changes == [] for changes in round_trip.values()), round_trip
    # "Allow call_id to be nullable and remove from required fields"
    nullable = _diff(_history("466c74a"), _history("dc708bb"))
    for language, changes in nullable.items():
        assert any(c.kind == "breaking" and "call" in c.reason.lower() and "absent" in c.reason
                   for c in changes), language
        assert any(c.kind == "addition" and "call" in c.reason.lower() and "optional" in c.reason
                   for c in changes), language


def test_generate_reports_what_a_regeneration_breaks(tmp_path: Path) -> None:
    """`generate` records the surfaces it wrote in the output's .sdkforge/; `--check` after a breaking
    change names it and exits 3, and the next `generate` says what it broke and records the new one."""
    spec = tmp_path / "spec.yaml"
    out = tmp_path / "out"
    spec.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    first = _cli("generate", str(spec), "--out", str(out), "--target", "python,typescript,ruby,go")
    assert first.returncode == 0, first.stderr
    stored = load((out / ".sdkforge" / "surface.json").read_text(encoding="utf-8"))
    assert sorted(stored) == sorted(LANGUAGES)
    changed = copy.deepcopy(BASE)
    remove_response_field(changed)
    spec.write_text(yaml.safe_dump(changed), encoding="utf-8")
    check = _cli("generate", str(spec), "--out", str(out), "--target", "python,typescript,ruby,go", "--check")
    assert check.returncode == 3, check.stderr
    for language in LANGUAGES:
        assert re.search(rf":\d+:\d+: warning: breaks {language} users: field [Tt]ag of \S*Pet was removed",
                         check.stderr), check.stderr
    assert "breaks its users" in check.stderr
    assert load((out / ".sdkforge" / "surface.json").read_text(encoding="utf-8")).keys() == stored.keys()
    regenerate = _cli("generate", str(spec), "--out", str(out), "--target", "python,typescript,ruby,go")
    assert regenerate.returncode == 0, regenerate.stderr
    assert "breaks python users: field tag of Pet was removed" in regenerate.stderr
    settled = _cli("generate", str(spec), "--out", str(out), "--target", "python,typescript,ruby,go", "--check")
    assert settled.returncode == 0, settled.stderr
    assert "breaks" not in settled.stderr


@pytest.mark.parametrize(("version", "kinds", "expected"), [
    ("1.4.2", {"breaking", "addition"}, "2.0.0"),
    ("1.4.2", {"addition"}, "1.5.0"),
    ("1.4.2", {"deprecation"}, "1.5.0"),
    ("0.4.2", {"breaking"}, "0.5.0"),  # the 0.x rule: before 1.0 a breaking change bumps the minor version
    ("0.4.2", {"addition"}, "0.4.3"),
    ("1.4.2", set(), "1.4.2"),
    ("2024.1", {"breaking"}, "2024.1"),  # not MAJOR.MINOR.PATCH: kept
])
def test_version_bump_follows_semver_and_the_0x_rule(version: str, kinds: set[str], expected: str) -> None:
    changes = [apidiff.Change("python", kind, "x", "r", "g") for kind in sorted(kinds)]
    assert versioning.bump(version, changes) == expected


def _version_of(out: Path) -> dict[str, str]:
    pyproject = (out / "python" / "pyproject.toml").read_text()
    gem = next((out / "ruby" / "lib").rglob("version.rb")).read_text()
    return {
        "python": re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1),  # type: ignore[union-attr]
        "typescript": json.loads((out / "typescript" / "package.json").read_text())["version"],
        "ruby": re.search(r'VERSION = "([^"]+)"', gem).group(1),  # type: ignore[union-attr]
        # Go has no manifest version: its changelog's newest entry says it
        "go": re.search(r"^## (\S+)$", (out / "go" / "CHANGELOG.md").read_text(), re.M).group(1),  # type: ignore[union-attr]
    }


def _all(version: str) -> dict[str, str]:
    return dict.fromkeys(("python", "typescript", "ruby", "go"), version)


def test_regeneration_bumps_each_sdks_version_and_writes_its_changelog(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    out = tmp_path / "out"
    targets = ["--target", "python,typescript,ruby,go"]

    def generate(doc: Spec) -> None:
        spec.write_text(yaml.safe_dump(doc), encoding="utf-8")
        done = _cli("generate", str(spec), "--out", str(out), *targets)
        assert done.returncode == 0, done.stderr

    generate(BASE)
    assert _version_of(out) == _all("1.0.0")  # info.version, the same for every SDK
    grown = copy.deepcopy(BASE)
    add_optional_query_param(grown)
    generate(grown)
    assert _version_of(out) == _all("1.1.0")
    shrunk = copy.deepcopy(grown)
    remove_param(shrunk)
    generate(shrunk)
    assert _version_of(out) == _all("2.0.0")
    for language, top in (("python", "2.0.0"), ("typescript", "2.0.0"), ("ruby", "2.0.0"), ("go", "2.0.0")):
        log = (out / language / "CHANGELOG.md").read_text()
        entries = re.findall(r"^## (\S+)$", log, re.M)
        assert entries[0] == top and len(entries) == 3, log
        newest = log.split("\n## ")[1]
        assert "### Breaking changes" in newest and "was removed" in newest, newest
        assert "### Additions" in log.split("\n## ")[2] and "species" in log.split("\n## ")[2].lower(), log
    generate(shrunk)  # nothing changed: nothing moves
    assert _version_of(out) == _all("2.0.0")
    assert len(re.findall(r"^## ", (out / "python" / "CHANGELOG.md").read_text(), re.M)) == 3
    (tmp_path / "spec.sdkforge.yaml").write_text("targets:\n  python:\n    version: 5.0.0\n", encoding="utf-8")
    generate(shrunk)  # the config pins a version
    assert _version_of(out)["python"] == "5.0.0"
    (tmp_path / "spec.sdkforge.yaml").write_text("version: 7.1.0\ntargets:\n  python:\n    version: 5.0.0\n",
                                                 encoding="utf-8")
    generate(shrunk)  # the top-level version pins every SDK; a target's own setting wins for it
    pinned = _version_of(out)
    del pinned["go"]  # a pin with no change to the API adds no changelog entry, where Go's version shows
    assert pinned == {"python": "5.0.0", "typescript": "7.1.0", "ruby": "7.1.0"}


@pytest.mark.parametrize(("info_version", "first"), [
    ("1.0.0", "1.0.0"), ("v2.3.4", "2.3.4"), ("2024-01-01", "0.1.0"), ("1.0", "0.1.0"), ("01.2.3", "0.1.0"),
    ("1.0.0-beta", "0.1.0"), ("", "0.1.0"),
])
def test_first_version_is_info_version_only_when_every_ecosystem_takes_it(tmp_path: Path, info_version: str,
                                                                           first: str) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump({**BASE, "info": {"title": "Pet Store", "version": info_version}}),
                    encoding="utf-8")
    done = _cli("generate", str(spec), "--out", str(tmp_path / "out"), "--target", "python,typescript,ruby,go")
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
    assert _version_of(tmp_path / "out") == _all(first)


def test_a_pinned_version_the_target_refuses_never_reaches_the_changelog(tmp_path: Path) -> None:
    """Found by `make fuzz`: a configured version holding a NUL reached CHANGELOG.md raw while the
    package manifest had fallen back to a valid one."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    (tmp_path / "spec.sdkforge.yaml").write_text(
        'targets:\n  typescript:\n    version: "1.0\\0"\n  python:\n    version: "2.0.0\\n# x"\n', encoding="utf-8")
    done = _cli("generate", str(spec), "--out", str(tmp_path / "out"), "--target", "python,typescript")
    assert done.returncode == 0, done.stderr
    for language in ("python", "typescript"):
        log = (tmp_path / "out" / language / "CHANGELOG.md").read_text()
        assert "\0" not in log and "# x" not in log, log
        assert re.search(r"^## \d+\.\d+\.\d+$", log, re.M), log
    assert json.loads((tmp_path / "out" / "typescript" / "package.json").read_text())["version"] == "1.0.0"
