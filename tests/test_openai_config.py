"""examples/openai/openai.sdkforge.yaml, the config for the public OpenAI spec that gives the SDKs
the names and resource layout of OpenAI's own SDKs: it loads without a warning, and the four SDKs
generated with it have the methods where OpenAI's published code samples call them (checked by
each language: Python and Ruby look them up on a client, TypeScript and Go compile code using them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sdkforge.config import load_config
from sdkforge.diagnostics import Diagnostics
from sdkforge.ir.naming import camel, pascal

REPO = Path(__file__).resolve().parents[1]
OPENAI_SPEC = REPO.parent / "shared" / "specs" / "real" / "openai" / "openapi.yaml"
CONFIG = REPO / "examples" / "openai" / "openai.sdkforge.yaml"
TSC = REPO / "node_modules" / ".bin" / "tsc"

pytestmark = pytest.mark.skipif(not OPENAI_SPEC.is_file(), reason="the shared OpenAI spec is not on this machine")

# where OpenAI's code samples call them (Python spelling; each SDK cases the words its own way)
CALLS = """
beta.assistants.list beta.threads.create_and_run beta.threads.runs.create beta.threads.runs.steps.list
beta.threads.messages.list beta.chatkit.threads.list_items chat.completions.create chat.completions.messages.list
files.content images.generate images.edit images.create_variation audio.speech.create
audio.transcriptions.create audio.translations.create fine_tuning.jobs.checkpoints.list
fine_tuning.jobs.list_events fine_tuning.alpha.graders.run vector_stores.file_batches.create
vector_stores.file_batches.list_files responses.input_items.list responses.input_tokens.count evals.runs.cancel
videos.download_content videos.remix
""".split()
GO_VERBS = {"create": "New", "retrieve": "Get"}  # Go spells these two as OpenAI's Go SDK does


@pytest.fixture(scope="module")
def sdks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("openai-config")
    result = subprocess.run([sys.executable, "-m", "sdkforge.cli", "generate", str(OPENAI_SPEC), "--config",
                             str(CONFIG), "--out", str(out), "--target", "python,typescript,ruby,go", "--report",
                             str(out / "report.json")], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    return out, result.stderr


def test_openai_config_loads_without_a_warning(sdks: tuple[Path, str]) -> None:
    diags = Diagnostics()
    config = load_config(CONFIG, diags)
    assert diags.lines() == []
    assert config.env_api_key == "OPENAI_API_KEY" and config.pagination[0].name == "CursorPage"
    out, stderr = sdks
    assert CONFIG.name not in stderr, stderr  # nothing generation says points into the config
    assert " would be `" not in stderr, stderr  # no name settled by a collision: the layout names them
    report = json.loads((out / "report.json").read_text())
    laid = [n for n in report["names"] if n["rule"].startswith("the config's layout")]
    assert len(laid) > 2 * len(config.layout)  # the moves place whole resources: far fewer lines than names


def test_openai_config_puts_methods_where_openai_samples_call_them(sdks: tuple[Path, str]) -> None:
    out, _ = sdks
    walk = ("import openai, sys\nc = openai.OpenAI(api_key='k')\nfor call in sys.argv[1:]:\n"
            "    obj = c\n    for part in call.split('.'):\n        obj = getattr(obj, part)\n"
            "    assert callable(obj), call\nassert not hasattr(c, 'threads') and not hasattr(c, 'assistants')\n")
    subprocess.run([sys.executable, "-c", walk, *CALLS], check=True, timeout=300,
                   env={**os.environ, "PYTHONPATH": str(out / "python" / "src")})

    ruby = ("require 'openai'\nc = OpenAI::Client.new(api_key: 'k')\nARGV.each do |call|\n"
            "  *path, last = call.split('.')\n  obj = path.reduce(c) { |o, p| o.public_send(p) }\n"
            "  raise call unless obj.respond_to?(last)\nend\nraise 'threads' if c.respond_to?(:threads)\n")
    subprocess.run(["ruby", "-I", str(out / "ruby" / "lib"), "-e", ruby, *CALLS], check=True, timeout=300)

    ts = out / "typescript"
    uses = "\n".join(f"fns.push(c.{'.'.join(camel(p) for p in call.split('.'))});" for call in CALLS)
    (ts / "src" / "layout_check.ts").write_text(
        'import OpenAI from "./index.js";\nconst c = new OpenAI({ apiKey: "k" });\n'
        f"const fns: unknown[] = [];\n{uses}\n// @ts-expect-error moved under beta\nfns.push(c.threads);\n")
    result = subprocess.run([str(TSC), "-p", str(ts), "--noEmit"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:]

    go = out / "go"
    (go / "cmd" / "check").mkdir(parents=True)
    lines = []
    for call in CALLS:
        *path, last = call.split(".")
        lines.append("\t_ = c." + ".".join([*(pascal(p) for p in path), GO_VERBS.get(last, pascal(last))]))
    (go / "cmd" / "check" / "main.go").write_text(
        'package main\n\nimport openai "github.com/openai/openai-go"\n\nfunc main() {\n'
        "\tc := openai.NewClient()\n" + "\n".join(lines) + "\n}\n")
    result = subprocess.run(["go", "build", "-o", os.devnull, "./cmd/check"], cwd=go, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
