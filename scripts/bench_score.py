"""Recall and precision of ``scripts/bench.py``: one run's pairs scored against the planted truth.

:func:`score` gives recall per planted kind and pair precision of one run,
:func:`_median_score` their medians over runs; :func:`_med` is the median
the report uses as well.
"""

from __future__ import annotations

import statistics

from corpus_gen import Truth

__all__ = ["KINDS", "OVERLAP", "score"]

KINDS = ("verbatim", "light", "partial")
OVERLAP = 0.5  # a passage must cover this share of the planted target span


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(data: dict, truth: Truth, passages: bool) -> dict:
    """Recall per kind and pair precision of one run's pairs against the truth.

    With ``passages`` a plant counts as found when a reported pair joins its
    source and target and one passage covers at least half of the planted
    span on the target side; without, when the pair is reported.
    """
    pairs = {}
    for p in data["pairs"]:
        pairs[frozenset((p["a"], p["b"]))] = p
    real = truth.reuse_pairs()
    planted = truth.planted_pairs()
    found = {k: 0 for k in KINDS}
    found_whole = 0
    pair_found = {k: 0 for k in KINDS}
    total = {k: 0 for k in KINDS}
    total_whole = 0
    cover, excess, source_ok = [], [], 0
    kind_table: dict[tuple[str, str], int] = {}
    for plant in truth.plants:
        total[plant.kind] += 1
        total_whole += plant.whole
        pair = pairs.get(frozenset((plant.source, plant.target)))
        if pair is None:
            continue
        pair_found[plant.kind] += 1
        if not passages:
            found[plant.kind] += 1
            found_whole += plant.whole
            continue
        t_side = 0 if pair["a"] == plant.target else 2
        s_side = 2 - t_side
        span = plant.target_span
        best, best_ov = None, 0
        for x in pair["passages"]:
            ov = _overlap((x[t_side], x[t_side + 1]), span)
            if ov > best_ov:
                best, best_ov = x, ov
        if best is not None and best_ov >= OVERLAP * (span[1] - span[0]):
            found[plant.kind] += 1
            found_whole += plant.whole
            cover.append(best_ov / (span[1] - span[0]))
            length = best[t_side + 1] - best[t_side]
            excess.append((length - best_ov) / length if length else 0.0)
            s_span = plant.source_span
            source_ok += _overlap((best[s_side], best[s_side + 1]), s_span) >= OVERLAP * (s_span[1] - s_span[0])
            key = (plant.kind, best[4])
            kind_table[key] = kind_table.get(key, 0) + 1
    reported = set(pairs)
    false_pairs = reported - real
    by_kind: dict[str, list[int]] = {}
    for key, p in pairs.items():
        by_kind.setdefault(p["kind"] or "(pair)", [0, 0])[key not in real] += 1
    same_topic = sum(1 for fp in false_pairs if len({truth.topics.get(x) for x in fp}) == 1)
    # Direction of the planted pairs found: no times in this corpus, so every verdict rests on the text.
    direction: dict[str, int] = {}
    for plant in truth.plants:
        pair = pairs.get(frozenset((plant.source, plant.target)))
        if pair is None or "relation" not in pair:
            continue
        relation = pair["relation"]
        verdict = ("copied, right" if pair["source"] == plant.source else "copied, wrong") if relation == "copied" else relation
        key = f"{'whole' if plant.whole else 'partial'}: {verdict}"
        direction[key] = direction.get(key, 0) + 1
    n_found = sum(found.values())
    return {
        "recall": {k: found[k] / total[k] if total[k] else float("nan") for k in KINDS},
        "recall_whole": found_whole / total_whole if total_whole else float("nan"),
        "pair_recall": {k: pair_found[k] / total[k] if total[k] else float("nan") for k in KINDS},
        "total": total,
        "total_whole": total_whole,
        "reported": len(reported),
        "true_pairs": len(reported & real),
        "planted_found": len(reported & planted),
        "precision": len(reported & real) / len(reported) if reported else float("nan"),
        "false_pairs": len(false_pairs),
        "false_same_topic": same_topic,
        "false_examples": sorted(tuple(sorted(fp)) for fp in false_pairs)[:5],
        "cover": statistics.mean(cover) if cover else float("nan"),
        "excess": statistics.mean(excess) if excess else float("nan"),
        "source_ok": source_ok / n_found if n_found else float("nan"),
        "kinds": {f"{a} -> {b}": n for (a, b), n in sorted(kind_table.items())},
        "unmapped": sum(1 for p in data["pairs"] if p.get("unmapped")),
        "by_kind": dict(sorted(by_kind.items())),
        "direction": dict(sorted(direction.items())),
    }


def _median_score(per_run: list[dict]) -> dict:
    """The last run's score, with recall and precision replaced by their medians over runs."""
    out = dict(per_run[-1])
    out["recall"] = {k: _med([s["recall"][k] for s in per_run]) for k in KINDS}
    out["recall_whole"] = _med([s["recall_whole"] for s in per_run])
    out["precision"] = _med([s["precision"] for s in per_run])
    out["per_run"] = [(s["recall"], s["precision"], s["reported"]) for s in per_run]
    return out


def _med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
