"""``framing lexicon stats|explain``: look inside the cue lexicons."""

from __future__ import annotations

from collections import Counter

from ..errors import UsageError
from ..fileio import Output
from ..lexicon import CATEGORIES, load_lexicon


def run(args) -> int:
    lex = load_lexicon(args.lexicon)
    with Output(getattr(args, "output", None)) as out:
        if args.lexicon_command == "stats":
            _stats(lex, args, out)
        else:
            _explain(lex, args, out)
    return 0


def _stats(lex, args, out):
    from ..output import dumps

    by = {}
    for lang in sorted({e.lang for e in lex.entries}):
        entries = lex.for_lang(lang)
        cats = Counter(e.category for e in entries)
        by[lang] = {
            "entries": len(entries),
            "forms": sum(len(e.forms) for e in entries),
            "categories": dict(sorted(cats.items())),
            "devices": sum(n for c, n in cats.items() if CATEGORIES[c].device),
            "signals": sum(n for c, n in cats.items() if not CATEGORIES[c].device),
            "with_neutral": sum(1 for e in entries if e.neutral),
            "match": dict(sorted(Counter(e.match for e in entries).items())),
        }
    doc = {"version": lex.version, "languages": by}
    if args.format == "json":
        out.write(dumps(doc, indent=2) + "\n")
        return
    out.write(f"lexicon {lex.version}\n")
    for lang, d in by.items():
        out.write(f"{lang}: {d['entries']} entries ({d['devices']} devices, {d['signals']} signals), "
                  f"{d['forms']} extra forms, {d['with_neutral']} with a neutral alternative\n")
        for cat, n in d["categories"].items():
            kind = "device" if CATEGORIES[cat].device else "signal"
            out.write(f"  {cat:<20} {n:>5}  {kind}\n")


def _explain(lex, args, out):
    from ..output import dumps

    hits = lex.lookup(args.term, args.lang)
    if not hits:
        from ..matcher import LexiconMatcher

        found = LexiconMatcher(lex).find(args.term, args.lang or ("ar" if any("\u0600" <= c <= "\u06ff" for c in args.term) else "en"))
        hits = [m.entry for m in found]
    if not hits:
        raise UsageError(f"{args.term!r} is not in the lexicon (nor any inflection of an entry)",
                         hint="try its lemma, or see 'framing lexicon stats'")
    if args.format == "json":
        out.write(dumps([{"term": e.term, "lang": e.lang, "category": e.category, "device": e.device,
                          "weight": e.weight, "match": e.match, "forms": list(e.forms), "neutral": e.neutral,
                          "note": e.note, "definition": CATEGORIES[e.category].definition, "source": e.source}
                         for e in hits], indent=2) + "\n")
        return
    for e in hits:
        kind = "device" if e.device else "signal"
        out.write(f"{e.term}  [{e.lang}]\n")
        out.write(f"  category  {e.category} ({kind}): {CATEGORIES[e.category].definition}\n")
        out.write(f"  weight    {e.weight} (1 mild .. 3 strong)\n  match     {e.match}\n")
        if e.forms:
            out.write(f"  forms     {' | '.join(e.forms)}\n")
        out.write(f"  neutral   {e.neutral or '(none)'}\n")
        if e.note:
            out.write(f"  note      {e.note}\n")
        if e.source != "builtin":
            out.write(f"  from      {e.source}\n")
