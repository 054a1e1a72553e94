"""Article summary: cue totals, the most loaded paragraphs, top loaded terms, sources."""

from __future__ import annotations

from collections import Counter, defaultdict

__all__ = ["summarize"]

TOP_PARAGRAPHS = 3
TOP_TERMS = 10


def summarize(paragraphs: list[dict], related: list[dict]) -> dict:
    """Summarize analysed paragraphs (dicts with ``cues`` and ``scores``).

    Returns counts by category and by voice (device cues, repeated ones not
    counted twice), the most loaded paragraphs, the top loaded terms with
    their neutral alternatives, and who is quoted or cited.
    """
    by_category: Counter = Counter()
    by_voice: Counter = Counter()
    terms: dict[str, dict] = {}
    speakers: dict[str, dict] = defaultdict(lambda: {"attributions": 0, "paragraphs": set()})
    for p in paragraphs:
        for c in p["cues"]:
            if c["repeated"]:
                continue
            if c["category"] == "attribution" and c["rule"] == "attribution":
                name = c.get("speaker")
                if name:
                    speakers[name]["attributions"] += 1
                    speakers[name]["paragraphs"].add(p["index"])
            if not c["device"]:
                continue
            by_category[c["category"]] += 1
            by_voice[c["voice"]] += 1
            if c["rule"] in ("lexicon", "scare_quote"):
                key = c["text"]
                t = terms.setdefault(
                    key,
                    {"text": key, "category": c["category"], "count": 0, "weight": 0, "neutral": c.get("neutral"), "voices": Counter()},
                )
                t["count"] += 1
                t["weight"] += c["weight"]
                t["voices"][c["voice"]] += 1
    ranked = sorted(paragraphs, key=lambda p: (-p["scores"]["loadedness"], p["index"]))
    most_loaded = [
        {"index": p["index"], "loadedness": p["scores"]["loadedness"], "percentile": p["scores"]["loadedness_percentile"]}
        for p in ranked[:TOP_PARAGRAPHS]
        if p["scores"]["loadedness"] > 0
    ]
    top_terms = sorted(terms.values(), key=lambda t: (-t["weight"], -t["count"], t["text"]))[:TOP_TERMS]
    for t in top_terms:
        t["voices"] = dict(t["voices"])
    related_cues = sum(1 for r in related for c in r["cues"] if c["device"])
    return {
        "paragraphs_scored": len(paragraphs),
        "device_cues": sum(by_category.values()),
        "cues_by_category": dict(sorted(by_category.items())),
        "cues_by_voice": dict(sorted(by_voice.items())),
        "related_device_cues": related_cues,
        "most_loaded_paragraphs": most_loaded,
        "top_loaded_terms": top_terms,
        "sources": [
            {"speaker": name, "attributions": d["attributions"], "paragraphs": sorted(d["paragraphs"])}
            for name, d in sorted(speakers.items(), key=lambda kv: (-kv[1]["attributions"], kv[0]))
        ],
    }


def stance_summary(paragraphs: list[dict]) -> dict:
    """Per target: labels over the paragraphs where it was scored, and the overall lean.

    The lean is the label with most paragraphs among FAVOR and AGAINST when
    those outnumber NONE, else NONE; ``answered`` says whether any paragraph
    gives the target's own side (the target speaking) beside criticism of it.
    """
    out: dict[str, dict] = {}
    for p in paragraphs:
        speakers = " ".join(c.get("speaker") or "" for c in p["cues"] if c["category"] == "attribution")
        for s in p.get("stance", []):
            d = out.setdefault(s["target"], {"FAVOR": 0, "AGAINST": 0, "NONE": 0, "paragraphs": [], "speaks": False})
            d[s["label"]] += 1
            d["paragraphs"].append(p["index"])
            if any(r.get("feature") == "f:t_is_speaker" for r in s["reasons"]) or s["target"] in speakers:
                d["speaks"] = True
    for d in out.values():
        polar = d["FAVOR"] + d["AGAINST"]
        if polar > d["NONE"] and d["FAVOR"] != d["AGAINST"]:
            d["lean"] = "FAVOR" if d["FAVOR"] > d["AGAINST"] else "AGAINST"
        else:
            d["lean"] = "NONE"
        d["answered"] = d["speaks"] if d["AGAINST"] else None
    return out
