"""The with-times section of ``scripts/evaluate.py``.

Direction with publication times consistent with the truth (Clough-Stevenson
and OneStopEnglish, random times with the fixed seed), with reliability
tables. Reuses the loaders and scoring of ``eval_cs`` and ``eval_ose``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter, defaultdict

from eval_common import (
    SEED,
    Context,
    Section,
    call_scan,
    copied_reliability,
    direction_summary,
    fmt,
    judge,
    log,
    md_table,
    name_of,
    over_all_true_links,
    pair_row,
    pair_table,
    reliability,
    reliability_lines,
    target_lines,
)
from eval_cs import cs_truth, load_cs_labels, score_cs_links
from eval_ose import load_ose, ose_copy_correct
from metrics import pair_key


def _stamp(day: dt.date, hour: int, minute: int) -> str:
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00Z"


def evaluate_times(ctx: Context, sec: Section) -> None:
    import reuse

    rng = random.Random(SEED)
    sec.figures["seed"] = SEED

    # Clough-Stevenson: sources at 09:00 the day before; answers at random times on the day.
    answers = load_cs_labels(ctx.corpora)
    base = ctx.cs_articles()
    source_day, answer_day = dt.date(2009, 4, 17), dt.date(2009, 4, 18)
    timed = []
    for name in sorted(base):
        if name.startswith("orig_task"):
            when = _stamp(source_day, 9, 0)
        else:
            when = _stamp(answer_day, rng.randrange(24), rng.randrange(60))
        timed.append(dataclasses.replace(base[name], published=when))
    log("times: Clough-Stevenson with publication times")
    result = call_scan(reuse.scan_articles, timed, "cs-times")
    s = score_cs_links(result, answers)
    s.pop("by_key")
    d = s["direction"]
    rows, top_acc, top_n = reliability(s["confidences"], s["correct"])
    truth = cs_truth(answers)

    def cs_copy_correct(pair) -> bool:
        key = pair_key(name_of(pair.a), name_of(pair.b))
        if key not in truth:
            return False
        return judge(pair, key[0] if key[0].startswith("orig_task") else key[1]) == "correct"

    all_rows, all_top_acc, all_top_n = copied_reliability(result.pairs, cs_copy_correct)
    cs_fig = {
        "links": s["links"],
        "false_link_causes": s["false_link_causes"],
        "false_links": s["false_links"],
        "direction": d,
        "reliability": rows,
        "accuracy_confidence_ge_0_9": top_acc,
        "count_confidence_ge_0_9": top_n,
        "reliability_all_copied": all_rows,
        "accuracy_all_copied_confidence_ge_0_9": all_top_acc,
        "count_all_copied_confidence_ge_0_9": all_top_n,
        "direction_errors": s["direction_errors"],
    }
    sec.figures["cs"] = cs_fig

    # OneStopEnglish: adv at 09:00 on day 1, int on day 2, ele on day 3, random hours.
    days = {"adv": dt.date(2018, 1, 1), "int": dt.date(2018, 1, 2), "ele": dt.date(2018, 1, 3)}
    articles, topic_of, level_of = load_ose(ctx.corpora)
    published = {}
    for art in articles:
        lvl = level_of[art.id]
        published[art.id] = _stamp(days[lvl], 9, 0) if lvl == "adv" else _stamp(days[lvl], rng.randrange(24), rng.randrange(60))
    articles = [dataclasses.replace(a, published=published[a.id]) for a in articles]
    log("times: OneStopEnglish with publication times")
    ose = call_scan(reuse.scan_articles, articles, "ose-times")
    order = {"adv": 0, "int": 1, "ele": 2}
    verdicts_by: dict[str, list[str]] = defaultdict(list)
    confs, oks, ose_errors = [], [], []
    cross = 0
    for pair in ose.pairs:
        a, b = pair.a, pair.b
        if topic_of.get(a) != topic_of.get(b):
            cross += 1
            continue
        earlier = a if order[level_of[a]] < order[level_of[b]] else b
        later = b if earlier == a else a
        verdict = judge(pair, earlier, str)
        verdicts_by[f"{level_of[earlier]}-{level_of[later]}"].append(verdict)
        confs.append(float(pair.direction.confidence))
        oks.append(verdict == "correct")
        if verdict != "correct":
            ose_errors.append({"verdict": verdict, **pair_row(pair, str)})
    ose_all_rows, ose_all_top_acc, ose_all_top_n = copied_reliability(ose.pairs, lambda pair: ose_copy_correct(pair, topic_of, level_of))
    adjacent = verdicts_by.get("adv-int", []) + verdicts_by.get("int-ele", [])
    all_verdicts = [v for vs in verdicts_by.values() for v in vs]
    ose_d = direction_summary(all_verdicts)
    ose_rows, ose_top_acc, ose_top_n = reliability(confs, oks)
    sec.figures["ose"] = {
        "direction": ose_d,
        "by_levels": {k: direction_summary(v) for k, v in sorted(verdicts_by.items())},
        "adjacent_levels": direction_summary(adjacent),
        "reliability_all_copied": ose_all_rows,
        "accuracy_all_copied_confidence_ge_0_9": ose_all_top_acc,
        "count_all_copied_confidence_ge_0_9": ose_all_top_n,
        "cross_topic_links": cross,
        "reliability": ose_rows,
        "accuracy_confidence_ge_0_9": ose_top_acc,
        "count_confidence_ge_0_9": ose_top_n,
        "direction_errors": ose_errors,
    }

    sec.target("CS: direction correct (share of reported true links)", d["correct_share"], ">=", 0.97)
    sec.target("CS: correct among true links with confidence >= 0.9", top_acc, ">=", 0.95)
    sec.target("CS: correct among all copied verdicts with confidence >= 0.9 (false links count as wrong)", all_top_acc, ">=", 0.95)
    sec.target("OSE: direction correct (share of same-story pairs)", ose_d["correct_share"], ">=", 0.97)
    sec.target("OSE: correct among same-story pairs with confidence >= 0.9", ose_top_acc, ">=", 0.95)
    sec.target("OSE: correct among all copied verdicts with confidence >= 0.9 (cross-topic count as wrong)", ose_all_top_acc, ">=", 0.95)

    sec.add(f"Publication times consistent with the truth, random with seed {SEED}: Clough-Stevenson sources at "
            f"{_stamp(source_day, 9, 0)}, answers at random times on {answer_day}; OneStopEnglish adv at 09:00 on "
            f"{days['adv']}, int and ele at random times on {days['int']} and {days['ele']}. Scanned with "
            "`reuse.scan_articles` (same texts as above). Correct means `copied` with the earlier text as source; "
            "an abstention counts as not correct here.", "",
            "A time order shows which text came first, not that one copied the other: a copy ordered by time alone "
            "whose textual link is weak (only part of each text reused, or similarity below the paraphrase threshold "
            "fitted on MSRP) gets 0.7 of the order's confidence (`WEAK_LINK_RELATED` in `reuse/provenance.py`, the "
            "share of such pairs that are true copies in the Clough-Stevenson scan below); those verdicts make the "
            "[0.5, 0.9) rows of the reliability tables.", "")
    sec.add("### Targets", "", *target_lines(sec.targets))
    sec.add("### Clough-Stevenson with times", "")
    links = s["links"]
    causes = Counter(s["false_link_causes"])
    sec.add(*md_table(["judged", "correct", "wrong", "abstained", "not reported", "correct share", "accuracy among decided",
                       "link F1", "answer-answer links", "wrong-source links"],
                      [(d["judged"], d["correct"], d["wrong"], d["abstained"], d["not_reported"], d["correct_share"], d["accuracy_decided"],
                        links["f1"], causes["answer-answer"], causes["wrong-source"])]))
    overall = over_all_true_links(d)
    sec.add(f"Over all {overall['true_links']} true links, a link with no reported pair counting as not correct: direction correct on "
            f"{fmt(overall['correct'])} (the target reads it over the reported ones: "
            "the missed links count against link F1).", "")
    sec.add("Reliability on true links:", "", *reliability_lines(rows))
    sec.add("Reliability of every `copied` verdict in the scan (a copy claimed on a false link, such as one answer "
            "copying another, is wrong):", "", *reliability_lines(all_rows))
    if s["direction_errors"]:
        sec.add(f"**Direction not correct** ({len(s['direction_errors'])}):", "", *pair_table(s["direction_errors"], ["verdict"]))
    if s["false_links"]:
        sec.add(f"**Wrong links with times** ({len(s['false_links'])}):", "", *pair_table(s["false_links"], ["cause"]))
    sec.add("### OneStopEnglish with times", "")
    sec.add(*md_table(["levels", "judged", "correct", "wrong", "abstained", "correct share", "accuracy among decided"],
                      [(k, v["judged"], v["correct"], v["wrong"], v["abstained"], v["correct_share"], v["accuracy_decided"])
                       for k, v in [("all", ose_d)] + sorted(sec.figures["ose"]["by_levels"].items())]))
    adj = sec.figures["ose"]["adjacent_levels"]
    sec.add(f"Cross-topic pairs (not judged): {cross}. Adjacent levels only (adv-int and int-ele, the direct "
            f"rewrites): correct share {fmt(adj['correct_share'])}. Adv-ele is judged like the others: `copied` from adv is "
            "correct; `common-source` (ele explained through int) counts as an abstention.", "")
    sec.add("Reliability on same-story pairs:", "", *reliability_lines(ose_rows))
    sec.add("Reliability of every `copied` verdict in the scan:", "", *reliability_lines(ose_all_rows))
    if ose_errors:
        shown = ose_errors[:30]
        sec.add(f"**Direction not correct** ({len(ose_errors)}{'; first 30 shown, all in the JSON' if len(ose_errors) > 30 else ''}):", "",
                *pair_table(shown, ["verdict"]))
