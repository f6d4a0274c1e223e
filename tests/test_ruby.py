"""The Ruby SDK target, checked with real tools: ``ruby -wc`` (zero warnings),
``rbs validate``, the generated minitest suite against Prism, loading the SDK
generated from the full OpenAI spec, and hostile-input escaping."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import OPENAI_UPLOADS_SPEC
from sdkforge.diagnostics import Diagnostics
from sdkforge.pipeline import generate, load_api

RBS = ["ruby", "/usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/exe/rbs"]
REAL_OPENAI = Path(__file__).resolve().parents[2] / "shared" / "specs" / "real" / "openai" / "openapi.yaml"
# Loads an SDK and touches every model constant, field type, union variant and
# resource: a lazily referenced constant that does not exist raises NameError.
TOUCH_ALL = """\
gem_path, mod_name = ARGV
require gem_path
mod = Object.const_get(mod_name)
type = mod::Internal::Type
counts = Hash.new(0)
seen = {}
deep = lambda do |t|
  t = type.resolve(t)
  deep.call(t.item) if t.is_a?(type::ArrayOf) || t.is_a?(type::HashOf)
  t
end
walk = lambda do |ns|
  ns.constants.sort.each do |name|
    value = ns.const_get(name)
    next if seen[value.object_id]

    seen[value.object_id] = true
    if value.is_a?(Class) && value < type::BaseModel
      counts[:models] += 1
      value.fields.each_value { |f| deep.call(f.type); counts[:fields] += 1 }
      walk.call(value)
    elsif value.is_a?(type::Union)
      counts[:unions] += 1
      value.variants.each { |v| deep.call(v) }
      walk.call(value)
    elsif value.is_a?(type::Enum)
      counts[:enums] += 1
      value.values
    elsif value.is_a?(Module)
      walk.call(value)
    else
      counts[:aliases] += 1
      deep.call(value)
    end
  end
end
walk.call(mod::Models)
client = mod::Client.new(base_url: "http://127.0.0.1:9")
res = lambda do |r|
  counts[:resources] += 1
  counts[:methods] += r.class.public_instance_methods(false).size
  r.instance_variables.each do |iv|
    v = r.instance_variable_get(iv)
    res.call(v) if v.is_a?(mod::Internal::Resource)
  end
end
client.instance_variables.each do |iv|
  v = client.instance_variable_get(iv)
  res.call(v) if v.is_a?(mod::Internal::Resource)
end
puts counts.sort.map { |k, v| "#{k}=#{v}" }.join(" ")
"""


def touch_all(root: Path, gem: str, mod: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ruby", "-w", "-I", "lib", "-e", TOUCH_ALL, gem, mod], cwd=root, check=False, capture_output=True,
                          text=True, timeout=300)


def generate_ruby(spec: Path, out: Path, config: Path | None = None) -> Path:
    diags = Diagnostics()
    loaded = load_api(spec, diags, config_path=config)
    generate(loaded, out, ["ruby"], diags)
    return out / "ruby"


def ruby_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".rb", ".gemspec"))


def syntax_warnings(root: Path) -> list[str]:
    """Runs ``ruby -wc`` on every Ruby file; returns every problem (stderr lines and failures)."""

    def check(path: Path) -> list[str]:
        proc = subprocess.run(["ruby", "--disable-gems", "-wc", str(path)], check=False, capture_output=True, text=True)
        problems = [line for line in proc.stderr.splitlines() if line.strip()]
        if proc.returncode != 0 or proc.stdout.strip() != "Syntax OK":
            problems.append(f"{path}: exit {proc.returncode}: {proc.stdout.strip()}")
        return problems

    with ThreadPoolExecutor(max_workers=4) as pool:
        return [problem for problems in pool.map(check, ruby_files(root)) for problem in problems]


def run_ruby(root: Path, code: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ruby", "-w", "-I", "lib", "-e", code], cwd=root, check=False, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)


@pytest.fixture(scope="session")
def ruby_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_ruby(OPENAI_UPLOADS_SPEC, tmp_path_factory.mktemp("ruby-sample"))


# ------------------------------------------------------------------ sample
def test_sample_passes_ruby_wc_without_warnings(ruby_sample: Path) -> None:
    files = ruby_files(ruby_sample)
    assert len(files) > 20
    assert syntax_warnings(ruby_sample) == []


def test_sample_rbs_validates(ruby_sample: Path) -> None:
    proc = subprocess.run(RBS + ["-I", "sig", "validate", "--silent"], cwd=ruby_sample, check=False, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    sigs = {p.relative_to(ruby_sample).as_posix() for p in ruby_sample.rglob("*.rbs")}
    assert {"sig/openai/client.rbs", "sig/openai/runtime.rbs", "sig/openai/models/upload.rbs",
            "sig/openai/resources/uploads.rbs"} <= sigs


def test_sample_generation_is_deterministic(ruby_sample: Path, tmp_path: Path) -> None:
    again = generate_ruby(OPENAI_UPLOADS_SPEC, tmp_path)
    first = {p.relative_to(ruby_sample): p.read_bytes() for p in ruby_sample.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second
    assert all(b"\r\n" not in data for data in first.values())


def test_generated_minitest_suite_passes_against_prism(ruby_sample: Path, prism_for) -> None:
    prism = prism_for(OPENAI_UPLOADS_SPEC)
    tests = sorted(p.relative_to(ruby_sample).as_posix() for p in (ruby_sample / "test").rglob("*_test.rb"))
    assert tests == ["test/openai/resources/files_test.rb", "test/openai/resources/uploads_test.rb"]
    loader = "ARGV.each { |f| require File.expand_path(f) }"
    proc = subprocess.run(["ruby", "-w", "-I", "lib", "-I", "test", "-e", loader, *tests], check=False, cwd=ruby_sample,
                          capture_output=True, text=True, timeout=180,
                          env={**{k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")},
                               "TEST_API_BASE_URL": prism.url})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    # the suite gives every credential its neutral sample and reads the base URL from TEST_API_BASE_URL
    helper = (ruby_sample / "test" / "test_helper.rb").read_text()
    assert 'api_key: "sample-api-key"' in helper and 'ENV.fetch("TEST_API_BASE_URL"' in helper
    assert "OPENAI_BASE_URL" not in helper
    # 7 operations, each called with required params only and with all params; the paginated list
    # also checks the first item of its page in both
    assert "14 runs, 16 assertions, 0 failures, 0 errors, 0 skips" in proc.stdout
    assert "warning" not in proc.stderr


def test_seed_example_against_prism(ruby_sample: Path, prism_for) -> None:
    prism = prism_for(OPENAI_UPLOADS_SPEC)
    code = textwrap.dedent(
        """
        require "openai"

        openai = OpenAI::Client.new(api_key: "My API Key")

        upload = openai.uploads.complete("upload_abc123", part_ids: ["string"])

        puts(upload)
        raise "not an Upload" unless upload.is_a?(OpenAI::Models::Upload)
        raise "status is not a Symbol" unless upload.status.is_a?(Symbol)
        raise "file is not a FileObject" unless upload.file.is_a?(OpenAI::Models::FileObject)
        puts(JSON.generate({status: upload.status.inspect, id: upload.id, file_purpose: upload.file.purpose.inspect,
                            object: upload.object.inspect}))
        """
    )
    proc = run_ruby(ruby_sample, code, env={"OPENAI_BASE_URL": prism.url})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("#<OpenAI::Models::Upload id=\"upload_abc123\"")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result == {"status": ":completed", "id": "upload_abc123", "file_purpose": ':"fine-tune"',
                      "object": ":upload"}


def test_sample_sdk_features_against_prism(ruby_sample: Path, prism_for) -> None:
    prism = prism_for(OPENAI_UPLOADS_SPEC)
    code = textwrap.dedent(
        """
        require "openai"
        out = {}
        openai = OpenAI::Client.new
        page = openai.files.list(limit: 2)
        out[:page_class] = page.class.name
        out[:ids] = page.auto_paging_each.map(&:id)
        out[:next_page] = page.next_page?
        raw = openai.uploads.with_raw_response.complete("upload_abc123", part_ids: ["a"])
        out[:raw] = [raw.status, raw.headers["content-type"], raw.parse.class.name, JSON.parse(raw.body)["id"]]
        out[:parts] = [
          openai.uploads.parts.create("upload_abc123", data: StringIO.new("abc")).class.name,
          openai.uploads.parts.create("upload_abc123", data: Pathname.new(__FILE__ == "-e" ? "/etc/hostname" : __FILE__)).class.name,
          openai.uploads.parts.create("upload_abc123", data: OpenAI::FilePart.new("xyz", filename: "a.txt")).object
        ]
        begin
          openai.files.retrieve("file-abc123", request_options: {extra_headers: {"Prefer" => "code=404"}})
        rescue OpenAI::Errors::NotFoundError => e
          out[:error] = [e.class.ancestors.take_while { |c| c != StandardError }.map(&:name), e.status, e.message]
        end
        keyless = OpenAI::Client.new(api_key: nil)
        begin
          keyless.files.list
        rescue OpenAI::Errors::Error => e
          out[:missing_key] = e.message
        end
        begin
          openai.files.list(request_options: {bogus: 1})
        rescue ArgumentError => e
          out[:bad_option] = e.message
        end
        client = OpenAI::Client.new(api_key: "k", base_url: "https://example.invalid")
        out[:defaults] = [client.timeout, client.max_retries, client.base_url]
        puts JSON.generate(out)
        """
    )
    proc = run_ruby(ruby_sample, code, env={"OPENAI_BASE_URL": prism.url, "OPENAI_API_KEY": "My API Key"})
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["page_class"] == "OpenAI::Internal::CursorPage"
    assert out["ids"] == ["file-abc123", "file-abc456"]
    assert out["next_page"] is False
    assert out["raw"] == [200, "application/json", "OpenAI::Models::Upload", "upload_abc123"]
    assert out["parts"] == ["OpenAI::Models::UploadPart", "OpenAI::Models::UploadPart", "upload.part"]
    assert out["error"][0] == ["OpenAI::Errors::NotFoundError", "OpenAI::Errors::APIStatusError",
                               "OpenAI::Errors::APIError", "OpenAI::Errors::Error"]
    assert out["error"][1] == 404 and "No such Upload." in out["error"][2]
    # a client is made without credentials; a request that needs one raises before sending, naming the
    # option and its environment variable
    assert "api_key:" in out["missing_key"] and "OPENAI_API_KEY" in out["missing_key"]
    assert "bogus" in out["bad_option"]
    assert out["defaults"] == [600.0, 2, "https://example.invalid"]


# ---------------------------------------------------------------- full spec
@pytest.fixture(scope="session")
def ruby_full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    base = tmp_path_factory.mktemp("ruby-full")
    config = base / "openai.sdkforge.yaml"
    config.write_text("targets:\n  ruby:\n    gem: openai\n    module: OpenAI\n", encoding="utf-8")
    started = time.perf_counter()
    root = generate_ruby(REAL_OPENAI, base / "out", config)
    return root, time.perf_counter() - started


@pytest.mark.skipif(not REAL_OPENAI.is_file(), reason="the real OpenAI spec is not in ../shared")
def test_full_openai_spec_passes_ruby_wc_and_loads(ruby_full: tuple[Path, float]) -> None:
    root, seconds = ruby_full
    print(f"\nruby: generated the full OpenAI SDK in {seconds:.1f} s")
    assert seconds < 120
    files = ruby_files(root)
    assert len(files) > 1000
    started = time.perf_counter()
    assert syntax_warnings(root) == []
    print(f"ruby: ruby -wc on {len(files)} files in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    proc = touch_all(root, "openai", "OpenAI")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stderr == ""
    counts = dict(item.split("=") for item in proc.stdout.split())
    print(f"ruby: loaded and touched {counts} in {time.perf_counter() - started:.1f} s")
    assert int(counts["models"]) > 1500
    assert int(counts["resources"]) > 50
    assert int(counts["unions"]) > 100


# ------------------------------------------------------------------ hostile
HOSTILE = """\
openapi: 3.1.0
info:
  title: "Hostile \\"API\\" =begin"
  version: "1.0.0"
  description: "=begin\\n#{system(\\"echo PWNED\\")}\\n=end\\n# frozen_string_literal: false"
servers:
  - url: "http://127.0.0.1:9/#{system('echo PWNED')}"
paths:
  /things/{id}:
    get:
      operationId: getThing
      description: "*/ =end\\n=begin\\n#{File.write(CANARY, 1)} \\"\\"\\" ' ` \\\\"
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: string}
        - name: class
          in: query
          description: "#{system(\\"echo PWNED\\")}"
          schema: {type: string}
        - name: "x-#{evil}"
          in: header
          schema: {type: string}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Thing"
  /things/{id}/=end:
    post:
      operationId: "=begin"
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: string}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                end: {type: string}
                send: {type: integer}
                "#{x}": {type: string}
      responses:
        "204":
          description: none
components:
  schemas:
    Thing:
      type: object
      description: "=begin\\n#{File.write(CANARY, 1)}\\n=end\\n# shareable_constant_value: literal\\n-*- coding: binary -*-"
      properties:
        class: {type: string, description: "#{`echo PWNED`} \\\\ \\""}
        end: {type: integer, description: "=end"}
        def: {type: string}
        then: {type: string}
        1st: {type: string}
        a-b: {type: string}
        a_b: {type: string}
        object_id: {type: string}
        send: {type: string}
        "#{system('echo PWNED')}": {type: string}
        "\\"quoted\\"": {type: string}
        kind:
          type: string
          description: "enum with hostile values"
          enum: ["a\\"b", "#{system('echo PWNED')}", "=end", "plain", "Plain", "x y", "", "1x"]
        nested:
          type: object
          properties:
            __END__: {type: string}
            String: {type: string}
        choice:
          oneOf:
            - {type: string, title: "#{x}"}
            - {$ref: "#/components/schemas/Other"}
    Other:
      type: object
      description: "*/ \\"\\"\\" #{File.write(CANARY, 1)}"
      properties:
        kind: {type: string, const: "#{File.write(CANARY, 1)}"}
    "Evil#{File.write(CANARY, 1)}":
      type: string
      enum: ["#{1}"]
"""


@pytest.fixture(scope="session")
def ruby_hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("ruby-hostile")
    canary = base / "CANARY"
    spec = base / "hostile.yaml"
    spec.write_text(HOSTILE.replace("CANARY", json.dumps(str(canary)).replace('"', "'")), encoding="utf-8")
    return generate_ruby(spec, base / "out"), canary


def test_hostile_spec_is_escaped(ruby_hostile: tuple[Path, Path]) -> None:
    root, canary = ruby_hostile
    assert syntax_warnings(root) == []
    proc = subprocess.run(RBS + ["-I", "sig", "validate", "--silent"], cwd=root, check=False, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    gem, mod = "hostile_api_begin", "HostileAPIBegin"
    assert (root / "lib" / f"{gem}.rb").is_file()
    code = textwrap.dedent(
        """
        require GEM
        mod = Object.const_get(MOD)
        thing = mod::Models::Thing.new(JSON.parse(ARGV[0]))
        out = {
          readers: [thing.class_, thing.end_, thing.def_, thing.then_, thing._1st, thing.a_b, thing.a_b_2,
                    thing.object_id_, thing.send_],
          klass: thing.class.name,
          kind: thing.kind,
          enum: mod::Models::Thing::Kind.values,
          unknown: thing[:extra],
          choice: thing.choice.class.name,
          nested: [thing.nested.end_, thing.nested.string],
          dumped: mod::Models::Thing.dump_hash({class_: "c", a_b_2: "x"})
        }
        puts JSON.generate(out)
        """
    ).replace("GEM", json.dumps(gem)).replace("MOD", json.dumps(mod))
    payload = {"class": "c", "end": 1, "def": "d", "then": "t", "1st": "f", "a-b": "x", "a_b": "y",
               "object_id": "o", "send": "s", "kind": "#{system('echo PWNED')}", "extra": 7,
               "choice": {"kind": "#{File.write(" + json.dumps(str(canary)).replace('"', "'") + ", 1)}"},
               "nested": {"__END__": "e", "String": "S"}}
    proc = subprocess.run(["ruby", "-w", "-I", "lib", "-e", code, json.dumps(payload)], check=False, cwd=root,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert not canary.exists()
    out = json.loads(proc.stdout)
    # `a_b` keeps its wire name; `a-b` becomes `a_b_2`
    assert out["readers"] == ["c", 1, "d", "t", "f", "y", "x", "o", "s"]
    assert out["klass"] == "HostileAPIBegin::Models::Thing"
    assert out["kind"] == "#{system('echo PWNED')}"  # decoded to a Symbol, never evaluated
    assert out["enum"] == ['a"b', "#{system('echo PWNED')}", "=end", "plain", "Plain", "x y", "", "1x"]
    assert out["unknown"] == 7
    assert out["choice"] == "HostileAPIBegin::Models::Other"
    assert out["nested"] == ["e", "S"]
    assert out["dumped"] == {"class": "c", "a-b": "x"}
    # loading everything and touching every constant runs nothing either
    proc = touch_all(root, gem, mod)
    assert proc.returncode == 0, proc.stderr
    assert "PWNED" not in proc.stdout + proc.stderr
    assert not canary.exists()
    # outside comments, a spec string's `#{` only ever appears escaped
    for path in ruby_files(root):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith("#"):
                continue
            for needle in ("#{system", "#{File", "#{x}", "#{1}", "#{evil}", "#{`"):
                assert needle not in line.replace("\\" + needle, ""), (path, line)


# ------------------------------------------------------------------- unions
UNIONS = """\
openapi: 3.1.0
info: {title: Zoo, version: "1.0.0"}
servers: [{url: "http://127.0.0.1:9"}]
paths:
  /holders/{id}:
    get:
      operationId: getHolder
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: OK
          content: {application/json: {schema: {$ref: "#/components/schemas/Holder"}}}
components:
  schemas:
    Cat:
      type: object
      required: [petType]
      properties: {petType: {type: string}, meows: {type: boolean}}
    Dog:
      type: object
      required: [petType]
      properties: {petType: {type: string}, barks: {type: integer}}
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
      discriminator:
        propertyName: petType
        mapping: {kitty: "#/components/schemas/Cat", doggo: Dog}
    Circle:
      type: object
      required: [kind, radius]
      properties: {kind: {type: string, const: circle}, radius: {type: number}}
    Square:
      type: object
      required: [kind, side]
      properties: {kind: {type: string, enum: [square]}, side: {type: number}}
    Shape:
      oneOf: [{$ref: "#/components/schemas/Circle"}, {$ref: "#/components/schemas/Square"}]
      discriminator: {propertyName: kind}
    Value:
      anyOf: [{type: string}, {type: integer}, {$ref: "#/components/schemas/Circle"}, {type: array, items: {type: string}}]
    Holder:
      type: object
      properties:
        pet: {$ref: "#/components/schemas/Pet"}
        shape: {$ref: "#/components/schemas/Shape"}
        shapes: {type: array, items: {$ref: "#/components/schemas/Shape"}}
        value: {$ref: "#/components/schemas/Value"}
        values: {type: array, items: {$ref: "#/components/schemas/Value"}}
        by_name: {type: object, additionalProperties: {$ref: "#/components/schemas/Circle"}}
        maybe: {anyOf: [{$ref: "#/components/schemas/Circle"}, {type: "null"}]}
        old: {type: string, deprecated: true, description: "Use `value`."}
        inline:
          oneOf:
            - {type: string, enum: [a, b]}
            - {type: object, title: Point, properties: {x: {type: integer}}}
"""


def test_unions_enums_maps_decode(tmp_path: Path) -> None:
    spec = tmp_path / "zoo.yaml"
    spec.write_text(UNIONS, encoding="utf-8")
    root = generate_ruby(spec, tmp_path / "out")
    assert syntax_warnings(root) == []
    proc = subprocess.run(RBS + ["-I", "sig", "validate", "--silent"], cwd=root, check=False, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    model = (root / "lib/zoo/models/holder.rb").read_text()
    assert "@deprecated" in model and "Use `value`." in model
    pet = (root / "lib/zoo/models/pet.rb").read_text()
    assert 'discriminator "petType"' in pet and 'variant "kitty", -> { Zoo::Models::Cat }' in pet
    code = textwrap.dedent(
        """
        require "zoo"
        data = JSON.parse(ARGV[0])
        h = Zoo::Models::Holder.new(data)
        name = ->(v) { v.is_a?(Zoo::Internal::Type::BaseModel) ? v.class.name.split("::").last : v.inspect }
        out = {
          pet: name.call(h.pet), shape: name.call(h.shape), shapes: h.shapes.map(&name),
          value: name.call(h.value), values: h.values.map(&name), by_name: h.by_name.transform_values(&name),
          maybe: name.call(h.maybe), inline: name.call(h.inline), unknown_pet: name.call(Zoo::Models::Holder.new(
            "pet" => {"petType" => "parrot", "meows" => true}).pet),
          dumped: Zoo::Internal::Type.dump(Zoo::Models::Holder, {pet: Zoo::Models::Cat.new(petType: "kitty"),
                                                                   shape: {kind: :circle, radius: 1}})
        }
        puts JSON.generate(out)
        """
    )
    payload = {"pet": {"petType": "doggo", "barks": 3}, "shape": {"kind": "square", "side": 2},
               "shapes": [{"kind": "circle", "radius": 1}, {"kind": "square", "side": 1}],
               "value": {"kind": "circle", "radius": 2}, "values": ["s", 5, ["a"], {"kind": "circle", "radius": 1}],
               "by_name": {"c": {"kind": "circle", "radius": 3}}, "maybe": None, "inline": {"x": 1}}
    proc = subprocess.run(["ruby", "-w", "-I", "lib", "-e", code, json.dumps(payload)], check=False, cwd=root,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert json.loads(proc.stdout) == {
        "pet": "Dog", "shape": "Square", "shapes": ["Circle", "Square"], "value": "Circle",
        "values": ['"s"', "5", '["a"]', "Circle"], "by_name": {"c": "Circle"}, "maybe": "nil", "inline": "Point",
        "unknown_pet": "Cat",
        "dumped": {"pet": {"petType": "kitty"}, "shape": {"kind": "circle", "radius": 1}},
    }


@pytest.mark.parametrize("title", ["__END__", "BEGIN", "END"])
def test_a_title_that_is_a_ruby_keyword_makes_a_usable_module(tmp_path: Path, title: str) -> None:
    """`module END` is a syntax error: a keyword constant from the API's title gets a suffix."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(f"openapi: 3.1.0\ninfo: {{title: {title}, version: '1'}}\nservers: [{{url: 'https://x.invalid'}}]\n"
                    "paths:\n  /a:\n    get: {responses: {'200': {description: ok}}}\n")
    root = generate_ruby(spec, tmp_path / "out")
    assert syntax_warnings(root) == []
    (gem,) = [p.stem for p in (root / "lib").glob("*.rb")]
    loaded = run_ruby(root, f'require "{gem}"; puts Module.constants.grep(/SDK\\z/).inspect')
    assert loaded.returncode == 0, loaded.stderr
