"""``framing model info``: the model bundle in use and its card."""

from __future__ import annotations

import json
import os
import sys
from importlib import resources

from ..fileio import Output


def model_card() -> dict | None:
    """The shipped model card of the default recipe (measured on real news by the experiments), or None."""
    try:
        text = resources.files("framing").joinpath("data/model_card.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return json.loads(text)


def run(args) -> int:
    from ..models.bundle import Bundle, default_bundle

    if args.model:
        bundle = Bundle.load(args.model)
    else:
        bundle = default_bundle(progress=lambda m: print(f"framing: {m}", file=sys.stderr))
    meta = {k: v for k, v in bundle.meta.items() if k not in ("lexicon", "models", "sha256")}
    shared = {}  # blocks a model shares with another of the bundle (stored once in the file)
    ests = sorted(bundle.estimators.items())
    for k, e in ests:
        vocab = e.model_.vectorizer.vocab
        for k2, e2 in ests:
            other = e2.model_.vectorizer.vocab
            both = [b for b in ("w", "c", "x", "t") if k2 != k and b in vocab and vocab[b] is other.get(b)]
            if both:
                shared.setdefault(k, {})[k2] = both
    info = {
        "path": bundle.path,
        "size_bytes": os.path.getsize(bundle.path) if bundle.path and os.path.exists(bundle.path) else None,
        "models": {k: {"task": e.model_.task, "classes": list(e.model_.classes), "features": e.model_.vectorizer.n_features,
                       **{kk: vv for kk, vv in (e.model_.info or {}).items() if kk != "params"},
                       **({"features_settings": e.model_.features} if e.model_.features else {}),
                       **({"shares_blocks_with": shared[k]} if k in shared else {})}
                   for k, e in ests},
        "meta": meta,
        "card": model_card() if not args.model else None,
    }
    with Output(None) as out:
        if args.format == "json":
            from ..output import dumps

            out.write(dumps(info, indent=2) + "\n")
            return 0
        out.write(f"model file  {info['path']} ({(info['size_bytes'] or 0) / 1e6:.1f} MB)\n")
        out.write(f"recipe      {meta.get('recipe', '-')}\n")
        out.write(f"created     {meta.get('created', '-')} with framing {meta.get('framing_version')} / "
                  f"scikit-learn {meta.get('sklearn_version')}\n")
        out.write(f"lexicon     {meta.get('lexicon_version')}\n")
        for k, m in info["models"].items():
            n = m.get("train_pairs") or m.get("train_paragraphs")
            out.write(f"  {k:<16} {m['features']:>8} features, classes {', '.join(m['classes'])}, trained on {n}\n")
            for other, blocks in (m.get("shares_blocks_with") or {}).items():
                names = {"w": "word", "c": "character"}
                what = " and ".join(names.get(b, b) for b in blocks)
                out.write(f"  {'':<16} shares its {what} features with {other} (computed once for both)\n")
            if (m.get("features_settings") or {}).get("mask_targets"):
                out.write(f"  {'':<16} reads the paragraph with every known target masked\n")
        card = info["card"]
        if card:
            out.write("model card (accuracy of the default recipe on real news, measured by experiments/):\n")
            for row in card.get("results", []):
                out.write(f"  {row.get('dataset')}: {row.get('metric')} {row.get('value')}\n")
        elif not args.model:
            out.write("model card: not measured yet (run experiments/run_all.py with FRAMING_DATA set)\n")
    return 0
