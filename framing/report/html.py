"""The media-literacy report as one self-contained HTML page.

:func:`render_report` turns an analysed article (the dictionary of
``framing score --format json``) into a page that needs nothing but a
browser: inline CSS, charts as inline SVG, no scripts, nothing fetched,
laid out right to left for Arabic, printable with footnote-style notes.

Every framing device of the article is highlighted as ``<mark data-cue="N">``
where N is the cue's index in the flat list of all cues (paragraphs first,
then related blocks; signals count but are never marked). Spans that cross
are split by :func:`split_spans` into fragments that repeat the same N.
"""

from __future__ import annotations

import html as _html
import re

from .. import __version__
from ..lexicon import DEVICE_CATEGORIES
from .charts import (
    CATEGORY_COLOURS, CATEGORY_HATCHES, STANCE_SYMBOLS, article_loadedness, build_charts, inline_svg, ordered_targets,
)
from .strings import STRINGS, report_lang, tr

__all__ = [
    "Html",
    "device_cue_indices",
    "flat_cues",
    "loadedness_band",
    "questions",
    "render_report",
    "split_spans",
]

#: Stance reasons shown under each badge.
REASONS_SHOWN = 3
#: A paragraph counts as "likely written to persuade" from this probability.
PERSUASIVE = 0.5
#: Bands of the loadedness percentile among real news paragraphs: (upper bound, band).
PERCENTILE_BANDS = ((25.0, "low"), (75.0, "typical"), (90.0, "high"))
#: Without a reference from real news: provisional bands of framing's own scale (weighted device
#: words per 100 words), until experiments/loadedness_reference.py ships a percentile table.
ABSOLUTE_BANDS = ((2.0, "low"), (5.0, "typical"), (10.0, "high"))
#: Most questions listed; at most this many per device category.
MAX_QUESTIONS = 10
QUESTIONS_PER_CATEGORY = {"loaded_language": 2, "name_calling": 2}
#: "Does the article let X answer?" for at most this many parties (the most criticised).
MAX_UNANSWERED = 3
#: Longest cue text quoted in a note or question (characters).
MAX_QUOTE = 90
#: Share of devices in the outlet's own words above which the report asks "news or opinion?".
OUTLET_SHARE_QUESTION = 0.6
#: Quotation marks: a cue that starts with one (a scare quote) is not quoted again in its note.
_QUOTE_MARKS = "\"'\u00ab\u00bb\u201c\u201d\u2018\u2019\u201e"


class Html(str):
    """Text that is already HTML (inserted as is)."""


_LATIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.,:/&'\u2019+\-]|[ \t](?=[A-Za-z0-9]))*")
_TRAILING = ".,:/&'\u2019+-"


def esc(text: str, lang: str) -> Html:
    """Escape ``text``; inside Arabic, isolate Latin words and numbers with ``<bdi>``.

    >>> esc("قال لـ RT في 2022.", "ar")
    'قال لـ <bdi>RT</bdi> في <bdi>2022</bdi>.'
    >>> esc("a < b", "en")
    'a &lt; b'
    """
    if lang != "ar":
        return Html(_html.escape(text, quote=False))
    out, pos = [], 0
    for m in _LATIN.finditer(text):
        run = m.group().rstrip(_TRAILING)
        out.append(_html.escape(text[pos : m.start()], quote=False))
        out.append(f"<bdi>{_html.escape(run, quote=False)}</bdi>")
        pos = m.start() + len(run)
    out.append(_html.escape(text[pos:], quote=False))
    return Html("".join(out))


_PLACEHOLDER = re.compile(r"(\{\w+\})")


def t(key: str, lang: str, /, **values) -> Html:
    """The string ``key`` as HTML; values are escaped and isolated in ``<bdi>`` (``Html`` values go in as is)."""
    out = []
    for part in _PLACEHOLDER.split(tr(key, lang)):
        if _PLACEHOLDER.fullmatch(part):
            v = values[part[1:-1]]
            out.append(v if isinstance(v, Html) else f"<bdi>{_html.escape(str(v), quote=False)}</bdi>")
        else:
            out.append(esc(part, lang))
    return Html("".join(out))


def _attr(text: str) -> str:
    return _html.escape(text, quote=True)


def _isolate(text: str) -> str:
    """Plain text isolated for bidi (FSI … PDI), for attributes where ``<bdi>`` cannot go."""
    return f"\u2068{text}\u2069"


def _short(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _pct(x: float) -> int:
    return int(round(100 * x))


# -- spans -----------------------------------------------------------------------------


def split_spans(spans) -> list[tuple[int, int, object]]:
    """Fragments of possibly crossing spans that nest properly, in document order.

    ``spans`` is a sequence of ``(start, end, key)``. Every span comes back
    as one fragment unless another span crosses it (starts inside it and
    ends after it); then it is cut where the other one ends, and the pieces
    repeat its key. Any two fragments are disjoint or one contains the
    other, so each becomes one HTML element. Empty spans are dropped.
    Ties are broken by the order of ``spans`` (earlier is outer).

    >>> split_spans([(0, 10, "a"), (5, 15, "b")])
    [(0, 10, 'a'), (5, 10, 'b'), (10, 15, 'b')]
    >>> split_spans([(0, 10, "a"), (2, 4, "b")])
    [(0, 10, 'a'), (2, 4, 'b')]
    """
    items = sorted(((a, b, rank, key) for rank, (a, b, key) in enumerate(spans) if b > a),
                   key=lambda s: (s[0], -s[1], s[2]))
    points = sorted({p for a, b, _, _ in items for p in (a, b)})
    stack: list[tuple[int, int, int, object]] = []  # (fragment start, span end, rank, key)
    frags = []
    i = 0
    for pos in points:
        low = next((k for k, f in enumerate(stack) if f[1] <= pos), None)
        if low is not None:
            above = stack[low:]
            del stack[low:]
            frags.extend((f[0], pos, f[2], f[3]) for f in above if f[0] < pos)
            going_on = sorted((f for f in above if f[1] > pos), key=lambda f: (-f[1], f[2]))
            stack.extend((pos, f[1], f[2], f[3]) for f in going_on)
        while i < len(items) and items[i][0] == pos:
            a, b, rank, key = items[i]
            stack.append((a, b, rank, key))
            i += 1
    frags.sort(key=lambda f: (f[0], -f[1], f[2]))
    return [(a, b, key) for a, b, _, key in frags]


def flat_cues(article: dict) -> list[tuple[int, dict, dict]]:
    """``(N, block, cue)`` for every cue: paragraphs' cues in order, then related blocks'."""
    out = []
    for kind in ("paragraphs", "related"):
        for block in article.get(kind, []):
            for cue in block.get("cues", []):
                out.append((len(out), block, cue))
    return out


def device_cue_indices(article: dict) -> set[int]:
    """Flat indices of the device cues (the ``data-cue`` values a report marks)."""
    return {n for n, _, c in flat_cues(article) if c["device"]}


# -- numbers for the summary -------------------------------------------------------------


def loadedness_band(value: float, pct: float | None) -> str:
    """A plain-language band: none, low, typical, high or very_high.

    >>> loadedness_band(0.0, None), loadedness_band(3.0, None), loadedness_band(3.0, 95.0)
    ('none', 'typical', 'very_high')
    """
    if value <= 0:
        return "none"
    x, bands = (pct, PERCENTILE_BANDS) if pct is not None else (value, ABSOLUTE_BANDS)
    for bound, name in bands:
        if x < bound:
            return name
    return "very_high"


def _ordered_targets(article: dict) -> list[str]:
    stance = (article.get("summary") or {}).get("stance") or {}
    return [x for x in ordered_targets(article) if x in stance]


# -- reasons in plain words ------------------------------------------------------------------


def _reason(r: dict, lang: str) -> str:
    """A stance reason in the report's language (model features named as :func:`framing.analysis.describe_feature` does)."""
    if r.get("kind") == "word" or "feature" not in r:
        return tr("rs_word", lang, w=r.get("text", ""))
    name = r["feature"]

    def cat(c: str) -> str:
        return tr(f"cat_{c}", lang) if f"cat_{c}" in STRINGS else c.replace("_", " ")

    def words(w: str) -> str:
        return w.replace("xtargetx", tr("rs_target", lang)).replace("xotherx", tr("rs_other", lang))

    if name.startswith(("f:cue:", "f:tsent:")):
        parts = name.split(":")[2:]
        what = cat(parts[0])
        if len(parts) > 1 and f"rs_voice_{parts[1]}" in STRINGS:
            what = tr(f"rs_voice_{parts[1]}", lang, what=what)
        return tr("rs_in_tsent", lang, what=what) if name.startswith("f:tsent:") else what
    if name.startswith("f:twin:"):
        return tr("rs_twin", lang, what=cat(name[7:]))
    if name.startswith("f:pol:"):
        parts = name.split(":")[2:]
        if parts == ["quiet"]:
            return tr("rs_pol_quiet", lang)
        what = tr("rs_pol_positive" if parts[0] == "positive" else "rs_pol_negative", lang)
        if len(parts) > 1 and f"rs_pol_{parts[1]}" in STRINGS:
            what = tr(f"rs_pol_{parts[1]}", lang, what=what)
        return what
    key = "rs_" + name[2:]
    if name.startswith("f:") and key in STRINGS:
        return tr(key, lang)
    for prefix, k in (("f:B1:", "rs_before_1"), ("f:A1:", "rs_after_1"), ("f:L:", "rs_before"),
                      ("f:R:", "rs_after"), ("f:target:", "rs_target_is"),
                      ("t:B1:", "rs_before_1"), ("t:A1:", "rs_after_1"), ("t:LN:", "rs_before"), ("t:RN:", "rs_after"),
                      ("t:L2:", "rs_before"), ("t:R2:", "rs_after"), ("t:L:", "rs_before"), ("t:R:", "rs_after")):
        if name.startswith(prefix):
            return tr(k, lang, w=words(name[len(prefix):]))
    if name.startswith("x:") and "|" in name:
        return tr("rs_word", lang, w=name.split("|", 1)[1])
    if name[:2] in ("w:", "s:"):
        return tr("rs_word", lang, w=words(name[2:]))
    return r.get("text", name)


# -- pieces of the page ---------------------------------------------------------------------


def _voice(c: dict) -> tuple[str, str]:
    """(key, speaker) of the voice a cue is in."""
    voice = c["voice"]
    if voice == "outlet":
        return "note_voice_outlet", ""
    speaker = (c.get("speaker") or "").strip()
    return (f"note_voice_{voice}" if speaker else f"note_voice_{voice}_anon"), speaker


def _cue_title(c: dict, lang: str) -> str:
    key, speaker = _voice(c)
    parts = [tr(f"cat_{c['category']}", lang), tr(key, lang, speaker=_isolate(speaker)) if speaker else tr(key, lang),
             tr(f"catdo_{c['category']}", lang)]
    if c.get("neutral"):
        parts.append(tr("note_neutral", lang, neutral=_isolate(c["neutral"])))
    if c.get("repeated"):
        parts.append(tr("note_repeated", lang))
    return tr("dash", lang).join(parts)


def _cue_note(k: int, c: dict, block_lang: str, lang: str) -> str:
    key, speaker = _voice(c)
    voice = t(key, lang, speaker=speaker) if speaker else t(key, lang)
    text = _short(c["text"])
    if text[:1] not in _QUOTE_MARKS:
        text = tr("quote_open", lang) + text + tr("quote_close", lang)
    quoted = f'<bdi class="q" lang="{block_lang}">{_html.escape(text, quote=False)}</bdi>'
    cat = c["category"]
    parts = [f"<b>{esc(tr('cat_' + cat, lang), lang)}</b>: {esc(tr('catdo_' + cat, lang), lang)}", voice]
    if c.get("neutral"):
        parts.append(t("note_neutral", lang, neutral=c["neutral"]))
    if c.get("repeated"):
        parts.append(t("note_repeated", lang))
    cls = f"swatch cat-{cat} v-{c['voice']}"
    return (f'<li id="note-{k}" value="{k}"><span class="{cls}">{esc(tr("catshort_" + cat, lang), lang)}'
            f"</span> {quoted}{esc(tr('dash', lang), lang)}{esc(tr('sep', lang), lang).join(parts)}</li>")



class _Notes:
    """Running footnote numbers, one per device cue, in reading order."""

    def __init__(self):
        self.next = 1

    def take(self) -> int:
        k = self.next
        self.next += 1
        return k


def _heights(frags) -> list[int]:
    """How many levels of marks each fragment holds inside it (for stacked underlines)."""
    h = [0] * len(frags)
    # shortest first; of two equal spans the later one is inside the earlier, so it goes first
    order = sorted(range(len(frags)), key=lambda i: (frags[i][1] - frags[i][0], -i))
    for i in order:
        a, b, _ = frags[i]
        for j in order:
            if j == i:
                continue
            c, d, _ = frags[j]
            inside = a <= c and d <= b and ((a, b) != (c, d) or i < j)
            if inside:
                h[i] = max(h[i], h[j] + 1)
    return h


def _block_attrs(block_lang: str) -> str:
    if block_lang == "ar":
        return 'lang="ar" dir="rtl"'
    if block_lang == "en":
        return 'lang="en" dir="ltr"'
    return 'dir="auto"'


def _marked_block(block: dict, cues: list[tuple[int, dict]], lang: str, notes: _Notes) -> tuple[str, str]:
    """The block's text with its device cues marked, and its list of notes."""
    text, base = block["text"], block["start"]
    block_lang = block["lang"]
    devices = sorted(((n, c) for n, c in cues if c["device"]), key=lambda nc: (nc[1]["start"], -nc[1]["end"], nc[0]))
    spans, by_n = [], {}
    for n, c in devices:
        a, b = max(0, c["start"] - base), min(len(text), c["end"] - base)
        spans.append((a, b, n))
        by_n[n] = (c, b)
    frags = split_spans(spans)
    heights = _heights(frags)
    numbers = {n: notes.take() for n, _ in devices}
    out, stack, pos = [], [], 0

    def text_to(end: int):
        nonlocal pos
        if end > pos:
            out.append(esc(text[pos:end], block_lang))
            pos = end

    def close():
        a, b, n = stack.pop()
        text_to(b)
        out.append("</mark>")
        cue, end = by_n[n]
        if b == end:
            k = numbers[n]
            tag = esc(tr("catshort_" + cue["category"], lang), lang)
            out.append(f'<sup class="ref"><a href="#note-{k}">{k}</a><span class="tag">{tag}</span></sup>')

    for (a, b, n), h in zip(frags, heights):
        while stack and stack[-1][1] <= a:
            close()
        text_to(a)
        cue, _ = by_n[n]
        cls = f"cat-{cue['category']} v-{cue['voice']} h{min(h, 3)}"
        out.append(f'<mark data-cue="{n}" class="{cls}" title="{_attr(_cue_title(cue, lang))}">')
        stack.append((a, b, n))
    while stack:
        close()
    text_to(len(text))
    note_items = [_cue_note(numbers[n], c, block_lang, lang) for n, c in devices]
    notes_html = f'<ol class="notes">{"".join(note_items)}</ol>' if note_items else ""
    return "".join(out), notes_html


def _badge(target: str, label: str, lang: str, extra: str = "", title: str = "") -> str:
    title_attr = f' title="{_attr(title)}"' if title else ""
    symbol = f'<span class="sym" aria-hidden="true">{STANCE_SYMBOLS[label]}</span>'
    name = f"<bdi>{_html.escape(target, quote=False)}</bdi>"
    return f'<span class="badge st-{label}"{title_attr}>{symbol} {name}: {esc(tr("stance_" + label, lang), lang)}{extra}</span>'


def _paragraph(p: dict, cues, lang: str, notes: _Notes) -> str:
    body, notes_html = _marked_block(p, cues, lang, notes)
    head = [f'<span class="pnum">{t("para_label", lang, n=p["index"] + 1)}</span>']
    s = p.get("scores")
    if s:
        value = f"{s['loadedness']:.1f}"
        pct = s.get("loadedness_percentile")
        loaded = (t("para_loaded_pct", lang, value=value, pct=round(pct)) if pct is not None
                  else t("para_loaded", lang, value=value))
        head.append(f'<span class="pinfo">{loaded}</span>')
    if p.get("persuasion"):
        head.append(f'<span class="pinfo">{t("para_persuasion", lang, pct=_pct(p["persuasion"]["probability"]))}</span>')
    polar, neutral = [], []
    for st in p.get("stance", []):
        prob = st["probabilities"].get(st["label"], 0.0)
        reasons = [_reason(r, lang) for r in st.get("reasons", [])[:REASONS_SHOWN]]
        title = tr("stance_badge_title", lang, target=_isolate(st["target"]), label=tr(f"stance_{st['label']}", lang),
                   pct=_pct(prob))
        if reasons:
            title += tr("dash", lang) + tr("para_reasons", lang, reasons=tr("sep", lang).join(reasons))
        prob_html = f' <span class="prob">{t("percent", lang, n=_pct(prob))}</span>'
        badge = _badge(st["target"], st["label"], lang, prob_html, title)
        if st["label"] == "NONE":
            neutral.append(badge)
            continue
        why = ""
        if reasons:
            listed = Html(esc(tr("sep", lang), lang).join(esc(r, lang) for r in reasons))
            why = f'<span class="why">{t("para_reasons", lang, reasons=listed)}</span>'
        polar.append(f"<li>{badge}{why}</li>")
    if neutral:
        polar.append(f'<li class="neutral">{" ".join(neutral)}</li>')
    stance_html = f'<ul class="stances">{"".join(polar)}</ul>' if polar else ""
    return (f'<section class="para" id="p-{p["index"] + 1}"><div class="phead">{" ".join(head)}</div>'
            f'<p class="text" {_block_attrs(p["lang"])}>{body}</p>{stance_html}{notes_html}</section>')


def _meta_row(label: str, value_html: str) -> str:
    return f"<div><dt>{label}</dt><dd>{value_html}</dd></div>"


def _header(article: dict, lang: str) -> str:
    title = article.get("title")
    if title:
        title_html = f'<h1 {_block_attrs(article.get("lang"))}>{esc(title, article.get("lang"))}</h1>'
    else:
        title_html = f"<h1>{t('untitled', lang)}</h1>"
    rows = []
    source = article.get("source") or article.get("url")
    if source:
        rows.append(_meta_row(t("meta_source", lang), f"<bdi>{_html.escape(source, quote=False)}</bdi>"))
    date = article.get("date") or article.get("dateline")
    date_html = f"<bdi>{_html.escape(date, quote=False)}</bdi>" if date else t("meta_unknown", lang)
    rows.append(_meta_row(t("meta_date", lang), date_html))
    main = tr(f"lang_{article.get('lang')}" if article.get("lang") in ("ar", "en") else "lang_other", lang)
    others = {p["lang"] for p in article["paragraphs"]} - {article.get("lang")}
    language = t("lang_mixed", lang, main=main) if others else esc(main, lang)
    rows.append(_meta_row(t("meta_language", lang), language))
    rows.append(_meta_row(t("meta_paragraphs", lang), f"<bdi>{len(article['paragraphs'])}</bdi>"))
    rows.append(_meta_row(t("meta_removed", lang), t("meta_removed_value", lang, n=len(article.get("removed", [])))))
    return (f'<header class="top"><p class="kicker">{t("report_title", lang)}</p>{title_html}'
            f'<dl class="meta">{"".join(rows)}</dl><p class="intro">{t("intro", lang)}</p></header>')


def _gauge(band: str, lang: str) -> str:
    """Four equal bands, the article's one filled: an ordinal scale that reads in greyscale."""
    segs = "".join(
        f'<span class="seg{" on" if n == band else ""}">{t(f"scale_{n}", lang)}</span>'
        for n in ("low", "typical", "high", "very_high"))
    return f'<div class="gauge">{segs}</div>'


def _summary_cards(article: dict, lang: str) -> str:
    summary = article.get("summary") or {}
    value, pct = article_loadedness(article)
    band = loadedness_band(value, pct)
    lang_name = tr(f"lang_{article['lang']}", lang) if article.get("lang") in ("ar", "en") else tr("lang_other", lang)
    detail = (t("loadedness_pct", lang, pct=round(pct), language=lang_name) if pct is not None
              else t("loadedness_abs", lang, value=f"{value:.1f}"))
    cards = [
        f'<div class="card"><h3>{t("card_loadedness", lang)}</h3><p class="big">{t(f"scale_{band}", lang)}</p>'
        f'{_gauge(band, lang)}<p>{detail}</p><p class="small">{t("loadedness_what", lang)}</p></div>'
    ]
    probs = [p["persuasion"]["probability"] for p in article["paragraphs"] if p.get("persuasion")]
    if probs:
        likely = sum(1 for x in probs if x >= PERSUASIVE)
        body = t("persuasion_value", lang, n=likely, total=len(probs), avg=_pct(sum(probs) / len(probs)))
        big = f"<bdi>{likely}/{len(probs)}</bdi>"
    else:
        body, big = t("persuasion_none", lang), "\u2013"
    cards.append(f'<div class="card"><h3>{t("card_persuasion", lang)}</h3><p class="big">{big}</p><p>{body}</p></div>')
    n = summary.get("device_cues", 0)
    outlet = (summary.get("cues_by_voice") or {}).get("outlet", 0)
    by_cat = summary.get("cues_by_category") or {}
    top = sorted(by_cat.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    items = Html(esc(tr("sep", lang), lang).join(
        f'<span class="swatch cat-{c}">{esc(tr(f"cat_{c}", lang), lang)}</span> (<bdi>{k}</bdi>)' for c, k in top))
    devices = [f'<p class="big">{t("devices_value", lang, n=n)}</p>']
    if n:
        devices.append(f"<p>{t('devices_voice', lang, outlet=outlet, other=n - outlet)}</p>")
        devices.append(f'<p class="small">{t("devices_top", lang, items=items)}</p>')
    cards.append(f'<div class="card"><h3>{t("card_devices", lang)}</h3>{"".join(devices)}</div>')
    stance = summary.get("stance") or {}
    rows = []
    for target in _ordered_targets(article):
        d = stance[target]
        counts = t("stance_counts", lang, favor=d["FAVOR"], against=d["AGAINST"], none=d["NONE"])
        rows.append(f'<li>{_badge(target, d["lean"], lang)} <span class="small">{counts}</span></li>')
    stance_html = f'<ul class="glance">{"".join(rows)}</ul>' if rows else f"<p>{t('stance_none_found', lang)}</p>"
    cards.append(f'<div class="card wide"><h3>{t("card_stance", lang)}</h3>{stance_html}</div>')
    return f'<section id="summary"><h2>{t("sec_summary", lang)}</h2><div class="cards">{"".join(cards)}</div></section>'


def _legend(article: dict, lang: str) -> str:
    present = {c["category"] for _, _, c in flat_cues(article) if c["device"]}
    if not present:
        return f'<section id="legend"><h2>{t("sec_legend", lang)}</h2><p>{t("legend_none", lang)}</p></section>'
    items = "".join(
        f'<li><span class="swatch cat-{c}">{esc(tr(f"catshort_{c}", lang), lang)}</span> '
        f'<b>{esc(tr(f"cat_{c}", lang), lang)}</b>: {esc(tr(f"catdo_{c}", lang), lang)}</li>'
        for c in DEVICE_CATEGORIES if c in present)
    voices = (f'<li><span class="swatch plain v-outlet">abc</span> {t("legend_outlet", lang)}</li>'
              f'<li><span class="swatch plain v-quote">abc</span> {t("legend_quoted", lang)}</li>')
    if lang == "ar":
        voices = voices.replace(">abc<", ">أبج<")
    return (f'<section id="legend"><h2>{t("sec_legend", lang)}</h2><p>{t("legend_intro", lang)}</p>'
            f'<ul class="legend">{items}</ul><ul class="legend voices">{voices}</ul></section>')


def _article_section(article: dict, lang: str, notes: _Notes) -> str:
    by_block: dict[int, list] = {}
    for n, block, cue in flat_cues(article):
        by_block.setdefault(id(block), []).append((n, cue))
    paras = "".join(_paragraph(p, by_block.get(id(p), []), lang, notes) for p in article["paragraphs"])
    out = f'<section id="article"><h2>{t("sec_article", lang)}</h2>{paras}</section>'
    if article.get("related"):
        items = []
        for r in article["related"]:
            body, notes_html = _marked_block(r, by_block.get(id(r), []), lang, notes)
            items.append(f'<li><p class="text" {_block_attrs(r["lang"])}>{body}</p>{notes_html}</li>')
        out += f'<section id="related"><h2>{t("sec_related", lang)}</h2><ul class="related">{"".join(items)}</ul></section>'
    return out


def _sources_section(article: dict, lang: str) -> str:
    summary = article.get("summary") or {}
    sources = summary.get("sources") or []
    parts = [f'<section id="sources"><h2>{t("sec_sources", lang)}</h2>']
    if sources:
        rows = "".join(
            f'<tr><td><bdi>{_html.escape(s["speaker"], quote=False)}</bdi></td><td><bdi>{s["attributions"]}</bdi></td>'
            f'<td>{esc(tr("sep", lang), lang).join(f"<bdi>{i + 1}</bdi>" for i in s["paragraphs"])}</td></tr>' for s in sources)
        parts.append(f'<p>{t("sources_intro", lang)}</p><table class="sources"><thead><tr><th>{t("col_speaker", lang)}</th>'
                     f'<th>{t("col_times", lang)}</th><th>{t("col_paragraphs", lang)}</th></tr></thead>'
                     f"<tbody>{rows}</tbody></table>")
    else:
        parts.append(f"<p>{t('sources_none', lang)}</p>")
    stance = summary.get("stance") or {}
    criticised = [(x, stance[x]) for x in _ordered_targets(article) if stance[x]["AGAINST"]]
    parts.append(f"<h3>{t('sources_answer_intro', lang)}</h3>")
    if criticised:
        items = "".join(
            f'<li class="{"yes" if d.get("answered") else "no"}">'
            f'{t("sources_answered" if d.get("answered") else "sources_unanswered", lang, target=x, n=d["AGAINST"])}</li>'
            for x, d in criticised)
        parts.append(f'<ul class="answers">{items}</ul>')
    else:
        parts.append(f"<p>{t('sources_no_criticism', lang)}</p>")
    n = summary.get("device_cues", 0)
    if n:
        share = (summary.get("cues_by_voice") or {}).get("outlet", 0) / n
        parts.append(f"<p>{t('sources_voice_share', lang, pct=_pct(share))}</p>")
    parts.append("</section>")
    return "".join(parts)


def _charts_section(charts, lang: str) -> str:
    if not charts:
        return f'<section id="charts"><h2>{t("sec_charts", lang)}</h2><p>{t("charts_none", lang)}</p></section>'
    figs = "".join(
        f'<figure class="chart" id="chart-{c.name}">{inline_svg(c.svg, f"ch{i}", c.title)}'
        f"<figcaption>{esc(c.caption, lang)}</figcaption></figure>" for i, c in enumerate(charts, 1))
    return f'<section id="charts"><h2>{t("sec_charts", lang)}</h2>{figs}</section>'


_QUESTION_KEYS = {
    "scare_quote": "q_scare", "generalisation": "q_general", "rhetorical_question": "q_rhetorical",
    "fear_threat": "q_fear", "doubt_distancing": "q_doubt", "certainty": "q_certainty", "victimhood": "q_victim",
    "values_flag": "q_values", "exaggeration": "q_exaggeration", "repetition": "q_repetition",
}


def questions(article: dict, lang: str | None = None) -> list[Html]:
    """Questions to ask of the article, built from what was found.

    First whether the most criticised parties get to answer, then the
    strongest devices (one or two questions per category), then the sources
    and the outlet's own voice, and always last: how would the other side
    tell it? At most :data:`MAX_QUESTIONS`.
    """
    lang = lang or report_lang(article)
    summary = article.get("summary") or {}
    stance = summary.get("stance") or {}
    unanswered = [x for x in _ordered_targets(article) if stance[x].get("answered") is False]
    unanswered.sort(key=lambda x: -stance[x]["AGAINST"])  # stable: ties keep the report's order
    first = [t("q_unanswered", lang, target=x) for x in unanswered[:MAX_UNANSWERED]]
    terms: list[Html] = []
    against = {}  # paragraph index -> a party the paragraph argues against (named in it)
    for p in article["paragraphs"]:
        for s in p.get("stance", []):
            if s["label"] == "AGAINST" and s.get("mentioned", True):
                against.setdefault(p["index"], s["target"])
    cues = [(p["index"], c) for p in article["paragraphs"] for c in p.get("cues", []) if c["device"] and not c["repeated"]]
    cues.sort(key=lambda ic: (-ic[1]["weight"], ic[1]["voice"] != "outlet", ic[1]["start"]))
    asked: dict[str, int] = {}
    seen = set()
    for index, c in cues:
        cat = c["category"]
        term = _short(c["text"], 80)
        if (cat, term) in seen or asked.get(cat, 0) >= QUESTIONS_PER_CATEGORY.get(cat, 1):
            continue
        seen.add((cat, term))
        asked[cat] = asked.get(cat, 0) + 1
        if cat in ("loaded_language", "name_calling"):
            target = against.get(index)
            if target and c["voice"] == "outlet":
                terms.append(t("q_loaded_target", lang, target=target, term=term))
            elif c.get("neutral"):
                terms.append(t("q_loaded", lang, term=term, neutral=c["neutral"]))
            else:
                terms.append(t("q_loaded_noalt" if cat == "loaded_language" else "q_name_calling", lang, term=term))
        elif cat in _QUESTION_KEYS:
            terms.append(t(_QUESTION_KEYS[cat], lang, term=term))
    last = []
    sources = summary.get("sources") or []
    if not sources:
        last.append(t("q_no_source", lang))
    elif len(sources) == 1:
        last.append(t("q_one_source", lang, speaker=sources[0]["speaker"]))
    n = summary.get("device_cues", 0)
    if n >= 3 and (summary.get("cues_by_voice") or {}).get("outlet", 0) / n > OUTLET_SHARE_QUESTION:
        last.append(t("q_outlet_voice", lang))
    last.append(t("q_other_side", lang))
    room = max(MAX_QUESTIONS - len(first) - len(last), 0)
    return first + terms[:room] + last


def _questions_section(article: dict, lang: str) -> str:
    items = "".join(f"<li>{q}</li>" for q in questions(article, lang))
    return (f'<section id="questions"><h2>{t("sec_questions", lang)}</h2><p>{t("questions_intro", lang)}</p>'
            f'<ol class="questions">{items}</ol></section>')


def _card_rows(card: dict | None) -> list[dict]:
    """Results of the model card measured on real news (never on our own corpus)."""
    if not card:
        return []
    rows = []
    for row in card.get("results", []):
        dataset = str(row.get("dataset", ""))
        if not dataset or dataset.lower().startswith("framing") or row.get("own_corpus"):
            continue
        rows.append(row)
    return rows


def _method_section(article: dict, card: dict | None, lang: str) -> str:
    model = article.get("model") or {}
    parts = [f'<section id="method"><h2>{t("sec_method", lang)}</h2><p>{t("method_how", lang)}</p><ul class="facts">']
    if model:
        recipe = model.get("recipe")
        if recipe:
            if recipe.startswith("default:"):
                recipe = Html(esc(tr("method_recipe_default", lang), lang))
            parts.append(f"<li>{t('method_model', lang, recipe=recipe)}</li>")
        if model.get("path"):
            name = re.split(r"[\\/]", model["path"])[-1]  # the file's name only: its folder is the user's own
            parts.append(f"<li>{t('method_model_file', lang, file=name)}</li>")
    else:
        parts.append(f"<li>{t('method_no_model', lang)}</li>")
    lexicon = article.get("lexicon_version") or model.get("lexicon_version")
    if lexicon:
        parts.append(f"<li>{t('method_lexicon', lang, lexicon=lexicon)}</li>")
    tool = f"framing {article.get('framing_version') or __version__}"
    parts.append(f"<li>{t('method_version', lang, tool=tool)}</li></ul>")
    rows = _card_rows(card)
    if rows:
        items = []
        for row in rows:
            value = row.get("value")
            value = f"{value:.2f}" if isinstance(value, float) else str(value)
            dataset = str(row["dataset"]) + (f" ({row['task']})" if row.get("task") else "")
            # dataset and metric names are data from the model card (English), marked as such
            dataset = Html(f'<bdi lang="en" dir="ltr">{_html.escape(dataset, quote=False)}</bdi>')
            metric = Html(f'<bdi lang="en" dir="ltr">{_html.escape(str(row.get("metric", "")), quote=False)}</bdi>')
            items.append(f"<li>{t('method_card_row', lang, dataset=dataset, metric=metric, value=value)}</li>")
        parts.append(f'<p>{t("method_card_intro", lang)}</p><ul class="facts">{"".join(items)}</ul>')
    else:
        parts.append(f'<p class="warn">{t("method_card_missing", lang)}</p>')
    limits = "".join(f"<li>{t(k, lang)}</li>" for k in (
        "limit_irony", "limit_facts", "limit_context", "limit_translation", "limit_words", "limit_stance"))
    parts.append(f'<h3>{t("limits_heading", lang)}</h3><ul class="limits">{limits}</ul></section>')
    return "".join(parts)


# -- style ----------------------------------------------------------------------------------

_PATTERNS = {
    "///": "repeating-linear-gradient(45deg, {c} 0 1.5px, transparent 1.5px 6px)",
    "\\\\\\": "repeating-linear-gradient(-45deg, {c} 0 1.5px, transparent 1.5px 6px)",
    "...": "radial-gradient({c} 1px, transparent 1.4px)",
}


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _category_css() -> str:
    rules = []
    for cat in DEVICE_CATEGORIES:
        colour = CATEGORY_COLOURS[cat]
        rule = f".cat-{cat}{{background-color:{_rgba(colour, 0.30)};"
        pattern = CATEGORY_HATCHES.get(cat)
        if pattern:
            rule += f"background-image:{_PATTERNS[pattern].format(c=_rgba(colour, 0.5))};"
            if pattern == "...":
                rule += "background-size:5px 5px;"
        rules.append(rule + "}")
    return "".join(rules)


CSS = """
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;max-width:56rem;padding:1.5rem 1.25rem 3rem;color:#1a1a1a;background:#fff;
font-family:"Noto Naskh Arabic","Noto Sans Arabic","Amiri","Geeza Pro","Segoe UI","DejaVu Sans",Tahoma,Arial,sans-serif;
font-size:17px;line-height:1.6}
html[lang=en] body{font-family:"Segoe UI","Noto Sans","DejaVu Sans",Helvetica,Arial,sans-serif;font-size:16px}
h1{font-size:1.7rem;line-height:1.35;margin:.2rem 0 .8rem}
h2{font-size:1.3rem;border-bottom:2px solid #1a1a1a;padding-bottom:.2rem;margin:2.2rem 0 .8rem}
h3{font-size:1.05rem;margin:1rem 0 .4rem}
.kicker{margin:0;color:#555;font-size:.9rem;letter-spacing:.02em}
.intro{color:#333}
.small{font-size:.85rem;color:#444}
dl.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.3rem 1rem;margin:0 0 .8rem;
padding:.6rem .8rem;background:#f4f4f4;border-radius:4px}
dl.meta div{display:flex;flex-direction:column}
dt{font-size:.8rem;color:#555}
dd{margin:0;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:.8rem}
.card{border:1px solid #bbb;border-radius:6px;padding:.7rem .9rem;break-inside:avoid}
.card.wide{grid-column:1/-1}
.card h3{margin:0 0 .3rem;font-size:.95rem;color:#333}
.card p{margin:.3rem 0}
.card .big{font-size:1.45rem;font-weight:700;margin:.1rem 0 .4rem}
.gauge{display:flex;margin:.3rem 0 .5rem;border:1px solid #777;border-radius:3px;overflow:hidden;font-size:.72rem}
.gauge .seg{flex:1 1 0;text-align:center;padding:.1rem .15rem;color:#333;background:#f2f2f2;border-inline-start:1px solid #bbb}
.gauge .seg:first-child{border-inline-start:0}
.gauge .seg.on{background:#1a1a1a;color:#fff;font-weight:700}
ul.glance,ul.stances,ul.legend,ul.answers,ul.related{list-style:none;padding:0;margin:.3rem 0}
ul.glance li{margin:.25rem 0}
.badge{display:inline-block;border:2px solid;border-radius:1rem;padding:0 .55rem;font-size:.85rem;line-height:1.5;white-space:nowrap;font-weight:600}
.badge .sym{font-weight:700}
.badge .prob{font-weight:400;color:#333}
.st-FAVOR{border-color:#009E73;background:#e0f3ee}
.st-AGAINST{border-color:#D55E00;background:#fbe7dc}
.st-NONE{border-color:#888;background:#f2f2f2;border-style:dotted}
ul.stances li{margin:.3rem 0}
ul.stances li.neutral{display:flex;flex-wrap:wrap;gap:.3rem}
.why{display:inline;font-size:.8rem;color:#444;margin-inline-start:.5rem}
.para{border-top:1px solid #ddd;padding:.6rem 0 .4rem}
.phead{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.8rem;color:#555}
.pnum{font-weight:700;color:#1a1a1a}
p.text{margin:.35rem 0 .5rem;line-height:2.25;white-space:pre-line}
html[lang=en] p.text{line-height:2}
mark{color:inherit;background-color:transparent;padding:0 1px 1px;border-bottom:2px solid #1a1a1a;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.v-quote,mark.v-attributed,.swatch.v-quote,.swatch.v-attributed{border-bottom-style:dashed}
mark.h1{padding-bottom:5px}mark.h2{padding-bottom:9px}mark.h3{padding-bottom:13px}
sup.ref{font-size:.62rem;line-height:0;margin-inline-start:1px;white-space:nowrap;color:#333}
sup.ref a{color:#1a1a1a;text-decoration:none;font-weight:700}
sup.ref .tag{margin-inline-start:2px}
.swatch{display:inline-block;padding:0 .35rem;border:1px solid #666;border-radius:2px;font-size:.8rem;line-height:1.4}
.swatch.plain{border:0;border-bottom:2px solid #1a1a1a;border-radius:0;background:#f4f4f4}
.swatch.v-outlet,.swatch.v-quote,.swatch.v-attributed{border:0;border-bottom:2px solid #1a1a1a;border-radius:0}
.swatch.v-quote,.swatch.v-attributed{border-bottom-style:dashed}
ul.legend li{margin:.3rem 0}
ul.legend.voices{display:flex;flex-wrap:wrap;gap:.4rem 1.5rem}
ol.notes{font-size:.82rem;color:#333;margin:.2rem 0 .4rem;padding-inline-start:1.8rem}
ol.notes li{margin:.15rem 0}
ol.notes .q{font-weight:600}
table.sources{border-collapse:collapse;margin:.4rem 0}
table.sources th,table.sources td{border:1px solid #bbb;padding:.25rem .6rem;text-align:start}
table.sources th{background:#f4f4f4}
ul.answers li{margin:.25rem 0;padding-inline-start:1.4rem;position:relative}
ul.answers li::before{position:absolute;inset-inline-start:0;font-weight:700}
ul.answers li.no::before{content:"\\2717"}
ul.answers li.yes::before{content:"\\2713"}
figure.chart{margin:1rem 0;break-inside:avoid}
figure.chart svg{display:block;max-width:100%;height:auto;margin:0 auto}
figcaption{font-size:.85rem;color:#444;margin-top:.3rem}
ol.questions li{margin:.35rem 0}
.warn{border-inline-start:4px solid #D55E00;padding:.2rem .7rem;background:#fbe7dc}
ul.limits li,ul.facts li{margin:.2rem 0}
footer{margin-top:2rem;font-size:.8rem;color:#555;border-top:1px solid #ddd;padding-top:.5rem}
@page{size:A4;margin:14mm}
@media print{
body{max-width:none;padding:0;font-size:11pt}
h2{break-after:avoid}
.para{break-inside:avoid-page}
.card,.badge{break-inside:avoid}
a{color:inherit;text-decoration:none}
}
"""


def render_report(article: dict, *, card: dict | None = None, charts=None) -> str:
    """The report of an analysed article as one self-contained HTML page.

    Parameters
    ----------
    article : dict
        An article document with cues, stance and summary (``Analyzer.analyze_document(...).data``).
    card : dict, optional
        The model card (``framing.commands.model.model_card()``); its results on
        real news are quoted in "Method and limits".
    charts : list of Chart, optional
        Charts already drawn by :func:`framing.report.charts.build_charts`
        (default: drawn here).

    Returns
    -------
    str
        The page; the same article gives the same bytes.
    """
    lang = report_lang(article)
    if charts is None:
        charts = build_charts(article, lang)
    notes = _Notes()
    title = article.get("title") or tr("untitled", lang)
    direction = "rtl" if lang == "ar" else "ltr"
    body = "".join([
        _header(article, lang),
        _summary_cards(article, lang),
        _legend(article, lang),
        _article_section(article, lang, notes),
        _sources_section(article, lang),
        _charts_section(charts, lang),
        _questions_section(article, lang),
        _method_section(article, card, lang),
        f"<footer>{t('footer', lang, tool=f'framing {__version__}')}</footer>",
    ])
    head = (
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">"
        f'<meta name="generator" content="framing {__version__}">'
        '<link rel="icon" href="data:,">'
        f"<title>{_html.escape(tr('report_title', lang) + tr('dash', lang) + title, quote=False)}</title>"
        f"<style>{CSS}{_category_css()}</style>"
    )
    return f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">\n<head>{head}</head>\n<body>{body}</body>\n</html>\n'
