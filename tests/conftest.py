"""Shared pytest fixtures for sdkforge's tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Iterator

import pytest

# Make ``support`` importable whatever pytest's import mode is.
_TESTS_DIR = Path(__file__).resolve().parent
if str(_TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(_TESTS_DIR))

from support.prism import REPO_ROOT, PrismServer  # noqa: E402

OPENAI_UPLOADS_SPEC = REPO_ROOT / "spec" / "openai-uploads.yaml"

PrismFactory = Callable[..., PrismServer]


@pytest.fixture(scope="session")
def prism_for() -> Iterator[PrismFactory]:
    """Factory: ``prism_for(spec_path, *, dynamic=False, errors=True)``.

    Starts at most one Prism server per (spec, options) for the whole session
    and returns it (already started); all of them are stopped at session end.
    """
    servers: dict[tuple[Path, bool, bool], PrismServer] = {}

    def start(
        spec_path: str | os.PathLike[str],
        *,
        dynamic: bool = False,
        errors: bool = True,
    ) -> PrismServer:
        key = (Path(spec_path).resolve(), dynamic, errors)
        server = servers.get(key)
        if server is None:
            server = PrismServer(key[0], dynamic=dynamic, errors=errors).start()
            servers[key] = server
        return server

    try:
        yield start
    finally:
        for server in servers.values():
            server.stop()


@pytest.fixture(scope="session")
def prism(prism_for: PrismFactory) -> PrismServer:
    """Prism mocking ``spec/openai-uploads.yaml`` (static examples)."""
    return prism_for(OPENAI_UPLOADS_SPEC)
