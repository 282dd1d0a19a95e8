"""Writers: they take a finished :class:`~reuse.model.ScanResult` and format it.

Every number they show is already in the result. What they derive is for
display only: the JSON report's ``clusters`` (the connected groups of its
pairs, :func:`reuse.graph.clusters`), and the HTML report's marks of
quotations and boilerplate in the texts it shows (:func:`reuse.marks.mark_articles`
reads those articles again, with the scan's boilerplate settings, or the
defaults). A report read back from JSON holds no texts: the JSON writer
takes it whole (``write_json(report, path)``: the counts of words and
characters it holds are kept), the graph writer its result with the word
counts, and the HTML writer refuses it, naming the fix.

- :mod:`reuse.report.terminal`: the plain-text summary for the terminal
  (:mod:`reuse.report.columns` lays text out in columns, and sanitises it).
- :mod:`reuse.report.json_report`: the JSON report (schema in ``docs/schema.md``).
- :mod:`reuse.report.report_reader`: a JSON report read back into a result.
- :mod:`reuse.report.html_report`: the self-contained HTML report.
- :mod:`reuse.report.graph_export`: the reuse graph as an image or a graph file
  (drawn by :mod:`reuse.report.graph_image`, laid out by :mod:`reuse.report.graph_layout`).
"""

from .graph_export import write_graph
from .html_report import render_html, write_html
from .json_report import SCHEMA_VERSION, dumps_report, report_dict, write_json
from .report_reader import read_report
from .columns import sanitize
from .terminal import render_text

__all__ = [
    "SCHEMA_VERSION",
    "dumps_report",
    "read_report",
    "render_html",
    "render_text",
    "report_dict",
    "sanitize",
    "write_graph",
    "write_html",
    "write_json",
]
