"""The coverage report (``generate --report FILE.json``): what the spec had, what was
generated, what was dropped or renamed, and every warning."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostics

if TYPE_CHECKING:
    from .pipeline import Loaded
    from .progress import Timings

_TYPE_RENAME = re.compile(r"^(\w+): type '(.+)' renamed to (\S+)")


def coverage_report(loaded: "Loaded", diags: Diagnostics, timings: "Timings") -> str:
    report = loaded.report
    api = loaded.api
    operations = [op for op in api.operations]
    components = [t for t in api.types.values() if t.origin == "component"]
    renames: list[dict[str, Any]] = list(report.renames)
    for diag in diags.warnings():
        match = _TYPE_RENAME.match(diag.message)
        if match:
            renames.append({"kind": "type", "target": match.group(1), "from": match.group(2), "to": match.group(3),
                            "location": f"{diag.file}{diag.pointer or ''}"})
    data = {
        "spec": loaded.document.display,
        "version": loaded.version,
        "operations": {
            "in_spec": report.operations_in_spec,
            "generated": len(operations),
            "dropped": report.dropped_operations,
        },
        "webhooks": {"in_spec": report.webhooks_in_spec, "generated": len(api.webhooks), "dropped": []},
        "schemas": {
            # the root's components, and the named schemas of the other files of a multi-file spec
            "in_spec": report.schemas_in_spec + sum(
                1 for t in components if t.location is not None and t.location.file != loaded.document.display),
            "generated": len(components),
            "dropped": report.dropped_schemas,
            "inline_named": len(api.types) - len(components),
        },
        "renames": renames,
        "names": report.names,
        "warnings": [diags.render(d) for d in diags.warnings()],
        "errors": [diags.render(d) for d in diags.errors()],
        "timings_ms": {name: round(seconds * 1000, 1) for name, seconds in timings.phases.items()},  # wall
        "timings_cpu_ms": {name: round(seconds * 1000, 1) for name, seconds in timings.cpu.items()},
    }
    return json.dumps(data, indent=2, sort_keys=False)
