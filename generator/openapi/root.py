"""The folder a spec's ``$ref``s may reach: the boundary that keeps a spec from reading any file.

Chosen, first match wins:

1. ``--root DIR`` on the command line;
2. ``root: DIR`` in the config (relative to the config file's folder);
3. ``allow_refs_outside_root: true`` in the config (deprecated): no boundary at all;
4. the enclosing repository: the nearest folder at or above the spec's that holds ``.git``
   (real layouts such as the Matrix spec refer from ``data/api/client-server/`` to
   ``../../event-schemas/``);
5. the spec's own folder.

The strict choice is the spec's own folder: ``--root`` that folder (``root: .`` in a config beside
the spec).  Whatever the boundary, a reference into a ``.git`` folder is refused, and links are
followed before the check, so a link inside that leads outside is outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .load import display_name

LIFT = "pass --root DIR (or set `root: DIR` in the config) to a folder that holds it"


@dataclass(frozen=True)
class RefRoot:
    """``folder`` is None when nothing bounds the references."""

    folder: Path | None
    origin: str  # what the folder is, for messages: "the spec's folder", "--root DIR", ...

    def refusal(self, target: Path) -> str | None:
        """Why a (resolved) referenced file may not be read, or None when it may."""
        if ".git" in target.parts:
            return "is inside a .git folder; refused"
        if self.folder is None or target.is_relative_to(self.folder):
            return None
        return f"points outside {self.origin}; refused: {LIFT}"


def repository_of(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` that holds ``.git`` (a folder, or a worktree's file)."""
    for candidate in (folder, *folder.parents):
        try:
            if (candidate / ".git").exists():
                return candidate
        except OSError:
            return None
    return None


def choose_root(spec_folder: Path, cli_root: Path | None, config_root: Path | None,
                config_unbounded: bool) -> RefRoot:
    """The boundary for a spec whose (resolved) folder is ``spec_folder``; the paths given are resolved."""
    if cli_root is not None:
        return RefRoot(cli_root, f"--root {display_name(cli_root)}")
    if config_root is not None:
        return RefRoot(config_root, f"the config's root ({display_name(config_root)})")
    if config_unbounded:
        return RefRoot(None, "nothing")
    repository = repository_of(spec_folder)
    if repository is not None:
        return RefRoot(repository, f"the repository that holds the spec ({display_name(repository)})")
    return RefRoot(spec_folder, "the spec's folder")
