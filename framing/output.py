"""Article documents as dictionaries (JSON) and as terminal tables.

The dictionary layout is the output schema (``schema_version`` 1, written
down in ``framing/data/schema/article.schema.json``).
"""

from __future__ import annotations

import csv
import io
import json

from . import __version__
from .text import Block, Document

__all__ = ["CSV_COLUMNS", "SCHEMA_VERSION", "article_dict", "csv_header", "csv_rows", "error_dict", "render_table", "dumps"]

SCHEMA_VERSION = 1


def _block(b: Block) -> dict:
    return {"start": b.start, "end": b.end, "text": b.text, "lang": b.lang}


def article_dict(doc: Document, cues_by_block: dict | None = None, *, lexicon_version: str | None = None) -> dict:
    """The JSON-ready article document of a cleaned :class:`Document`.

    ``cues_by_block`` (from :meth:`framing.cues.CueExtractor.find_in_document`)
    adds ``cues`` and ``scores`` to every paragraph, ``cues`` to related
    blocks, and the article ``summary``.
    """
    out = {
        "schema_version": SCHEMA_VERSION,
        "framing_version": __version__,
        "id": doc.id,
        "title": doc.title,
        "dateline": doc.dateline.text if doc.dateline else None,
        "lang": doc.lang,
    }
    for key in ("source", "date", "url"):
        value = getattr(doc, key)
        if value is not None:
            out[key] = value
    tb = doc.title_block
    out["title_span"] = {"start": tb.start, "end": tb.end} if tb else None
    dl = doc.dateline
    out["dateline_span"] = {"start": dl.start, "end": dl.end} if dl else None
    out["encoding"] = doc.encoding
    out["warnings"] = list(doc.warnings)
    out["text"] = doc.text
    out["paragraphs"] = [dict(index=i, **_block(b)) for i, b in enumerate(doc.paragraphs)]
    out["related"] = [_block(b) for b in doc.related]
    out["removed"] = [dict(_block(b), rule=b.rule) for b in doc.removed]
    if cues_by_block is not None:
        from .matcher import normalized_tokens  # the tokens the cues were found in (cached per text)
        from .scores import paragraph_scores
        from .summary import summarize

        out["lexicon_version"] = lexicon_version
        for p in out["paragraphs"]:
            cues = cues_by_block.get(p["start"], [])
            p["cues"] = [c.to_dict() for c in cues]
            n_tokens = len(normalized_tokens(p["text"])[1])
            p["scores"] = paragraph_scores(cues, n_tokens, p["lang"])
        for r in out["related"]:
            r["cues"] = [c.to_dict() for c in cues_by_block.get(r["start"], [])]
        out["summary"] = summarize(out["paragraphs"], out["related"])
    return out


def error_dict(item_id: str, error: Exception) -> dict:
    """The output record of an article that could not be scored."""
    return {"schema_version": SCHEMA_VERSION, "id": item_id, "error": str(error)}


#: Characters that JSON allows unescaped but that many readers take for line breaks (Python's
#: ``str.splitlines``, JavaScript before ES2019): escaped, so that a JSONL record is always one line.
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def dumps(obj, *, indent: int | None = None) -> str:
    """JSON text with Arabic kept readable (not \\u-escaped); line-breaking characters escaped.

    >>> dumps({"text": "سطر\u2028سطر"})
    '{"text": "سطر\\\\u2028سطر"}'
    """
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    for ch, escaped in _LINE_BREAKS.items():
        if ch in text:  # only inside strings: JSON has no other place for them
            text = text.replace(ch, escaped)
    return text


def render_table(article: dict) -> str:
    """A plain-text view of an article document for a terminal.

    Numbers and labels come first and the text last on each line, so that
    right-to-left text does not scramble the columns.
    """
    if "error" in article:
        return f"{article['id']}: ERROR {article['error']}\n"
    lines = []
    head = f"article {article.get('id') or '-'}   lang {article['lang']}   encoding {article.get('encoding')}"
    lines.append(head)
    for w in article.get("warnings", []):
        lines.append(f"  warning: {w}")
    if article.get("title") is not None:
        lines.append(f"  title      {article['title']}")
    if article.get("dateline") is not None:
        lines.append(f"  dateline   {article['dateline']}")
    lines.append(f"  paragraphs {len(article['paragraphs'])}")
    for p in article["paragraphs"]:
        score = p.get("scores")
        extra = ""
        if score is not None:
            pct = score["loadedness_percentile"]
            extra = f"loaded {score['loadedness']:>5.1f}" + (f" (p{pct:.0f})" if pct is not None else "") + " "
        lines.append(f"  [{p['index'] + 1:>3}] {p['lang']:<5} {p['start']:>6}-{p['end']:<6} {extra}{p['text']}")
        if p.get("persuasion"):
            lines.append(f"         persuasion p={p['persuasion']['probability']:.2f}")
        for st in p.get("stance", []):
            prob = st["probabilities"].get(st["label"], 0.0)
            why = "; ".join(r["text"] for r in st["reasons"][:3])
            lines.append(f"         stance {st['label']:<8} {prob:.2f}  {st['target']}  <- {why}")
        lines.extend(_cue_lines(p.get("cues", [])))
    for r in article["related"]:
        lines.append(f"  related    {r['start']:>6}-{r['end']:<6} {r['text']}")
        lines.extend(_cue_lines(r.get("cues", [])))
    for r in article["removed"]:
        lines.append(f"  removed    {r['start']:>6}-{r['end']:<6} {r['text']}")
    summary = article.get("summary")
    if summary:
        cats = ", ".join(f"{k} {v}" for k, v in summary["cues_by_category"].items()) or "none"
        lines.append(f"  summary    {summary['device_cues']} device cues: {cats}")
        voices = ", ".join(f"{k} {v}" for k, v in summary["cues_by_voice"].items()) or "none"
        lines.append(f"             by voice: {voices}")
        for t in summary["top_loaded_terms"][:5]:
            alt = f" -> {t['neutral']}" if t.get("neutral") else ""
            lines.append(f"             {t['category']:<20} x{t['count']} {t['text']}{alt}")
        for target, d in (summary.get("stance") or {}).items():
            lines.append(f"  stance     {d['lean']:<8} FAVOR {d['FAVOR']} AGAINST {d['AGAINST']} NONE {d['NONE']}  {target}")
    return "\n".join(lines) + "\n"


def _cue_lines(cues) -> list[str]:
    """Device cues under their paragraph: category, voice, offsets, then the words."""
    out = []
    for c in cues:
        if not c["device"]:
            continue
        who = f"{c['voice']}" + (f":{c['speaker']}" if c.get("speaker") else "")
        rep = " (repeated)" if c["repeated"] else ""
        out.append(f"         - {c['category']:<20} {c['start']:>6}-{c['end']:<6} {who[:40]:<40} {c['text']}{rep}")
    return out


#: Columns of ``--format csv``: one row per paragraph and target (see :func:`csv_rows`).
CSV_COLUMNS = (
    "id", "paragraph", "start", "end", "lang", "target", "mentioned", "label", "p_favor", "p_against", "p_none",
    "reasons", "persuasion", "loadedness", "loadedness_percentile", "device_cues", "error", "text",
)


def _csv_text(rows) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def csv_header() -> str:
    """The header line of ``--format csv``."""
    return _csv_text([CSV_COLUMNS])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_rows(article: dict) -> str:
    """CSV rows (no header) of an article document or an error record.

    One row per paragraph and target it was scored toward; a paragraph with no
    target has one row with empty target fields; an article with no paragraph
    one row with its id only; an error record one row with its id and ``error``.
    ``paragraph`` is the paragraph's ``index`` (from 0), ``start``/``end`` index
    the article's ``text``, ``reasons`` are the stance's reasons joined by "; ",
    ``device_cues`` counts the device cues that loadedness counts (repeats not).

    >>> print(csv_rows({"id": "a.txt", "error": "a.txt: is empty"}), end="")
    a.txt,,,,,,,,,,,,,,,,a.txt: is empty,
    """
    if "error" in article:
        return _csv_text([[_cell(article.get("id"))] + [""] * (len(CSV_COLUMNS) - 3) + [_cell(article["error"]), ""]])
    rows = []
    for p in article.get("paragraphs", []):
        scores = p.get("scores") or {}
        persuasion = p.get("persuasion") or {}
        device = sum(1 for c in p.get("cues", []) if c["device"] and not c["repeated"])
        head = [article.get("id"), p["index"], p["start"], p["end"], p["lang"]]
        tail = [persuasion.get("probability"), scores.get("loadedness"), scores.get("loadedness_percentile"),
                device if "cues" in p else None, None, p["text"]]
        for st in p.get("stance") or [None]:
            if st is None:
                middle = [None] * 7
            else:
                pr = st["probabilities"]
                middle = [st["target"], st.get("mentioned"), st["label"], pr.get("FAVOR"), pr.get("AGAINST"),
                          pr.get("NONE"), "; ".join(r["text"] for r in st["reasons"])]
            rows.append([_cell(v) for v in head + middle + tail])
    if not rows:
        rows.append([_cell(article.get("id"))] + [""] * (len(CSV_COLUMNS) - 1))
    return _csv_text(rows)
