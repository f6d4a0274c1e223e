"""Every SDK package is ready to publish: a LICENSE from ``info.license`` (none when the spec names
none) named in its manifest, a .gitignore, a README whose install step, authentication and example
are the API's own (sections for pagination, streaming and uploads only when it has them), and one
version for all four."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from sdkforge.diagnostics import Diagnostics, SpecError
from sdkforge.pipeline import generate, load_api

SDKS = ("python", "typescript", "ruby", "go")
RUBY = shutil.which("ruby")


def _spec(**extra: Any) -> dict[str, Any]:
    pet = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    spec: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Pet Store", "version": "1.4.0"},
        "servers": [{"url": "https://pets.example.com/v1"}],
        "paths": {
            "/pets/{pet_id}": {"get": {"operationId": "getPet", "parameters": [
                {"name": "pet_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": pet}}}}}},
            "/pets": {"post": {"operationId": "createPet", "requestBody": {"required": True, "content": {
                "application/json": {"schema": pet}}},
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": pet}}}}}},
        },
    }
    spec.update(extra)
    return spec


def _generate(tmp_path: Path, spec: dict[str, Any], config: str | None = None) -> Path:
    path = tmp_path / "api.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    if config is not None:
        (tmp_path / "api.sdkforge.yaml").write_text(config, encoding="utf-8")
    diags = Diagnostics()
    out = tmp_path / "out"
    generate(load_api(path, diags), out, list(SDKS), diags)
    assert not diags.has_errors, diags.lines()
    return out


def _manifest_licenses(out: Path) -> dict[str, str | None]:
    project = tomllib.loads((out / "python" / "pyproject.toml").read_text())["project"]
    gemspec = next((out / "ruby").glob("*.gemspec")).read_text()
    spec_license = re.search(r'^  spec\.license = "([^"]*)"$', gemspec, re.MULTILINE)
    return {"python": project.get("license"),
            "typescript": json.loads((out / "typescript" / "package.json").read_text()).get("license"),
            "ruby": spec_license.group(1) if spec_license else None}


@pytest.mark.parametrize(("license", "spdx", "says"), [
    ({"name": "MIT", "identifier": "MIT"}, "MIT", "Permission is hereby granted, free of charge"),
    ({"name": "Apache 2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0.html"}, "Apache-2.0",
     "Licensed under the Apache License, Version 2.0"),
    ({"name": "Pet Store Terms", "url": "https://pets.example.com/terms"}, None,
     "licensed under Pet Store Terms.\nThe license's terms: https://pets.example.com/terms"),
    (None, None, None),
])
def test_license_follows_info_license_in_every_sdk(tmp_path: Path, license: dict[str, str] | None,
                                                   spdx: str | None, says: str | None) -> None:
    info = {"title": "Pet Store", "version": "1.4.0", "contact": {"name": "Pet Store Team"}}
    if license is not None:
        info["license"] = license  # type: ignore[assignment]
    out = _generate(tmp_path, _spec(info=info))
    for sdk in SDKS:
        path = out / sdk / "LICENSE"
        if says is None:
            assert not path.exists(), sdk
            continue
        text = path.read_text()
        assert says in text and "Pet Store Team" in text, (sdk, text)
        readme = (out / sdk / "README.md").read_text()
        assert "## License" in readme and "see `LICENSE`" in readme, sdk
    licenses = _manifest_licenses(out)
    if says is None:
        assert licenses == dict.fromkeys(("python", "typescript", "ruby"))
    else:  # an SPDX identifier where the manifest takes one, else the LICENSE file named
        assert licenses == {"python": spdx, "typescript": spdx or "SEE LICENSE IN LICENSE", "ruby": spdx}
        project = tomllib.loads((out / "python" / "pyproject.toml").read_text())["project"]
        assert project["license-files"] == ["LICENSE"]
        assert '"LICENSE"' in next((out / "ruby").glob("*.gemspec")).read_text()


def test_every_sdk_package_ignores_its_build_output(tmp_path: Path) -> None:
    out = _generate(tmp_path, _spec())
    expected = {"python": {"build/", "dist/", "*.egg-info/", "__pycache__/", ".venv/"},
                "typescript": {"node_modules/", "dist/"}, "ruby": {"*.gem", ".bundle/"}, "go": set()}
    for sdk, patterns in expected.items():
        lines = set((out / sdk / ".gitignore").read_text().splitlines())
        assert patterns <= lines and ".DS_Store" in lines, (sdk, lines)


_AUTH = {
    "api_key_header": ({"k": {"type": "apiKey", "in": "header", "name": "X-Pet-Key"}},
                       "an API key, sent in the `X-Pet-Key` header"),
    "bearer": ({"k": {"type": "http", "scheme": "bearer"}}, "a bearer token, sent as `Authorization: Bearer ...`"),
    "basic": ({"k": {"type": "http", "scheme": "basic"}}, "HTTP basic authentication (a username and a password)"),
    "none": (None, "The API takes no credentials"),
}


@pytest.mark.parametrize("auth", list(_AUTH))
def test_readme_shows_the_apis_own_auth_and_operation(tmp_path: Path, auth: str) -> None:
    schemes, says = _AUTH[auth]
    extra: dict[str, Any] = {"components": {"securitySchemes": schemes}, "security": [{"k": []}]} if schemes else {}
    out = _generate(tmp_path, _spec(**extra))
    env = "PET_STORE_USERNAME" if auth == "basic" else "PET_STORE_API_KEY"
    install = {"python": "pip install pet_store", "typescript": "npm install pet-store",
               "ruby": "gem install pet_store", "go": "go get "}
    for sdk in SDKS:
        readme = (out / sdk / "README.md").read_text()
        assert "## Install" in readme and install[sdk] in readme, (sdk, readme)
        assert says in readme, (sdk, readme)
        assert (env in readme) == (auth != "none"), (sdk, readme)
        # the example is a real call of the simplest operation (one path parameter, no body)
        assert "For example, `GET /pets/{pet_id}`:" in readme, (sdk, readme)
        assert "<resource>" not in readme and "<method>" not in readme and "\n\n\n" not in readme, sdk
        assert not re.search(r"^## (Pagination|Streaming|File uploads)", readme, re.MULTILINE), (sdk, readme)
    python = _fenced((out / "python" / "README.md").read_text(), "python")
    ast.parse(python[0])
    assert "client.pets.retrieve(" in python[0] or ".get(" in python[0], python[0]
    go = _fenced((out / "go" / "README.md").read_text(), "go")[0]
    gofmt = subprocess.run(["gofmt", "-l"], input=go, capture_output=True, text=True, check=False, timeout=60)
    assert gofmt.returncode == 0 and gofmt.stdout == "", gofmt.stderr  # parses, and as gofmt lays it out
    if RUBY:
        ruby = _fenced((out / "ruby" / "README.md").read_text(), "ruby")[0]
        checked = subprocess.run([RUBY, "-c"], input=ruby, capture_output=True, text=True, check=False, timeout=60)
        assert checked.returncode == 0, checked.stderr


def _fenced(markdown: str, info: str) -> list[str]:
    return re.findall(rf"^```{info}\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL)


def test_optional_readme_sections_follow_what_the_api_has(tmp_path: Path) -> None:
    spec = _spec()
    page = {"type": "object", "required": ["data"], "properties": {
        "data": {"type": "array", "items": {"type": "string"}}, "has_more": {"type": "boolean"}}}
    spec["paths"]["/events"] = {"get": {"operationId": "streamEvents", "responses": {"200": {
        "description": "events", "content": {"text/event-stream": {"schema": {"type": "string"}}}}}}}
    spec["paths"]["/photos"] = {"post": {"operationId": "uploadPhoto", "requestBody": {"required": True, "content": {
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary"}}}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": page}}}}}}
    spec["paths"]["/pets"]["get"] = {"operationId": "listPets", "parameters": [
        {"name": "after", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": page}}}}}
    config = ("pagination:\n  - name: CursorPage\n    type: cursor\n    request: {cursor: after}\n"
              "    response: {items: data, has_more: has_more}\n")
    out = _generate(tmp_path, spec, config)
    for sdk in SDKS:
        readme = (out / sdk / "README.md").read_text()
        for section in ("Pagination", "Streaming", "File uploads"):
            assert f"\n## {section}\n" in readme, (sdk, section)


def test_one_version_for_every_sdk_in_manifests_and_readmes(tmp_path: Path) -> None:
    out = _generate(tmp_path, _spec())
    assert tomllib.loads((out / "python" / "pyproject.toml").read_text())["project"]["version"] == "1.4.0"
    assert json.loads((out / "typescript" / "package.json").read_text())["version"] == "1.4.0"
    assert 'VERSION = "1.4.0"' in next((out / "ruby" / "lib").rglob("version.rb")).read_text()
    assert "@v1.4.0" in (out / "go" / "README.md").read_text()
    for sdk in SDKS:
        assert "1.4.0" in (out / sdk / "README.md").read_text(), sdk
        assert re.search(r"^## 1\.4\.0$", (out / sdk / "CHANGELOG.md").read_text(), re.MULTILINE), sdk


_METADATA = """\
metadata:
  authors: ['Eve "}; system("id") # `x`', "Bob Builder <bob@example.com>"]
  homepage: https://pets.example.com
  repository: https://github.com/example/pets
  keywords: ['pets', '"], "x": ["', "#{1}"]
"""


def test_config_metadata_reaches_every_manifest_as_data(tmp_path: Path) -> None:
    out = _generate(tmp_path, _spec(), _METADATA)
    eve = 'Eve "}; system("id") # `x`'
    project = tomllib.loads((out / "python" / "pyproject.toml").read_text())["project"]
    assert project["authors"] == [{"name": eve}, {"name": "Bob Builder", "email": "bob@example.com"}]
    assert project["keywords"] == ["pets", '"], "x": ["', "#{1}"]
    assert project["urls"] == {"Homepage": "https://pets.example.com", "Repository": "https://github.com/example/pets"}
    package = json.loads((out / "typescript" / "package.json").read_text())
    assert package["author"] == eve and package["contributors"] == ["Bob Builder <bob@example.com>"]
    assert package["keywords"] == ["pets", '"], "x": ["', "#{1}"]
    assert package["homepage"] == "https://pets.example.com"
    assert package["repository"] == {"type": "git", "url": "git+https://github.com/example/pets.git"}
    if RUBY:
        gemspec = next((out / "ruby").glob("*.gemspec"))
        loaded = subprocess.run(
            [RUBY, "-e", "spec = Gem::Specification.load(ARGV[0]); puts spec.authors.inspect, spec.email.inspect, "
                         "spec.homepage, spec.metadata['source_code_uri']", gemspec.name],
            cwd=gemspec.parent, capture_output=True, text=True, check=False, timeout=60)
        assert loaded.returncode == 0, loaded.stderr
        assert loaded.stdout.splitlines() == [json.dumps([eve, "Bob Builder"]), '["bob@example.com"]',
                                              "https://pets.example.com", "https://github.com/example/pets"]


@pytest.mark.parametrize(("config", "line", "message"), [
    ("metadata:\n  homepage: javascript:alert(1)\n", 2, "`metadata.homepage` must be an http(s) URL"),
    ("metadata:\n  repository: 'https://x.example/a b'\n", 2, "`metadata.repository` must be an http(s) URL"),
    ("metadata:\n  authors:\n    - Ann\n    - 'Bob <bob>'\n", 4, "`metadata.authors[1]` must be `Name` or"),
    ("metadata:\n  keywords: [ok, \"a\\nb\"]\n", 2, "`metadata.keywords[1]` must be one line"),
    ("metadata:\n  authors: Ann\n", 2, "`metadata.authors` must be a list of strings"),
    ("version: 1.2\n", 1, "`version` must be a string, not the number 1.2 (quote it"),
])
def test_bad_metadata_is_an_error_at_its_place(tmp_path: Path, config: str, line: int, message: str) -> None:
    (tmp_path / "api.yaml").write_text(yaml.safe_dump(_spec()), encoding="utf-8")
    (tmp_path / "api.sdkforge.yaml").write_text(config, encoding="utf-8")
    diags = Diagnostics()
    with pytest.raises(SpecError) as raised:
        load_api(tmp_path / "api.yaml", diags)
    rendered = diags.lines(raised.value.diagnostics)
    assert any(re.search(rf"api\.sdkforge\.yaml:{line}:\d+: error: ", r) and message in r for r in rendered), rendered
