"""Evaluation metrics: cue spans against human spans (stance and persuasion join later).

Span metrics follow the SemEval-2020 Task 11 / ArAIEval span scorers: a
predicted span earns partial credit for the share of it that overlaps a gold
span of the same label (precision), and a gold span for the share of it that
is covered (recall). Token metrics count word tokens inside spans.
"""

from __future__ import annotations

from collections import defaultdict

from .lexicon import TECHNIQUE_MAP
from .text.tokenize import tokenize

__all__ = ["cue_label", "evaluate_cues", "span_prf", "token_prf"]


def cue_label(category: str) -> str | None:
    """The technique a cue of ``category`` stands for (its primary mapping)."""
    techniques = TECHNIQUE_MAP.get(category)
    return techniques[0] if techniques else None


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def span_prf(pred, gold) -> dict:
    """Partial-overlap precision/recall/F1 per label and micro over labels.

    ``pred`` and ``gold`` are lists (one per text) of (start, end, label).

    >>> span_prf([[(0, 4, "A")]], [[(2, 6, "A")]])["overall"]["f1"]
    0.5
    """
    per = defaultdict(lambda: {"p_num": 0.0, "p_den": 0, "r_num": 0.0, "r_den": 0})
    for ps, gs in zip(pred, gold):
        for a, b, lab in ps:
            d = per[lab]
            d["p_den"] += 1
            d["p_num"] += sum(max(0, min(b, gb) - max(a, ga)) for ga, gb, gl in gs if gl == lab) / (b - a) if b > a else 0
        for a, b, lab in gs:
            d = per[lab]
            d["r_den"] += 1
            d["r_num"] += sum(max(0, min(b, pb) - max(a, pa)) for pa, pb, pl in ps if pl == lab) / (b - a) if b > a else 0
    out = {}
    tot = {"p_num": 0.0, "p_den": 0, "r_num": 0.0, "r_den": 0}
    for lab, d in sorted(per.items()):
        d["p_num"] = min(d["p_num"], d["p_den"])
        d["r_num"] = min(d["r_num"], d["r_den"])
        p = d["p_num"] / d["p_den"] if d["p_den"] else 0.0
        r = d["r_num"] / d["r_den"] if d["r_den"] else 0.0
        out[lab] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(p, r), 4),
                    "predicted": d["p_den"], "gold": d["r_den"]}
        for k in tot:
            tot[k] += d[k]
    p = tot["p_num"] / tot["p_den"] if tot["p_den"] else 0.0
    r = tot["r_num"] / tot["r_den"] if tot["r_den"] else 0.0
    return {"overall": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(p, r), 4),
                        "predicted": tot["p_den"], "gold": tot["r_den"]}, "labels": out}


def token_prf(texts, pred, gold) -> dict:
    """Token-level precision/recall/F1 per label and micro over labels.

    A token counts for a label when it overlaps a span of that label.

    >>> token_prf(["a bad word"], [[(2, 5, "A")]], [[(2, 10, "A")]])["overall"]["recall"]
    0.5
    """
    counts = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for text, ps, gs in zip(texts, pred, gold):
        for tok in tokenize(text):
            labels_p = {lab for a, b, lab in ps if a < tok.end and tok.start < b}
            labels_g = {lab for a, b, lab in gs if a < tok.end and tok.start < b}
            for lab in labels_p | labels_g:
                c = counts[lab]
                if lab in labels_p and lab in labels_g:
                    c[0] += 1
                elif lab in labels_p:
                    c[1] += 1
                else:
                    c[2] += 1
    out = {}
    tp = fp = fn = 0
    for lab, (a, b, c) in sorted(counts.items()):
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        out[lab] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(p, r), 4)}
        tp, fp, fn = tp + a, fp + b, fn + c
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"overall": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(p, r), 4)}, "labels": out}


#: Device categories whose spans cover whole sentences; left out when labels are merged.
SENTENCE_LEVEL = ("rhetorical_question", "repetition")


def evaluate_cues(records, extractor, *, labels=None, merge=False) -> dict:
    """Compare the extractor's device cues with the records' human spans.

    Parameters
    ----------
    records : list of Record
        Records with ``spans``.
    extractor : CueExtractor
    labels : list of str, optional
        Gold labels to evaluate (others are ignored on both sides). By
        default every gold label that one of our categories maps to; when
        the gold spans carry one label that is not a technique name (BABE's
        ``biased_word``), every device cue counts as that label.
    merge : bool, default=False
        Treat the selected gold labels as one class (e.g. Loaded_Language +
        Name_Calling-Labeling together) and every word-level device cue as a
        prediction of it, whatever our category.

    Returns
    -------
    dict
        ``metrics`` with ``token_precision``, ``token_recall``, ``token_f1``,
        ``span_precision``, ``span_recall``, ``span_f1``; ``per_label``; counts.
    """
    gold_labels = sorted({lab for r in records for _, _, lab in r.spans})
    mapped = {t for techs in TECHNIQUE_MAP.values() for t in techs}
    unlabelled = len(gold_labels) == 1 and gold_labels[0] not in mapped
    if labels is None:
        labels = gold_labels if unlabelled else [lab for lab in gold_labels if lab in mapped]
    labels = set(labels)
    merged_name = "+".join(sorted(labels)) if merge else None
    texts, pred, gold = [], [], []
    for r in records:
        cues = extractor.find(r.text, r.lang if r.lang in ("ar", "en") else None)
        ps = []
        for c in cues:
            if not c.device:
                continue
            if merge:
                if c.category not in SENTENCE_LEVEL:
                    ps.append((c.start, c.end, merged_name))
                continue
            lab = gold_labels[0] if unlabelled else cue_label(c.category)
            if lab in labels:
                ps.append((c.start, c.end, lab))
        texts.append(r.text)
        pred.append(ps)
        gold.append([(a, b, merged_name or lab) for a, b, lab in r.spans if lab in labels])
    if merge:
        labels = {merged_name}
    tok = token_prf(texts, pred, gold)
    spn = span_prf(pred, gold)
    per_label = {}
    for lab in sorted(labels):
        per_label[lab] = {
            "token": tok["labels"].get(lab, {"precision": 0.0, "recall": 0.0, "f1": 0.0}),
            "span": spn["labels"].get(lab, {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 0, "gold": 0}),
        }
    return {
        "task": "cues",
        "records": len(records),
        "labels": sorted(labels),
        "merged": merge,
        "metrics": {
            "token_precision": tok["overall"]["precision"],
            "token_recall": tok["overall"]["recall"],
            "token_f1": tok["overall"]["f1"],
            "span_precision": spn["overall"]["precision"],
            "span_recall": spn["overall"]["recall"],
            "span_f1": spn["overall"]["f1"],
        },
        "per_label": per_label,
        "predicted_spans": spn["overall"]["predicted"],
        "gold_spans": spn["overall"]["gold"],
        "lexicon_version": extractor.lexicon.version,
    }


# -- stance and persuasion ---------------------------------------------------------

STANCE_LABELS = ("FAVOR", "AGAINST", "NONE")


def _prf(y_true, y_pred, labels):
    out = {}
    for lab in labels:
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p == lab)
        fp = sum(1 for t, p in zip(y_true, y_pred) if t != lab and p == lab)
        fn = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p != lab)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[lab] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(p, r), 4), "support": tp + fn}
    return out


def _stance_headline(y_true, y_pred, targets):
    per = _prf(y_true, y_pred, STANCE_LABELS)
    macro = sum(per[k]["f1"] for k in STANCE_LABELS) / 3
    f_avg = (per["FAVOR"]["f1"] + per["AGAINST"]["f1"]) / 2
    by_target = {}
    for tg in sorted(set(targets)):
        idx = [i for i, t in enumerate(targets) if t == tg]
        pt = _prf([y_true[i] for i in idx], [y_pred[i] for i in idx], ("FAVOR", "AGAINST"))
        by_target[tg] = (pt["FAVOR"]["f1"] + pt["AGAINST"]["f1"]) / 2
    f_avg_t = sum(by_target.values()) / len(by_target) if by_target else 0.0
    acc = sum(1 for t, p in zip(y_true, y_pred) if t == p) / len(y_true) if y_true else 0.0
    return {"macro_f1": macro, "f_avg": f_avg, "f_avg_by_target": f_avg_t, "accuracy": acc}, per, by_target


def bootstrap_intervals(fn, n: int, *, rounds: int = 1000, seed: int = 0) -> dict:
    """95% percentile intervals of the metrics ``fn(indices)`` returns, over resampled indices."""
    import numpy as np

    rng = np.random.default_rng(seed)
    samples = {}
    for _ in range(rounds):
        idx = rng.integers(0, n, n)
        for k, v in fn(idx).items():
            samples.setdefault(k, []).append(v)
    return {k: [round(float(np.percentile(v, 2.5)), 4), round(float(np.percentile(v, 97.5)), 4)] for k, v in samples.items()}


def stance_metrics(y_true, y_pred, targets, mentioned=None, *, rounds: int = 1000, seed: int = 0) -> dict:
    """SemEval-2016 / StanceEval-style stance metrics with 95% bootstrap intervals.

    ``f_avg`` is the mean of the FAVOR and AGAINST F1 pooled over all pairs;
    ``f_avg_by_target`` the same per target, averaged.

    >>> m = stance_metrics(["FAVOR", "AGAINST", "NONE"], ["FAVOR", "NONE", "NONE"], ["t", "t", "t"], rounds=10)
    >>> m["metrics"]["f_avg"], m["metrics"]["accuracy"]
    (0.5, 0.6667)
    """
    y_true, y_pred, targets = list(y_true), list(y_pred), list(targets)
    head, per, by_target = _stance_headline(y_true, y_pred, targets)
    labels = list(STANCE_LABELS)
    confusion = [[sum(1 for t, p in zip(y_true, y_pred) if t == a and p == b) for b in labels] for a in labels]

    def boot(idx):
        h, _, _ = _stance_headline([y_true[i] for i in idx], [y_pred[i] for i in idx], [targets[i] for i in idx])
        return h

    out = {
        "task": "stance",
        "pairs": len(y_true),
        "metrics": {k: round(v, 4) for k, v in head.items()},
        "intervals_95": bootstrap_intervals(boot, len(y_true), rounds=rounds, seed=seed) if y_true else {},
        "per_class": per,
        "confusion_matrix": {"labels": labels, "rows_true_cols_pred": confusion},
        "per_target": {
            tg: {"pairs": sum(1 for t in targets if t == tg), "f_avg": round(v, 4)} for tg, v in by_target.items()
        },
    }
    if mentioned is not None:
        parts = {}
        for flag, name in ((True, "mentioned"), (False, "not_mentioned")):
            idx = [i for i, m in enumerate(mentioned) if m == flag]
            if idx:
                h, _, _ = _stance_headline([y_true[i] for i in idx], [y_pred[i] for i in idx], [targets[i] for i in idx])
                parts[name] = {"pairs": len(idx), **{k: round(v, 4) for k, v in h.items()}}
        out["by_mention"] = parts
    return out


def persuasion_metrics(y_true, y_pred, *, rounds: int = 1000, seed: int = 0) -> dict:
    """Accuracy, micro and macro F1 (with 95% bootstrap intervals) and per-class figures.

    >>> persuasion_metrics(["true", "false", "true"], ["true", "true", "true"], rounds=10)["metrics"]["micro_f1"]
    0.6667
    """
    y_true, y_pred = [str(v).lower() for v in y_true], [str(v).lower() for v in y_pred]
    labels = sorted(set(y_true) | set(y_pred))

    def head(idx):
        yt = [y_true[i] for i in idx]
        yp = [y_pred[i] for i in idx]
        per = _prf(yt, yp, labels)
        acc = sum(1 for a, b in zip(yt, yp) if a == b) / len(yt) if yt else 0.0
        return {"accuracy": acc, "micro_f1": acc, "macro_f1": sum(per[k]["f1"] for k in labels) / len(labels)}

    all_idx = list(range(len(y_true)))
    return {
        "task": "persuasion",
        "items": len(y_true),
        "metrics": {k: round(v, 4) for k, v in head(all_idx).items()},
        "intervals_95": bootstrap_intervals(head, len(y_true), rounds=rounds, seed=seed) if y_true else {},
        "per_class": _prf(y_true, y_pred, labels),
    }
