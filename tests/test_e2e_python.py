"""The first Python slice end to end: install generated/python and complete an upload against Prism."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from support.prism import PrismServer

REPO = Path(__file__).resolve().parents[1]

SCRIPT = """
import sys
import openai
client = openai.OpenAI(api_key="sk-test", base_url=sys.argv[1], max_retries=0)
upload = client.uploads.complete("upload_abc123", part_ids=["part_1", "part_2"])
assert isinstance(upload, openai.types.Upload), type(upload)
assert upload.id == "upload_abc123" and upload.status == "completed" and upload.object == "upload"
assert upload.file is not None and upload.file.object == "file"
part = client.uploads.parts.create("upload_abc123", data=b"chunk")
assert part.object == "upload.part"
cancelled = client.uploads.cancel("upload_abc123")
assert cancelled.status == "cancelled", cancelled.status
try:
    client.uploads.complete("upload_abc123", part_ids="not-a-list")  # type: ignore[arg-type]
except openai.UnprocessableEntityError as exc:
    assert exc.status_code == 422
else:
    raise AssertionError("Prism accepted an invalid body")
print("ok")
"""


def test_generated_python_completes_an_upload(tmp_path: Path, prism: PrismServer) -> None:
    target = tmp_path / "site"
    # build from a copy: building in place would leave build/ and *.egg-info inside generated/
    source = tmp_path / "python"
    shutil.copytree(REPO / "generated" / "python", source)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "-q", "--target", str(target),
         str(source)],
        check=True,
        timeout=300,
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", SCRIPT, prism.url], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
