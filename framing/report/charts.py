"""The report's charts, drawn with matplotlib (Agg) as deterministic SVG and PNG.

Four charts, each built from the article document alone:

* ``stance-map`` — paragraphs × parties, one symbol and colour per stance;
* ``categories`` — framing devices by count and by weight;
* ``top-terms`` — the most loaded terms with their neutral alternatives;
* ``loadedness`` — loadedness paragraph by paragraph.

A chart with nothing to show is left out. matplotlib (3.11 and later) shapes
Arabic and lays it out right to left by itself with its bundled DejaVu Sans;
Arabic charts are mirrored (first paragraph on the right, bars growing
leftwards). SVG output is byte-for-byte repeatable: a fixed ``svg.hashsalt``,
no date, text drawn as paths (so no font is needed to view it).

matplotlib is imported inside the functions that draw, never at import time.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass

from .strings import report_lang, tr

__all__ = [
    "CATEGORY_COLOURS", "CATEGORY_HATCHES", "Chart", "article_loadedness", "build_charts", "inline_svg",
    "ordered_targets", "write_charts",
]

# Okabe & Ito's palette for colour-blind readers, plus a grey.
ORANGE, SKY_BLUE, GREEN, YELLOW, BLUE, VERMILLION, PURPLE, GREY = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
#: One colour per device category; categories sharing a colour differ by hatch (and by label).
CATEGORY_COLOURS = {
    "loaded_language": ORANGE, "name_calling": VERMILLION, "exaggeration": PURPLE, "fear_threat": VERMILLION,
    "doubt_distancing": SKY_BLUE, "certainty": BLUE, "victimhood": GREEN, "values_flag": YELLOW,
    "scare_quote": SKY_BLUE, "rhetorical_question": BLUE, "generalisation": GREEN, "repetition": GREY,
}
#: matplotlib hatches matching the CSS patterns of the highlights ("" = plain).
CATEGORY_HATCHES = {
    "loaded_language": "", "name_calling": "", "exaggeration": "", "fear_threat": "///",
    "doubt_distancing": "", "certainty": "///", "victimhood": "", "values_flag": "",
    "scare_quote": "...", "rhetorical_question": "\\\\\\", "generalisation": "///", "repetition": "\\\\\\",
}
STANCE_COLOURS = {"FAVOR": GREEN, "AGAINST": VERMILLION, "NONE": "#DDDDDD"}
STANCE_SYMBOLS = {"FAVOR": "+", "AGAINST": "\u2212", "NONE": "\u25cb"}
#: Terms shown in the top-terms chart.
TOP_TERMS = 10
#: Longest label (characters) before it is shortened with an ellipsis.
MAX_LABEL = 38
PNG_DPI = 150
RC = {
    "svg.hashsalt": "framing-report",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.color": "#333333",
    "hatch.linewidth": 0.8,
}


@dataclass(frozen=True)
class Chart:
    """One drawn chart: its file stem, title, caption and image data."""

    name: str
    title: str
    caption: str
    svg: str
    png: bytes | None = None


def _short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _new_figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _mirror(ax, rtl: bool) -> None:
    """Right-to-left charts: x grows leftwards, labels on the right."""
    if not rtl:
        return
    ax.invert_xaxis()
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    ax.spines["right"].set_visible(True)
    ax.spines["left"].set_visible(False)


def _stance_map(article: dict, lang: str):
    targets = ordered_targets(article)
    paragraphs = article["paragraphs"]
    if not targets or not paragraphs:
        return None
    import numpy as np
    from matplotlib.colors import ListedColormap

    rtl = lang == "ar"
    codes = {"FAVOR": 1, "AGAINST": 2, "NONE": 3}
    grid = np.zeros((len(targets), len(paragraphs)))
    labels = {}
    for j, p in enumerate(paragraphs):
        for s in p.get("stance", []):
            if s["target"] in targets:
                i = targets.index(s["target"])
                grid[i, j] = codes[s["label"]]
                labels[i, j] = s["label"]
    cmap = ListedColormap(["#FFFFFF", STANCE_COLOURS["FAVOR"], STANCE_COLOURS["AGAINST"], STANCE_COLOURS["NONE"]])
    width = min(11.0, 2.8 + 0.42 * len(paragraphs))
    height = 1.5 + 0.38 * len(targets)
    fig = _new_figure(width, height)
    ax = fig.add_subplot()
    ax.imshow(grid, cmap=cmap, vmin=0, vmax=3, aspect="auto", interpolation="nearest")
    for (i, j), label in labels.items():
        colour = "white" if label in ("FAVOR", "AGAINST") else "#333333"
        ax.text(j, i, STANCE_SYMBOLS[label], ha="center", va="center", color=colour, fontsize=11, fontweight="bold")
    ax.set_xticks(range(len(paragraphs)), [str(j + 1) for j in range(len(paragraphs))])
    ax.set_yticks(range(len(targets)), [_short(t, 24) for t in targets])
    ax.set_xticks([x - 0.5 for x in range(1, len(paragraphs))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(targets))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(tr("ax_paragraph", lang))
    _mirror(ax, rtl)
    ax.spines["right"].set_visible(False)
    fig.suptitle(tr("chart_stance_map", lang), fontsize=11)
    return fig


def ordered_targets(article: dict) -> list[str]:
    """The parties scored in the article, in the report's order: requested, detected, then any other."""
    t = article.get("targets") or {}
    scored = [s["target"] for p in article["paragraphs"] for s in p.get("stance", [])]
    order = list(t.get("requested", [])) + list(t.get("detected", [])) + scored
    return [x for x in dict.fromkeys(order) if x in set(scored)]


def _category_weights(article: dict) -> dict[str, tuple[int, int]]:
    """(count, weight) of device cues per category, repeated ones not counted twice."""
    out: dict[str, list[int]] = {}
    for p in article["paragraphs"]:
        for c in p.get("cues", []):
            if c["device"] and not c["repeated"]:
                d = out.setdefault(c["category"], [0, 0])
                d[0] += 1
                d[1] += c["weight"]
    return {k: (v[0], v[1]) for k, v in out.items()}


def _categories(article: dict, lang: str):
    data = _category_weights(article)
    if not data:
        return None
    rtl = lang == "ar"
    cats = sorted(data, key=lambda c: (-data[c][1], -data[c][0], c))
    fig = _new_figure(7.0, 1.4 + 0.42 * len(cats))
    ax = fig.add_subplot()
    ys = list(range(len(cats)))
    h = 0.38
    for y, cat in zip(ys, cats):
        count, weight = data[cat]
        colour = CATEGORY_COLOURS.get(cat, GREY)
        ax.barh(y - h / 2, count, height=h, color=colour, edgecolor="#333333", linewidth=0.6,
                hatch=CATEGORY_HATCHES.get(cat) or None)
        ax.barh(y + h / 2, weight, height=h, color="white", edgecolor=colour, linewidth=1.6)
        ax.text(count, y - h / 2, f" {count} ", va="center", ha="left" if not rtl else "right", fontsize=8)
        ax.text(weight, y + h / 2, f" {weight} ", va="center", ha="left" if not rtl else "right", fontsize=8,
                color="#333333")
    ax.set_yticks(ys, [tr(f"cat_{c}", lang) for c in cats])
    ax.invert_yaxis()
    ax.set_xlabel(f"{tr('ax_count', lang)} / {tr('ax_weight', lang)}")
    ax.set_xlim(0, max(v[1] for v in data.values()) * 1.15 + 0.5)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(facecolor="#BBBBBB", edgecolor="#333333", label=tr("ax_count", lang)),
                       Patch(facecolor="white", edgecolor="#333333", linewidth=1.6, label=tr("ax_weight", lang))],
              loc="lower left" if rtl else "lower right", frameon=False, fontsize=8, markerfirst=not rtl)
    _mirror(ax, rtl)
    fig.suptitle(tr("chart_categories", lang), fontsize=11)
    return fig


def _top_terms(article: dict, lang: str):
    terms = (article.get("summary") or {}).get("top_loaded_terms", [])[:TOP_TERMS]
    if not terms:
        return None
    rtl = lang == "ar"
    arrow = tr("arrow", lang)
    labels = []
    for t in terms:
        alt = t.get("neutral")
        labels.append(_short(t["text"], 24) + (arrow + _short(alt, 18) if alt else " " + tr("ax_no_neutral", lang)))
    fig = _new_figure(7.0, 1.3 + 0.36 * len(terms))
    ax = fig.add_subplot()
    ys = list(range(len(terms)))
    for y, t in zip(ys, terms):
        colour = CATEGORY_COLOURS.get(t["category"], GREY)
        ax.barh(y, t["weight"], height=0.6, color=colour, edgecolor="#333333", linewidth=0.6,
                hatch=CATEGORY_HATCHES.get(t["category"]) or None)
        ax.text(t["weight"], y, f" \u00d7{t['count']} ", va="center", ha="right" if rtl else "left", fontsize=8)
    ax.set_yticks(ys, labels)
    ax.invert_yaxis()
    ax.set_xlabel(tr("ax_weight", lang))
    ax.set_xlim(0, max(t["weight"] for t in terms) * 1.2 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _mirror(ax, rtl)
    fig.suptitle(tr("chart_terms", lang), fontsize=11)
    return fig


def article_loadedness(article: dict) -> tuple[float, float | None]:
    """Loadedness of the whole article (device weight per 100 words) and its percentile, if known.

    The paragraphs' weighted device words added up over all their words, so
    that a long calm paragraph weighs more than a short loaded one. The
    percentile places it among paragraphs of real news of its language.
    """
    from ..scores import MIN_TOKENS, percentile

    weighted = tokens = 0.0
    for p in article["paragraphs"]:
        s = p.get("scores")
        if s:
            weighted += s["loadedness"] * max(s["tokens"], MIN_TOKENS) / 100.0
            tokens += s["tokens"]
    value = round(100.0 * weighted / max(tokens, MIN_TOKENS), 1)
    lang = article.get("lang")
    return value, (percentile(value, lang) if lang in ("ar", "en") else None)


def _loadedness(article: dict, lang: str):
    paragraphs = [p for p in article["paragraphs"] if p.get("scores")]
    if not paragraphs:
        return None
    rtl = lang == "ar"
    xs = [p["index"] + 1 for p in paragraphs]
    ys = [p["scores"]["loadedness"] for p in paragraphs]
    fig = _new_figure(min(11.0, 3.0 + 0.4 * len(xs)), 3.0)
    ax = fig.add_subplot()
    ax.bar(xs, ys, color=BLUE, edgecolor="#333333", linewidth=0.6, width=0.7)
    whole, _ = article_loadedness(article)
    ax.axhline(whole, color="#333333", linestyle="--", linewidth=1)
    ax.text(0.01 if not rtl else 0.99, whole, f" {tr('ax_average', lang)} {whole:.1f} ",
            transform=ax.get_yaxis_transform(), ha="left" if not rtl else "right", va="bottom", fontsize=8)
    ax.set_xticks(xs, [str(x) for x in xs])
    ax.set_xlabel(tr("ax_paragraph", lang))
    ax.set_ylim(0, max(max(ys), 1.0) * 1.15)
    _mirror(ax, rtl)
    fig.suptitle(tr("chart_loadedness", lang), fontsize=11)
    return fig


_BUILDERS = (
    ("stance-map", "chart_stance_map", _stance_map),
    ("categories", "chart_categories", _categories),
    ("top-terms", "chart_terms", _top_terms),
    ("loadedness", "chart_loadedness", _loadedness),
)


def build_charts(article: dict, lang: str | None = None, *, png: bool = False) -> list[Chart]:
    """Draw the charts of an analysed article (those with something to show).

    Parameters
    ----------
    article : dict
        An article document (``framing score --format json``) with a summary.
    lang : {"ar", "en"}, optional
        Language of titles and labels (default: the article's).
    png : bool
        Also render PNG images (for ``--charts DIR``).
    """
    import matplotlib

    lang = lang or report_lang(article)
    out = []
    with matplotlib.rc_context(RC):
        for name, key, build in _BUILDERS:
            fig = build(article, lang)
            if fig is None:
                continue
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None})
            data = None
            if png:
                raw = io.BytesIO()
                fig.savefig(raw, format="png", dpi=PNG_DPI, metadata={"Software": None})
                data = raw.getvalue()
            out.append(Chart(name, tr(key, lang), tr(key + "_cap", lang), buf.getvalue(), data))
    return out


def write_charts(charts: list[Chart], directory: str | os.PathLike) -> list[str]:
    """Write every chart as ``NAME.svg`` and ``NAME.png`` into ``directory``; return the paths."""
    from ..fileio import atomic_write

    paths = []
    for chart in charts:
        if chart.png is None:
            raise ValueError(f"chart {chart.name!r} was drawn without png=True")
        for ext, data, mode in (("svg", chart.svg, "w"), ("png", chart.png, "wb")):
            path = os.path.join(os.fspath(directory), f"{chart.name}.{ext}")
            with atomic_write(path, mode) as fh:
                fh.write(data)
            paths.append(path)
    return paths


_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(href="#|url\(#)([^")]+)')


def inline_svg(svg: str, prefix: str, label: str) -> str:
    """An SVG document made fit to sit inside an HTML page.

    Drops the XML prologue, comments and metadata; prefixes every id (and
    reference to it) with ``prefix`` so several charts can share a page;
    moves matplotlib's global ``*{...}`` style rule onto the root element so
    it cannot leak into the page; labels the image for screen readers.
    """
    s = svg[svg.index("<svg"):]
    s = re.sub(r"<!--.*?-->", "", s, flags=re.S)
    s = re.sub(r"<metadata>.*?</metadata>", "", s, flags=re.S)
    style = re.search(r'<style type="text/css">\*\{([^}]*)\}</style>', s)
    s = re.sub(r'<style type="text/css">.*?</style>', "", s, flags=re.S)
    s = re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", s)
    s = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', s)
    s = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", s)
    from html import escape

    root = f'<svg role="img" aria-label="{escape(label)}"'
    if style:
        root += f' style="{style.group(1).strip()}"'
    s = root + s[len("<svg"):]
    s = re.sub(r"\n\s*", "\n", s)
    return s.strip()
