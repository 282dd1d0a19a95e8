"""Writers: they take a finished :class:`~reuse.model.ScanResult` and format it.

They never compute: every number they show is already in the result.

- :mod:`reuse.report.terminal`: the plain-text summary for the terminal.
- :mod:`reuse.report.json_report`: the JSON report (schema in ``docs/schema.md``).
"""

from .json_report import SCHEMA_VERSION, dumps_report, report_dict, write_json
from .terminal import render_text, sanitize

__all__ = [
    "SCHEMA_VERSION",
    "dumps_report",
    "render_text",
    "report_dict",
    "sanitize",
    "write_json",
]
