"""The fixed style sheet and script of the HTML report (no article text in here).

Kept apart from :mod:`reuse.report.html_report` so the writer reads as the
page it builds. The script is a constant: the report's Content-Security-Policy
allows exactly this script (by its SHA-256) and nothing else, so even text that
escaped escaping could not run.
"""

from __future__ import annotations

import base64
import hashlib

__all__ = ["CSP", "SCRIPT", "STYLE"]

#: Passage colours: the same colour marks a passage in both articles of a pair.
PASSAGE_COLOURS = (
    "#ffe08a", "#a8e6a1", "#9fd3ff", "#ffb3c7", "#d7b8ff",
    "#ffc999", "#9ee6dc", "#e6e08a", "#c2c8ff", "#f5b7a6",
)  # fmt: skip

STYLE = (
    """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #e3e3e6; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1280px; padding: 1.2rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .6rem;
     border-bottom: 1px solid var(--rule); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; } h4 { font-size: .95rem; margin: 0 0 .3rem; }
.muted, .meta { color: var(--muted); font-size: .88rem; }
.summary { display: flex; gap: 1.5rem; flex-wrap: wrap; margin: .6rem 0; }
.summary div { background: #f5f6f8; border-radius: 8px; padding: .5rem .9rem; }
.summary b { display: block; font-size: 1.4rem; }
figure { margin: 0; overflow: auto; } figure img { max-width: min(100%, 1100px); height: auto; border: 1px solid var(--rule);
  border-radius: 6px; cursor: zoom-in; } figure.zoomed img { max-width: none; cursor: zoom-out; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th[data-sort] { cursor: pointer; user-select: none; white-space: nowrap; }
th[data-sort]::after { content: " \\2195"; color: #b0b0b0; }
th[aria-sort=ascending]::after { content: " \\25B2"; color: var(--accent); }
th[aria-sort=descending]::after { content: " \\25BC"; color: var(--accent); }
tbody tr:hover { background: #f7f9fc; }
.id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; overflow-wrap: anywhere; unicode-bidi: isolate; }
.note { unicode-bidi: isolate; }
.kind { display: inline-block; border-radius: 4px; padding: 0 .35rem; font-size: .82rem; white-space: nowrap; }
.kind-verbatim { background: #f6d3d3; } .kind-light-rewrite { background: #fde2c4; }
.kind-heavy-rewrite { background: #d3e2f6; } .kind-shared-quotes { background: #e6e6e6; }
.pair { border: 1px solid var(--rule); border-radius: 10px; padding: 1rem 1.1rem; margin: 1.2rem 0; }
.pair:target { box-shadow: 0 0 0 3px #c9dcf3; }
.verdict { margin: .2rem 0 .5rem; }
details { margin: .3rem 0 .7rem; } summary { cursor: pointer; color: var(--accent); }
.evidence li { margin: .15rem 0; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.side { min-width: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 34rem; overflow-y: auto; position: relative;
        border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .8rem; background: #fcfcfd; line-height: 1.55; }
[data-p] { cursor: pointer; border-radius: 3px; }
.seg-quote-passage { background: transparent !important; outline: 1.5px dashed #777; outline-offset: -1px;
                     box-shadow: inset 0 -0.3em 0 var(--pc, #ddd); }
.quote { font-style: italic; text-decoration: underline dotted #777; text-underline-offset: 3px; }
.boilerplate { color: #9a9a9a; text-decoration: line-through #c5c5c5; }
[data-p].active { box-shadow: 0 0 0 2px #1f5fa8; }
.legend { display: flex; gap: 1.2rem; flex-wrap: wrap; font-size: .85rem; margin: .4rem 0 .8rem; }
.legend span.sample { padding: 0 .3rem; }
.passages { font-size: .85rem; margin: .6rem 0 0; }
@media (max-width: 800px) { .sides { grid-template-columns: 1fr; } }
"""
    # The passage colour as a variable too: a quotation passage shows it as an underline.
    + "".join(f".c{i} {{ --pc: {colour}; background: {colour}; }}\n" for i, colour in enumerate(PASSAGE_COLOURS))
)

SCRIPT = """
(function () {
  "use strict";
  function sortBy(th) {
    var table = th.closest("table"), body = table.tBodies[0];
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute("data-sort") === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var a = r1.cells[col].getAttribute("data-v"), b = r2.cells[col].getAttribute("data-v");
      var c = numeric ? parseFloat(a) - parseFloat(b) : a.localeCompare(b);
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(th); } });
  });
  function showTwin(seg) {
    var pair = seg.closest(".pair"), side = seg.closest(".side");
    if (!pair || !side) { return; }
    var p = seg.getAttribute("data-p");
    pair.querySelectorAll(".active").forEach(function (x) { x.classList.remove("active"); });
    pair.querySelectorAll('[data-p="' + p + '"]').forEach(function (x) { x.classList.add("active"); });
    var other = side.getAttribute("data-side") === "a" ? "b" : "a";
    var twin = pair.querySelector('.side[data-side="' + other + '"] [data-p="' + p + '"]');
    if (!twin) { return; }
    var box = twin.closest(".text");
    box.scrollTop += twin.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 4;
    var r = twin.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) { twin.scrollIntoView({block: "center"}); }
  }
  document.addEventListener("click", function (e) {
    var seg = e.target.closest("[data-p]");
    if (seg) { showTwin(seg); }
    var graph = e.target.closest("figure.graph");
    if (graph) { graph.classList.toggle("zoomed"); }
  });
  // Each article opens at its first reused passage.
  document.querySelectorAll(".text").forEach(function (box) {
    var first = box.querySelector("[data-p]");
    if (first) { box.scrollTop = Math.max(0, first.offsetTop - 24); }
  });
  document.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === " ") && e.target.hasAttribute && e.target.hasAttribute("data-p")) {
      e.preventDefault(); showTwin(e.target);
    }
  });
})();
"""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")

#: Nothing loads from outside; only the report's own script may run.
CSP = f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
