"""The command line: exit codes, compiler-style diagnostics, --check, --templates."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "spec" / "openai-uploads.yaml"
OPENAI = REPO.parent / "shared" / "specs" / "real" / "openai" / "openapi.yaml"
DIAG = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): .+", re.M)


def sdkforge(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sdkforge.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=300,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int = 2) -> list[re.Match[str]]:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    return list(DIAG.finditer(result.stderr))


@pytest.mark.parametrize("command", ["validate", "generate"])
def test_yaml_syntax_error(tmp_path: Path, command: str) -> None:
    spec = tmp_path / "broken.yaml"
    spec.write_text("openapi: 3.1.0\ninfo:\n  title: [unclosed\npaths: {}\n")
    diags = assert_clean_failure(sdkforge(command, spec, *(["--out", tmp_path / "o"] if command == "generate" else [])))
    assert diags and diags[0]["sev"] == "error" and diags[0]["line"] == "4"


@pytest.mark.parametrize("command", ["validate", "generate"])
def test_dangling_ref(tmp_path: Path, command: str) -> None:
    spec = tmp_path / "dangling.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n"
        "        '200': {$ref: '#/components/responses/Nope'}\n"
    )
    extra = ["--out", tmp_path / "o"] if command == "generate" else []
    diags = [d for d in assert_clean_failure(sdkforge(command, spec, *extra)) if d["sev"] == "error"]
    assert diags[0]["line"] == "7" and "dangling $ref" in diags[0].group(0)
    assert "(#/paths/~1a/get/responses/200/$ref)" in diags[0].group(0)
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("command", ["validate", "generate"])
def test_not_an_openapi_document(tmp_path: Path, command: str) -> None:
    spec = tmp_path / "plain.yaml"
    spec.write_text("hello: world\n")
    diags = assert_clean_failure(sdkforge(command, spec, *(["--out", tmp_path / "o"] if command == "generate" else [])))
    assert "no `openapi` (3.x) or `swagger` (2.0) version key" in diags[0].group(0)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert sdkforge("generate").returncode == 2
    assert sdkforge("generate", SAMPLE, "--target", "cobol", "--out", tmp_path).returncode == 2
    assert sdkforge("frobnicate").returncode == 2


@pytest.mark.skipif(not OPENAI.exists(), reason="the shared corpus is not beside the repo")
def test_public_openai_spec_validates_with_warnings_and_fails_strict() -> None:
    lenient = sdkforge("validate", OPENAI)
    assert lenient.returncode == 0, lenient.stderr[-2000:]
    warnings = [m for m in DIAG.finditer(lenient.stderr) if m["sev"] == "warning"]
    assert len([w for w in warnings if "schema validation" in w.group(0)]) >= 10
    strict = sdkforge("validate", "--strict", OPENAI)
    assert strict.returncode == 2
    assert "Traceback" not in strict.stderr


def test_check_mode(tmp_path: Path) -> None:
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    shutil.copy(SAMPLE, spec_dir / "api.yaml")
    out = tmp_path / "out"
    assert sdkforge("generate", spec_dir / "api.yaml", "--out", out, "--target", "python").returncode == 0
    clean = sdkforge("generate", spec_dir / "api.yaml", "--out", out, "--target", "python", "--check")
    assert clean.returncode == 0, clean.stdout
    text = (spec_dir / "api.yaml").read_text().replace("The ordered list of Part IDs.", "The list of Part IDs.")
    (spec_dir / "api.yaml").write_text(text)
    changed = sdkforge("generate", spec_dir / "api.yaml", "--out", out, "--target", "python", "--check")
    assert changed.returncode == 1
    assert "would change: python/src/api/types/upload_complete_params.py" in changed.stdout or re.search(
        r"would change: python/src/\w+/types/upload_complete_params.py", changed.stdout)
    assert "+" in changed.stdout and "The list of Part IDs." in changed.stdout


def test_templates_folder_overrides_a_builtin_template(tmp_path: Path) -> None:
    custom = tmp_path / "templates" / "python"
    custom.mkdir(parents=True)
    (custom / "README.md.j2").write_text("# Custom readme for {{ pkg.title }}\n")
    out = tmp_path / "out"
    result = sdkforge("generate", SAMPLE, "--out", out, "--target", "python", "--templates", tmp_path / "templates")
    assert result.returncode == 0, result.stderr
    assert (out / "python" / "README.md").read_text() == "# Custom readme for OpenAI\n"
    assert (out / "python" / "src" / "openai" / "_client.py").exists()


def test_user_file_survives_regeneration(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert sdkforge("generate", SAMPLE, "--out", out, "--target", "python").returncode == 0
    custom = out / "python" / "src" / "openai" / "custom.py"
    custom.write_text("# mine\n")
    assert sdkforge("generate", SAMPLE, "--out", out, "--target", "python").returncode == 0
    assert custom.read_text() == "# mine\n"


def test_generation_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert sdkforge("generate", SAMPLE, "--out", a).returncode == 0
    assert sdkforge("generate", SAMPLE, "--out", b, cwd=tmp_path).returncode == 0
    def files(root: Path) -> dict[Path, bytes]:
        # state.json is the incremental cache (file sizes and mtimes of this machine), not output
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != "state.json"}

    files_a, files_b = files(a), files(b)
    assert files_a == files_b
    assert all(b"\r\n" not in data for data in files_a.values())


# ------------------------------------------------------------------ conventions: summary, loudness, colour, help
SUMMARY = re.compile(r"^sdkforge: wrote (?P<total>\d+) files? \((?P<changed>\d+) changed(?:, (?P<removed>\d+) removed)?\)"
                     r" to (?P<out>.+) in \d+\.\d\d s$")


def _output_files(out: Path, target: str = "") -> int:
    """The generated files (the .sdkforge/ bookkeeping folder is not output)."""
    return sum(1 for p in (out / target).rglob("*") if p.is_file() and ".sdkforge" not in p.relative_to(out).parts)


def test_generate_prints_one_summary_line_off_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = sdkforge("generate", SAMPLE, "--out", out, "--target", "python,go")
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert len(lines) == 1, first.stderr
    match = SUMMARY.match(lines[0])
    assert match, lines[0]
    assert int(match["total"]) == int(match["changed"]) == _output_files(out) and match["out"] == str(out)
    (out / "go" / "go.mod").unlink()  # one file to restore, the rest unchanged
    again = sdkforge("generate", SAMPLE, "--out", out, "--target", "python,go")
    match = SUMMARY.match(again.stderr.strip())
    assert match and int(match["changed"]) == 1 and int(match["total"]) == _output_files(out), again.stderr
    assert sdkforge("generate", SAMPLE, "--out", out, "--target", "python,go").stderr.startswith(
        f"sdkforge: {out} is up to date in ")
    assert "\x1b[" not in first.stderr + again.stderr  # no colour off a terminal


def test_quiet_silences_and_verbose_adds_per_target_lines(tmp_path: Path) -> None:
    quiet = sdkforge("generate", SAMPLE, "--out", tmp_path / "q", "--target", "ruby", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""
    out = tmp_path / "v"
    verbose = sdkforge("generate", SAMPLE, "--out", out, "--target", "ruby,typescript", "-v")
    assert verbose.returncode == 0, verbose.stderr
    *per_target, summary = verbose.stderr.splitlines()
    assert SUMMARY.match(summary)
    counts = {}
    for line in per_target:
        m = re.fullmatch(r"sdkforge: (\w+): wrote (\d+) files \((\d+) changed\)", line)
        assert m, line
        counts[m[1]] = int(m[2])
    assert counts == {"ruby": _output_files(out, "ruby"), "typescript": _output_files(out, "typescript")}
    both = sdkforge("generate", SAMPLE, "--out", out, "-q", "-v")
    assert both.returncode == 2 and "not allowed with" in both.stderr


def test_version_flag_names_the_installed_version() -> None:
    from importlib.metadata import version

    result = sdkforge("--version")
    assert result.returncode == 0 and result.stdout == f"sdkforge {version('sdkforge')}\n"


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from sdkforge import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    spec = tmp_path / "bad.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a: {get: {responses: {'200': "
                    "{$ref: '#/nope'}}}}\n")
    monkeypatch.setenv("SDKFORGE_PROGRESS", "0")

    def run(*argv: str | Path) -> str:
        stream = Terminal()
        monkeypatch.setattr(sys, "stderr", stream)
        cli.main([str(a) for a in argv])
        return stream.getvalue()

    monkeypatch.delenv("NO_COLOR", raising=False)
    painted = run("validate", spec)
    assert re.search(r":\d+:\d+: \x1b\[1;31merror\x1b\[0m: ", painted), painted
    assert run("generate", SAMPLE, "--out", tmp_path / "o", "--target", "go").startswith("\x1b[32msdkforge: wrote ")
    monkeypatch.setenv("NO_COLOR", "1")
    plain = run("validate", spec)
    assert "\x1b[" not in plain and ": error: " in plain


@pytest.mark.parametrize("argv, suggestion", [
    (["generate", "SPEC", "--chekc"], "--chekc (did you mean --check?)"),
    (["generate", "SPEC", "--targte=go"], "--targte=go (did you mean --target?)"),
    (["validate", "SPEC", "--stirct"], "--stirct (did you mean --strict?)"),
    (["generat", "SPEC"], "did you mean generate?"),
    (["diff", "SPEC", "SPEC", "--format", "markdwon"], "did you mean markdown?"),
])
def test_mistyped_flag_or_command_names_the_nearest(argv: list[str], suggestion: str) -> None:
    result = sdkforge(*[str(SAMPLE) if a == "SPEC" else a for a in argv])
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert suggestion in result.stderr.splitlines()[-1], result.stderr


def test_every_subcommand_and_argument_has_help_text() -> None:
    from sdkforge import cli

    parser = cli._parser()
    commands = parser.subcommands.choices  # type: ignore[attr-defined]
    assert set(commands) == {"generate", "validate", "diff", "config", "init"}
    todo = [((name,), sub) for name, sub in commands.items()]
    while todo:  # subcommands of subcommands too (`config schema`)
        names, sub = todo.pop()
        assert sub.description, names
        for action in sub._actions:
            assert action.help and action.help != argparse.SUPPRESS, (names, action.dest)
            if isinstance(action, argparse._SubParsersAction):
                todo += [((*names, name), parser) for name, parser in action.choices.items()]
        shown = sdkforge(*names, "--help")
        assert shown.returncode == 0 and sub.description.split()[0] in shown.stdout


@pytest.mark.parametrize("layout", ["out_is_a_file", "out_is_under_a_file", "report_is_under_a_file"])
def test_output_path_through_a_file_is_a_usage_error(tmp_path: Path, layout: str) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("mine\n")
    args = {"out_is_a_file": ["--out", blocker],
            "out_is_under_a_file": ["--out", blocker / "sub"],
            "report_is_under_a_file": ["--out", tmp_path / "o", "--report", blocker / "r.json"]}[layout]
    result = sdkforge("generate", SAMPLE, "--target", "go", *args)
    assert result.returncode == 2 and "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith(f"{blocker} is a file, not a folder"), result.stderr
    assert blocker.read_text() == "mine\n" and not (tmp_path / "o").exists()
