"""Figures of the experiments: small result dicts in, PNG and SVG files out.

Each public function takes plain dicts (the shapes are in its docstring; the
experiment scripts build them from ``reports/results.json``), draws one
page-sized figure (at most A4 wide) and writes ``<stem>.png`` and
``<stem>.svg`` into ``out_dir`` (default ``reports/figures``), returning the
two paths. Output is deterministic: a fixed ``svg.hashsalt``, text drawn as
paths, no dates or software versions in the metadata.

Colours are Okabe & Ito's colour-blind-safe palette. Arabic text (feature
names, targets) is drawn by matplotlib itself (3.11 shapes Arabic and lays it
out right to left with its bundled DejaVu Sans); charts of Arabic features are
mirrored so that bars grow leftwards from labels on the right.

matplotlib is imported inside the functions, never at import time.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

__all__ = [
    "OKABE_ITO", "TARGET_NOTE", "ablation_bars", "confusion_matrices", "cue_category_bars", "feature_label",
    "learning_curves", "per_class_bars", "per_target_bars", "pr_curves", "reliability_diagrams", "top_features",
]

FIGURES = Path(__file__).resolve().parents[1] / "reports" / "figures"

#: Okabe & Ito (2008), colour-blind safe.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
}
GREY = "#999999"
CYCLE = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "yellow", "black")]
METRIC_COLOURS = {"precision": OKABE_ITO["sky_blue"], "recall": OKABE_ITO["orange"], "f1": OKABE_ITO["blue"]}
CLASS_COLOURS = {"FAVOR": OKABE_ITO["green"], "AGAINST": OKABE_ITO["vermillion"], "NONE": OKABE_ITO["blue"],
                 "true": OKABE_ITO["vermillion"], "false": OKABE_ITO["blue"]}
LINESTYLES = ["--", ":", "-.", (0, (5, 1, 1, 1))]
METRIC_NAMES = {"f_avg": "F_avg", "macro_f1": "macro-F1", "micro_f1": "micro-F1", "accuracy": "accuracy",
                "f_avg_by_target": "F_avg (per target)", "macro_f1_present": "macro-F1 (gold classes)"}

PAGE_WIDTH = 8.27   # A4 portrait, inches
PAGE_HEIGHT = 11.0  # leaves a margin on A4
PNG_DPI = 150
RC = {
    "svg.hashsalt": "framing-experiments",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "figure.titlesize": 12,
    "legend.fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": None,  # set below (needs matplotlib)
}


def _rc() -> dict:
    from cycler import cycler

    rc = dict(RC)
    rc["axes.prop_cycle"] = cycler(color=CYCLE)
    return rc


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(min(width, PAGE_WIDTH), min(height, PAGE_HEIGHT)), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _save(fig, stem: str, out_dir) -> list[str]:
    """Write ``stem.png`` and ``stem.svg`` (atomically) and return their paths."""
    out_dir = Path(out_dir if out_dir is not None else FIGURES)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext, meta in (("png", {"Software": None}), ("svg", {"Date": None})):
        path = out_dir / f"{stem}.{ext}"
        tmp = out_dir / f".{stem}.{ext}.part"
        fig.savefig(tmp, format=ext, dpi=PNG_DPI, metadata=meta)
        os.replace(tmp, path)
        paths.append(str(path))
    return paths


def _grid(fig, n: int, ncols: int):
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    axes = fig.subplots(nrows, ncols, squeeze=False)
    flat = [ax for row in axes for ax in row]
    for ax in flat[n:]:
        ax.set_visible(False)
    return flat[:n]


def _short(text: str, limit: int = 34) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _wrap(text: str, width: int = 34) -> str:
    """A panel title folded onto lines of at most ``width`` characters (never cut)."""
    import textwrap

    return "\n".join(textwrap.wrap(" ".join(str(text).split()), width)) or str(text)


def _suptitle(fig, title: str, note: str | None = None) -> None:
    """The figure title, folded to the figure's width (about 7 points per character at 12 points)."""
    width = int(fig.get_figwidth() * 72 / 7.2)
    fig.suptitle(_wrap(title, width) + (f"\n{_wrap(note, width)}" if note else ""))


def _metric_name(k: str) -> str:
    return METRIC_NAMES.get(k, k)


def _draw(builder, stem, out_dir):
    import matplotlib

    with matplotlib.rc_context(_rc()):
        fig = builder()
        return _save(fig, stem, out_dir)


# -- confusion matrices --------------------------------------------------------------------

def confusion_matrices(panels: dict, stem: str, *, title: str, out_dir=None, ncols: int = 3) -> list[str]:
    """Row-normalized confusion matrices with counts, one panel per dataset.

    Parameters
    ----------
    panels : dict
        ``{panel title: {"labels": [...], "matrix": [[count, ...], ...]}}``, rows = gold, columns = predicted.
    """

    def build():
        import numpy as np

        n = len(panels)
        cols = min(ncols, n)
        rows = math.ceil(n / cols)
        fig = _figure(PAGE_WIDTH if cols > 1 else 4.2, 0.9 + 2.9 * rows)
        axes = _grid(fig, n, cols)
        im = None
        for ax, (name, d) in zip(axes, panels.items()):
            labels = list(d["labels"])
            m = np.asarray(d["matrix"], dtype=float)
            sums = m.sum(axis=1, keepdims=True)
            norm = np.divide(m, sums, out=np.zeros_like(m), where=sums > 0)
            im = ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
            for i in range(len(labels)):
                for j in range(len(labels)):
                    cell = f"{norm[i, j]:.2f}\n({int(m[i, j])})" if sums[i, 0] > 0 else "\u2013"
                    ax.text(j, i, cell, ha="center", va="center", fontsize=8,
                            color="white" if norm[i, j] > 0.6 else "#222222")
            ax.set_xticks(range(len(labels)), labels, fontsize=8)
            ax.set_yticks(range(len(labels)), labels, fontsize=8)
            ax.set_xlabel("predicted")
            ax.set_ylabel("gold")
            ax.set_title(_wrap(name, 30))
            for s in ax.spines.values():
                s.set_visible(False)
        if im is not None:
            fig.colorbar(im, ax=axes, shrink=0.6, label="share of the gold row (\u2013: no gold items)")
        _suptitle(fig, title)
        return fig

    return _draw(build, stem, out_dir)


# -- per-class bars with reference points -----------------------------------------------------

def per_class_bars(panels: dict, stem: str, *, title: str, out_dir=None, ncols: int | None = None) -> list[str]:
    """Precision, recall and F1 per class, with our headline metric and published reference points.

    Parameters
    ----------
    panels : dict
        ``{panel title: {"per_class": {cls: {"precision", "recall", "f1", "support"}},
        "headline": {"metric", "value", "interval"}, "references": [{"metric", "value", "system"}]}}``.
        The headline is drawn as a solid black line with its 95% interval shaded; each
        reference as a coloured dashed or dotted line (published figures, official test sets).
    ncols : int, optional
        Panels per row (default: 2 up to six panels, else 3).
    """

    def build():
        from matplotlib.patches import Patch

        n = len(panels)
        cols = min(ncols or (2 if n <= 6 else 3), n)
        rows = math.ceil(n / cols)
        fig = _figure(PAGE_WIDTH, 1.2 + 3.0 * rows)
        axes = _grid(fig, n, cols)
        for ax, (name, d) in zip(axes, panels.items()):
            per = d["per_class"]
            classes = list(per)
            w = 0.26
            for k, metric in enumerate(("precision", "recall", "f1")):
                xs = [i + (k - 1) * w for i in range(len(classes))]
                ax.bar(xs, [per[c][metric] for c in classes], width=w, color=METRIC_COLOURS[metric],
                       edgecolor="#333333", linewidth=0.5)
            ax.set_xticks(range(len(classes)), [f"{c}\n(n={per[c].get('support', '?')})" for c in classes],
                          fontsize=8)
            ax.set_ylim(0, 1.0)
            ax.set_ylabel("score")
            ax.set_title(_wrap(name, 44 if cols == 2 else 30))
            h = d.get("headline")
            if h and h.get("value") is not None:
                ci = h.get("interval")
                label = f"ours: {_metric_name(h['metric'])} {h['value']:.2f}" + (
                    f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "")
                ax.axhline(h["value"], color="#222222", linewidth=1.4, label=label, zorder=4)
                if ci:
                    ax.axhspan(ci[0], ci[1], color="#222222", alpha=0.12, linewidth=0, zorder=0)
            for j, ref in enumerate(d.get("references", [])):
                ax.axhline(ref["value"], color=CYCLE[(j + 3) % len(CYCLE)], linestyle=LINESTYLES[j % len(LINESTYLES)],
                           linewidth=1.5, zorder=4, label=f"{ref['system']}: {ref['value']:.2f}")
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=1, frameon=False, fontsize=7,
                      handlelength=2.5)
        fig.legend(handles=[Patch(facecolor=METRIC_COLOURS[m], edgecolor="#333333", label=lab)
                            for m, lab in (("precision", "precision"), ("recall", "recall"), ("f1", "F1"))]
                   + [Patch(facecolor="#222222", alpha=0.12, label="ours: 95% interval")],
                   loc="outside lower center", ncol=4, frameon=False)
        _suptitle(fig, title)
        return fig

    return _draw(build, stem, out_dir)


def per_target_bars(panels: dict, stem: str, *, title: str, out_dir=None, metric: str = "f_avg") -> list[str]:
    """One horizontal bar per target (Arabic names drawn right to left), one panel per dataset.

    Parameters
    ----------
    panels : dict
        ``{panel title: {target: {"f_avg": value, "pairs": n}}}``.
    """

    def build():
        n = len(panels)
        heights = [max(2, len(v)) for v in panels.values()]
        fig = _figure(PAGE_WIDTH * 0.8, 0.8 + sum(0.32 * h + 0.9 for h in heights))
        axes = fig.subplots(n, 1, squeeze=False, height_ratios=[h + 2 for h in heights])[:, 0]
        for ax, (name, d) in zip(axes, panels.items()):
            targets = sorted(d, key=lambda t: -d[t]["pairs"])
            ys = list(range(len(targets)))
            ax.barh(ys, [d[t][metric] for t in targets], color=OKABE_ITO["blue"], edgecolor="#333333", linewidth=0.5)
            for y, t in zip(ys, targets):
                ax.text(d[t][metric] + 0.01, y, f"{d[t][metric]:.2f}", va="center", fontsize=7)
            ax.set_yticks(ys, [f"{_short(t, 28)} (n={d[t]['pairs']})" for t in targets])
            ax.invert_yaxis()
            ax.set_xlim(0, 1.08)
            ax.set_xlabel(_metric_name(metric))
            ax.set_title(_wrap(name, 70))
        _suptitle(fig, title)
        return fig

    return _draw(build, stem, out_dir)


# -- curves ----------------------------------------------------------------------------------

def pr_curves(panels: dict, stem: str, *, title: str, out_dir=None, ncols: int = 3) -> list[str]:
    """Precision–recall curves, one panel per dataset and one curve per class.

    Parameters
    ----------
    panels : dict
        ``{panel title: {curve name: {"precision": [...], "recall": [...], "ap": float, "prevalence": float}}}``
        (as ``sklearn.metrics.precision_recall_curve`` returns them, recall decreasing). A dotted line at
        each curve's prevalence marks a classifier without skill.
    """

    def build():
        n = len(panels)
        cols = min(ncols, n)
        rows = math.ceil(n / cols)
        fig = _figure(PAGE_WIDTH if cols > 1 else 4.2, 1.0 + 3.4 * rows)
        axes = _grid(fig, n, cols)
        for ax, (name, curves) in zip(axes, panels.items()):
            for j, (cname, c) in enumerate(curves.items()):
                if not c.get("recall"):
                    continue
                colour = CLASS_COLOURS.get(cname, CYCLE[j % len(CYCLE)])
                ax.plot(c["recall"], c["precision"], color=colour, linewidth=1.5, drawstyle="steps-post",
                        linestyle=["-", "--", "-."][j % 3], label=f"{cname} (AP {c['ap']:.2f})")
                ax.axhline(c["prevalence"], color=colour, linestyle=":", linewidth=1)
            ax.set_xlim(0, 1)
            ax.set_ylim(0, 1.02)
            ax.set_xlabel("recall")
            ax.set_ylabel("precision")
            ax.set_title(_wrap(name, 30 if cols > 2 else 44))
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1, frameon=False, fontsize=7)
        _suptitle(fig, title)
        return fig

    return _draw(build, stem, out_dir)


def reliability_diagrams(panels: dict, stem: str, *, title: str, out_dir=None, ncols: int = 3) -> list[str]:
    """Reliability diagrams: accuracy against confidence of the predicted label, per bin.

    Parameters
    ----------
    panels : dict
        ``{panel title: {curve name: {"confidence": [...], "accuracy": [...], "count": [...], "ece": float}}}``
        (bins without items hold None). Marker area follows the bin's share of items.
    """

    def build():
        n = len(panels)
        cols = min(ncols, n)
        rows = math.ceil(n / cols)
        fig = _figure(PAGE_WIDTH if cols > 1 else 4.6, 1.0 + 3.3 * rows)
        axes = _grid(fig, n, cols)
        for ax, (name, curves) in zip(axes, panels.items()):
            ax.plot([0, 1], [0, 1], color=GREY, linestyle="--", linewidth=1, label="perfect calibration")
            for j, (cname, c) in enumerate(curves.items()):
                pts = [(x, y, k) for x, y, k in zip(c["confidence"], c["accuracy"], c["count"]) if x is not None]
                if not pts:
                    continue
                total = sum(k for _, _, k in pts)
                colour = CYCLE[j % len(CYCLE)]
                ax.plot([p[0] for p in pts], [p[1] for p in pts], color=colour, linewidth=1.2,
                        label=f"{_short(cname, 30)} (ECE {c['ece']:.3f}, n={total})")
                ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=[6 + 120 * k / total for _, _, k in pts],
                           color=colour, edgecolor="white", linewidth=0.5, zorder=3, clip_on=False)
            ax.set_xlim(0, 1)
            ax.set_ylim(0, 1)
            ax.set_aspect("equal")
            ax.set_xlabel("confidence of the predicted label")
            ax.set_ylabel("share correct")
            ax.set_title(_wrap(name, 30 if cols > 2 else 44))
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1, frameon=False, fontsize=7)
        _suptitle(fig, title)
        return fig

    return _draw(build, stem, out_dir)


def learning_curves(panels: dict, stem: str, *, title: str, out_dir=None, ncols: int = 2) -> list[str]:
    """Score against training size (mean ± std over seeds), one curve per dataset.

    Parameters
    ----------
    panels : dict
        ``{panel title: {"metric": name, "curves": {dataset: {"sizes": [...], "mean": [...], "std": [...]}}}}``.
    """

    def build():
        n = len(panels)
        cols = min(ncols, n)
        rows = math.ceil(n / cols)
        fig = _figure(PAGE_WIDTH if cols > 1 else 4.6, 1.0 + 3.4 * rows)
        axes = _grid(fig, n, cols)
        for ax, (name, d) in zip(axes, panels.items()):
            for j, (cname, c) in enumerate(d["curves"].items()):
                colour = CYCLE[j % len(CYCLE)]
                mean, std = c["mean"], c["std"]
                ax.plot(c["sizes"], mean, marker="o", markersize=4, color=colour, linewidth=1.5,
                        linestyle=["-", "--", "-.", ":"][j % 4], label=_short(cname, 26))
                ax.fill_between(c["sizes"], [m - s for m, s in zip(mean, std)], [m + s for m, s in zip(mean, std)],
                                color=colour, alpha=0.18, linewidth=0)
            ax.set_xscale("log")
            ax.set_ylim(0, 1)
            ax.set_xlabel("training items (log scale)")
            ax.set_ylabel(_metric_name(d["metric"]) + " on dev")
            ax.set_title(_wrap(name, 44))
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False, fontsize=7)
        _suptitle(fig, title)
        return fig

    return _draw(build, stem, out_dir)


def ablation_bars(panels: dict, stem: str, *, title: str, out_dir=None) -> list[str]:
    """Grouped bars: one group per dataset, one bar per feature set, 95% intervals as error bars.

    Parameters
    ----------
    panels : dict
        ``{panel title: {"metric": name, "variants": [names], "datasets": {dataset: {variant:
        {"value": v, "interval": [lo, hi]}}}}}``.
    """

    def build():
        n = len(panels)
        fig = _figure(PAGE_WIDTH, 0.8 + 3.4 * n)
        axes = fig.subplots(n, 1, squeeze=False)[:, 0]
        for ax, (name, d) in zip(axes, panels.items()):
            variants = d["variants"]
            datasets = list(d["datasets"])
            w = 0.8 / max(1, len(variants))
            hatches = ["", "//", "..", "\\\\", "xx"]
            for k, v in enumerate(variants):
                xs, vals, lo, hi = [], [], [], []
                for i, ds in enumerate(datasets):
                    cell = d["datasets"][ds].get(v)
                    if not cell or cell.get("value") is None:
                        continue
                    xs.append(i + (k - (len(variants) - 1) / 2) * w)
                    vals.append(cell["value"])
                    iv = cell.get("interval") or [cell["value"], cell["value"]]
                    lo.append(max(0.0, cell["value"] - iv[0]))
                    hi.append(max(0.0, iv[1] - cell["value"]))
                ax.bar(xs, vals, width=w, color=CYCLE[k % len(CYCLE)], edgecolor="#333333", linewidth=0.5,
                       hatch=hatches[k % len(hatches)], label=v)
                ax.errorbar(xs, vals, yerr=[lo, hi], fmt="none", ecolor="#222222", elinewidth=0.9, capsize=2)
            ax.set_xticks(range(len(datasets)), [_short(ds, 22) for ds in datasets])
            ax.set_ylim(0, 1)
            ax.set_ylabel(_metric_name(d["metric"]) + " (95% interval)")
            ax.set_title(_wrap(name, 90))
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(variants), frameon=False, fontsize=7)
        _suptitle(fig, title)
        return fig

    return _draw(build, stem, out_dir)


# -- features -----------------------------------------------------------------------------

FEATURE_KINDS = {
    "word": ("word n-gram", OKABE_ITO["blue"]),
    "stem": ("stem (clitics removed)", OKABE_ITO["sky_blue"]),
    "char": ("character n-gram", OKABE_ITO["yellow"]),
    "cross": ("word × this target", OKABE_ITO["purple"]),
    "context": ("word next to the target", OKABE_ITO["green"]),
    "cue": ("framing cue", OKABE_ITO["vermillion"]),
    "other": ("other", GREY),
}
#: The target and another target in feature labels: neutral symbols, so that the
#: direction of a label is that of its words (an Arabic label stays right to left).
_T = "\u25c6"   # ◆
_O = "\u25c7"   # ◇


def _unmask(s: str) -> str:
    """Placeholders to symbols: the target ◆, another target ◇, a number # (the features write numbers as 0)."""
    return " ".join({"xtargetx": _T, "xotherx": _O, "0": "#"}.get(tok, tok) for tok in s.split(" "))


def feature_label(name: str) -> tuple[str, str]:
    """(readable label, kind) of a model feature name; the target shows as ◆, another target as ◇.

    Character n-grams are quoted with ``_`` at a word boundary.

    >>> feature_label("f:B1:جرائم")
    ('جرائم ◆', 'context')
    >>> feature_label("c: ستي")
    ('"_ستي"', 'char')
    >>> feature_label("f:cue:loaded_language:outlet")
    ('cue: loaded language (outlet)', 'cue')
    """
    if name.startswith("w:"):
        return _unmask(name[2:]), "word"
    if name.startswith("s:"):
        return _unmask(name[2:]), "stem"
    if name.startswith("c:"):
        return '"' + name[2:].replace(" ", "_") + '"', "char"
    if name.startswith("x:"):
        target, _, rest = name[2:].partition("|")
        return f"{_unmask(rest)} [{target.replace('_', ' ')}]", "cross"
    if not name.startswith("f:"):
        return name, "other"
    parts = name[2:].split(":")
    head = parts[0]
    word = _unmask(":".join(parts[1:]))
    if head == "B1":
        return f"{word} {_T}", "context"
    if head == "A1":
        return f"{_T} {word}", "context"
    if head == "L":
        return f"{word} \u2026 {_T}", "context"
    if head == "R":
        return f"{_T} \u2026 {word}", "context"
    if head in ("cue", "tsent", "twin"):
        where = {"cue": "cue", "tsent": "cue in the target's sentence", "twin": "cue near the target"}[head]
        cat = parts[1].replace("_", " ") if len(parts) > 1 else ""
        voice = f" ({parts[2]})" if len(parts) > 2 else ""
        return f"{where}: {cat}{voice}", "cue"
    if head == "target":
        return f"target is {word.replace('_', ' ')}", "cross"
    simple = {"t_is_speaker": "the target speaks", "t_in_reported_speech": "target in reported speech",
              "mentions": "number of target mentions", "mentioned": "target mentioned",
              "no_mention": "target not mentioned", "other_mentioned": "another target mentioned",
              "neg_near": "negation near the target"}
    return simple.get(head, head.replace("_", " ")), "context" if head in simple else "other"


TARGET_NOTE = f"{_T} the target, {_O} another target, \u2026 within six words, # a number"


def top_features(panels: dict, stem: str, *, title: str, out_dir=None, rtl: bool = False, k: int = 12,
                 note: str | None = None, titles: dict | None = None) -> list[str]:
    """The most heavily weighted features of a model, one panel per class.

    Parameters
    ----------
    panels : dict
        ``{class: [(feature name, weight), ...]}`` (raw model feature names, e.g. ``f:B1:جرائم``).
    rtl : bool
        Arabic model: bars grow leftwards from labels on the right.
    note : str, optional
        A second title line (e.g. :data:`TARGET_NOTE` for stance models).
    titles : dict, optional
        Panel titles per class (default: the class name).
    """

    def build():
        from matplotlib.patches import Patch

        n = len(panels)
        counts = [max(3, min(k, len(v))) for v in panels.values()]
        fig = _figure(PAGE_WIDTH, 1.3 + sum(0.26 * c + 0.9 for c in counts))
        axes = fig.subplots(n, 1, squeeze=False, height_ratios=[c + 3 for c in counts])[:, 0]
        used = []
        for ax, (cls, feats) in zip(axes, panels.items()):
            feats = list(feats)[:k]
            labels, colours, weights = [], [], []
            for fname, wgt in feats:
                label, kind = feature_label(fname)
                labels.append(_short(label, 48))
                colours.append(FEATURE_KINDS[kind][1])
                weights.append(wgt)
                if kind not in used:
                    used.append(kind)
            ys = list(range(len(feats)))
            ax.barh(ys, weights, color=colours, edgecolor="#333333", linewidth=0.5)
            ax.set_yticks(ys, labels)
            ax.invert_yaxis()
            ax.set_xlim(0, max(weights + [0.1]) * 1.1)
            ax.set_xlabel(f"weight for {cls} (against the other classes)")
            ax.set_title((titles or {}).get(cls, str(cls)))
            if rtl:
                ax.invert_xaxis()
                ax.yaxis.tick_right()
                ax.spines["right"].set_visible(True)
                ax.spines["left"].set_visible(False)
        order = [kd for kd in FEATURE_KINDS if kd in used]
        fig.legend(handles=[Patch(facecolor=FEATURE_KINDS[kd][1], edgecolor="#333333", label=FEATURE_KINDS[kd][0])
                            for kd in order], loc="outside lower center", ncol=min(4, len(order)), frameon=False)
        _suptitle(fig, title, note)
        return fig

    return _draw(build, stem, out_dir)


# -- cues ----------------------------------------------------------------------------------

def cue_category_bars(panels: dict, stem: str, *, title: str, out_dir=None) -> list[str]:
    """Token precision and recall of each cue category against human spans, one panel per corpus.

    Parameters
    ----------
    panels : dict
        ``{panel title: {category: {"precision": p, "recall": r, "predicted": n}}}``; recall is the share
        of gold tokens that cues of the category cover.
    """

    def build():
        n = len(panels)
        heights = [max(2, len(v)) for v in panels.values()]
        fig = _figure(PAGE_WIDTH, 1.0 + sum(0.34 * h + 1.1 for h in heights))
        axes = fig.subplots(n, 1, squeeze=False, height_ratios=[h + 2.5 for h in heights])[:, 0]
        for ax, (name, d) in zip(axes, panels.items()):
            cats = sorted(d, key=lambda c: (-d[c]["predicted"], c))
            ys = list(range(len(cats)))
            h = 0.38
            ax.barh([y - h / 2 for y in ys], [d[c]["precision"] for c in cats], height=h,
                    color=METRIC_COLOURS["precision"], edgecolor="#333333", linewidth=0.5, label="precision")
            ax.barh([y + h / 2 for y in ys], [d[c]["recall"] for c in cats], height=h,
                    color=METRIC_COLOURS["recall"], edgecolor="#333333", linewidth=0.5, hatch="//", label="recall")
            ax.set_yticks(ys, [f"{c.replace('_', ' ')} (n={d[c]['predicted']})" for c in cats])
            ax.invert_yaxis()
            ax.set_xlim(0, 1)
            ax.set_xlabel("token precision / recall")
            ax.set_title(_wrap(name, 90))
            ax.legend(loc="lower right", frameon=False)
        _suptitle(fig, title)
        return fig

    return _draw(build, stem, out_dir)
