"""Write ``reports/RESULTS.md`` from ``reports/results.json`` (generated; never edit it by hand).

What it does
    Reads the sections the experiment scripts wrote into ``results.json`` and
    renders one Markdown report: a table per task with every dataset, our figures
    with 95% bootstrap intervals beside the published reference points (with
    citations), the default recipe's accuracy on real news, ablations, learning
    curves, cross-lingual transfer, speed and size, cues, the git commit of the
    code and links to every figure in ``reports/figures/``. Sections whose script
    has not run are left out.

Data
    Only ``results.json`` (and the list of figure files).

    python experiments/results_report.py [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common import CITATIONS, REFERENCES, ROOT, fmt, read_results

DISPLAY_METRICS = {"macro_f1": "macro-F1", "f_avg": "F_avg", "accuracy": "accuracy", "micro_f1": "micro-F1",
                   "f_avg_by_target": "F_avg per target", "macro_f1_present": "macro-F1 over the gold classes"}
CITE_KEYS = {"alturayeif": "Alturayeif et al. 2022/2023", "hamborg": "Hamborg & Donnay 2021",
             "hasanain": "Hasanain et al. 2023", "spinde": "Spinde et al. 2021"}


def _m(res: dict, k: str) -> str:
    return fmt(res["metrics"].get(k), res.get("intervals_95", {}).get(k))


def _refs(key: str) -> str:
    refs = REFERENCES.get(key.split(":")[-1], [])
    return "; ".join(f"{DISPLAY_METRICS.get(r['metric'], r['metric'])} {r['value']:.2f} {r['system']} "
                     f"({CITE_KEYS[r['cite']]})" for r in refs) or "–"


def _n(res: dict) -> int:
    t = res.get("test") or {}
    return t.get("pairs", t.get("paragraphs", 0))


def _fig(out: Path, stem: str, alt: str) -> list[str]:
    if (out / "figures" / f"{stem}.png").exists():
        return ["", f"![{alt}](figures/{stem}.png)", f"*{alt}* ([SVG](figures/{stem}.svg))"]
    return []


def _share(res: dict) -> str:
    v = res.get("majority_share")
    return "–" if v is None else f"{v:.2f}"


def _notes(rows: dict) -> list[str]:
    """Footnotes for headline metrics that are not in the table's columns."""
    out = []
    for r in rows.values():
        k = r.get("headline")
        share = r.get("majority_share")
        if k in ("micro_f1", "accuracy") and share is not None and r["metrics"].get(k, 1) < share:
            out.append(f"- {r['name']}: {DISPLAY_METRICS[k]} {r['metrics'][k]:.3f} is below the majority-class share "
                       f"{share:.3f} (always guessing the majority label would score higher on this metric; "
                       f"macro-F1 {r['metrics']['macro_f1']:.3f} tells more).")
        if k == "macro_f1_present":
            out.append(f"- {r['name']}: no {', '.join(c for c in ('FAVOR', 'AGAINST', 'NONE') if c not in r['label_counts'])} "
                       f"labels in the gold data, so macro-F1 over three classes counts a class that cannot be right; "
                       f"macro-F1 over the classes present: **{_m(r, 'macro_f1_present')}** (its headline).")
    return [""] + out if out else []


def stance_table(section: dict) -> list[str]:
    lines = ["| dataset | split | test pairs | majority share | macro-F1 [95%] | F_avg [95%] | accuracy [95%] | "
             "published reference (official test set) |",
             "|---|---|---:|---:|---|---|---|---|"]
    for key, r in section.get("datasets", {}).items():
        mark = lambda k: f"**{_m(r, k)}**" if r.get("headline") == k else _m(r, k)  # noqa: E731
        lines.append(f"| {r['name']} | {r['split']} | {_n(r)} | {_share(r)} | {mark('macro_f1')} | {mark('f_avg')} | "
                     f"{mark('accuracy')} | {_refs(key)} |")
    return lines + _notes(section.get("datasets", {}))


def persuasion_table(section: dict) -> list[str]:
    lines = ["| dataset | split | test items | majority share | micro-F1 = accuracy [95%] | macro-F1 [95%] | "
             "F1 of 'true' | published reference (official test set) |",
             "|---|---|---:|---:|---|---|---|---|"]
    for key, r in section.get("datasets", {}).items():
        f1_true = r["per_class"].get("true", {}).get("f1")
        mark = lambda k: f"**{_m(r, k)}**" if r.get("headline") == k else _m(r, k)  # noqa: E731
        lines.append(f"| {r['name']} | {r['split']} | {_n(r)} | {_share(r)} | {mark('micro_f1')} | {mark('macro_f1')} | "
                     f"{fmt(f1_true)} | {_refs(key)} |")
    return lines


def tuning_diagnostics_section(results: dict) -> list[str]:
    """``tuning_diagnostics.py``: learning curve and in-domain cross-validation on the tuning annotations."""
    L = []
    for key, title in (("tuning_diagnostics", "the corpus as it is"),
                       ("tuning_diagnostics_excluding", "the corpus without some batches")):
        d = results.get(key)
        if not d or not d.get("languages"):
            continue
        if not L:
            L += ["## Would more corpus, or real data, help? (tuning annotations only)", "",
                  "From `experiments/tuning_diagnostics.py` (`--exclude B1,B2` measures the corpus without those "
                  "batches). The default stance model trained on a fraction of our corpus's train-split stories, "
                  "macro-F1 on the **tuning** annotations (with the recipe's NONE bias); and five-fold "
                  "cross-validation by article over the tuning annotations (no NONE bias).", ""]
        excluded = f" (without {', '.join(d['exclude'])})" if d.get("exclude") else ""
        L += [f"**{title.capitalize()}**{excluded}:", "",
              "| language | tuning pairs | " + " | ".join(f"{f:g} of the stories" for f in d["fractions"])
              + " | real pairs only (CV) | our corpus + real pairs (CV) | our corpus only |",
              "|---|---:|" + "---|" * (len(d["fractions"]) + 3)]
        for lang, v in d["languages"].items():
            cells = [f"{p['mean']:.3f} ({p['paragraphs']:,})" for p in v["learning_curve"]]
            cv = v["in_domain_cv"]
            L.append(f"| {lang} | {v['tuning_pairs']} | " + " | ".join(cells) + " | "
                     + " | ".join(f"{cv[k]:.3f}" for k in ("real tuning pairs only", "our corpus + real tuning pairs",
                                                            "our corpus only")) + " |")
        L.append("")
    return L


def transfer_tables(section: dict) -> list[str]:
    rows = section.get("default_recipe", {})
    lines = ["| dataset | task | test n | majority share | macro-F1 [95%] | accuracy [95%] | F_avg [95%] | in model card |",
             "|---|---|---:|---:|---|---|---|---|"]
    for key, r in rows.items():
        f_avg = _m(r, "f_avg") if r["task"] == "stance" else "–"
        lines.append(f"| {r['name']} | {r['task']} | {_n(r)} | {_share(r)} | {_m(r, 'macro_f1')} | {_m(r, 'accuracy')} | "
                     f"{f_avg} | {'no (our own corpus: contrast only)' if r.get('own_corpus') else 'yes'} |")
    lines += _notes(rows)
    ann = [r for k, r in rows.items() if k.startswith("stance:annotations")]
    for r in ann:
        bm = r.get("by_mention") or {}
        if bm:
            parts = [f"{k.replace('_', ' ')}: {v['pairs']} pairs, macro-F1 {v['macro_f1']:.3f}" for k, v in bm.items()]
            lines.append("")
            labels = r["confusion_matrix"]["labels"]
            cm = r["confusion_matrix"]["rows_true_cols_pred"]
            total = sum(map(sum, cm)) or 1
            i = labels.index("NONE")
            pred_none = sum(row[i] for row in cm) / total
            gold_none = sum(cm[i]) / total
            lines.append(f"{r['name']}: the model says NONE for {100 * pred_none:.0f}% of the pairs; the gold label is "
                         f"NONE for {100 * gold_none:.0f}% (recall of NONE {r['per_class']['NONE']['recall']:.2f}).")
            lines.append(f"{r['name']}: " + "; ".join(parts) + ". Predicted label counts: " + ", ".join(
                f"{lab} {sum(row[j] for row in r['confusion_matrix']['rows_true_cols_pred'])}"
                for j, lab in enumerate(r["confusion_matrix"]["labels"])) + "; gold: " + ", ".join(
                f"{k} {v}" for k, v in r["label_counts"].items()) + ".")
    first = section.get("first_pass_labels") or {}
    if first:
        lines += ["", "Our real-paragraph labels were annotated twice, blind (`datasets/annotations/agreement/`); the "
                      "evaluation files carry the first pass with its disagreements adjudicated. The default model "
                      "against the first pass alone, and the agreement of the two passes:", "",
                  "| evaluation set | pairs | macro-F1 on the first pass [95%] | observed agreement | Cohen's kappa | "
                  "kappa where both passes said high (pairs) | disagreements: adjudicated to first / second / other |",
                  "|---|---:|---|---:|---:|---|---|"]
        for d in first.values():
            a = d.get("agreement") or {}
            both = a.get("both_high") or {}
            adj = (f"{a.get('disagreements')}: {a.get('adjudicated_to_first')} / {a.get('adjudicated_to_second')} / "
                   f"{a.get('adjudicated_to_other')}") if a.get("disagreements") is not None else "–"
            lines.append(f"| {d['name']} | {d['pairs']} | {fmt(d['macro_f1'], d.get('interval_95'))} | "
                         f"{fmt(a.get('observed_agreement'))} | {fmt(a.get('cohen_kappa'))} | "
                         f"{fmt(both.get('cohen_kappa'))} ({both.get('pairs', '–')}) | {adj} |")
    cl = section.get("cross_lingual") or {}
    if cl:
        lines += ["", "Across languages (our corpus: trained on one language's train split, tested on the other's "
                      "test split):", "",
                  "| direction | features | stance macro-F1 [95%] | persuasion macro-F1 [95%] |", "|---|---|---|---|"]
        for direction, variants in cl.items():
            for variant, d in variants.items():
                lines.append(f"| {direction} | {variant} | {_m(d['stance'], 'macro_f1')} | {_m(d['persuasion'], 'macro_f1')} |")
    ab = section.get("default_ablations") or {}
    if ab:
        variants = list(next(iter(ab.values()))["variants"])
        lines += ["", "Feature groups of the default recipe on our annotations of real news (trained on our corpus's "
                      "train split; the NONE bias of `framing/data/default_recipe.json`, chosen on the tuning "
                      "annotations, applied to every variant but the last); stance macro-F1 [95%]:", "",
                  "| evaluation set | NONE bias | " + " | ".join(variants) + " |", "|---|---:|" + "---|" * len(variants)]
        for d in ab.values():
            cells = []
            for v in variants:
                c = d["variants"][v]
                ci = c.get("interval_95")
                cells.append(f"{c['macro_f1']:.3f}" + (f" [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else ""))
            lines.append(f"| {d['name']} | {d['none_bias']} | " + " | ".join(cells) + " |")
    return lines


def ablation_table(section: dict) -> list[str]:
    lines = []
    for task in ("stance", "persuasion"):
        data = section.get(task) or {}
        if not data:
            continue
        variants = list(next(iter(data.values()))["variants"])
        lines += ["", f"**{task.capitalize()}** (macro-F1 [95%]):", "",
                  "| dataset | " + " | ".join(variants) + " |", "|---|" + "---|" * len(variants)]
        for d in data.values():
            lines.append(f"| {d['name']} | " + " | ".join(_m(d["variants"][v], "macro_f1") for v in variants) + " |")
    return lines


def learning_table(section: dict) -> list[str]:
    lines = []
    for task in ("stance", "persuasion"):
        data = section.get(task) or {}
        if not data:
            continue
        lines += ["", f"**{task.capitalize()}** (macro-F1, mean ± std over seeds; training items in brackets):", "",
                  "| dataset | " + " | ".join(f"{int(100 * f)}%" for f in section["fractions"]) + " |",
                  "|---|" + "---|" * len(section["fractions"])]
        for d in data.values():
            lines.append(f"| {d['name']} | " + " | ".join(f"{p['mean']:.3f} ± {p['std']:.3f} ({p['items']:.0f})"
                                                        for p in d["points"]) + " |")
    return lines


def per_target_table(section: dict) -> list[str]:
    lines = ["| dataset | pairs | F_avg | target |", "|---|---:|---:|---|"]
    any_row = False
    for key, r in section.get("datasets", {}).items():
        pt = r.get("per_target") or {}
        if not pt or len(pt) > 12:
            continue
        for t, d in sorted(pt.items(), key=lambda kv: -kv[1]["pairs"]):
            lines.append(f"| {r['name']} | {d['pairs']} | {d['f_avg']:.3f} | {t} |")
            any_row = True
    return lines if any_row else []


def speed_table(section: dict) -> list[str]:
    lines = ["| what | value |", "|---|---|"]
    m = section.get("machine", {})
    for key, d in (section.get("training") or {}).items():
        src = "+".join(d["sources"]) + (", repeated to size" if d.get("repeated") else "")
        lines.append(f"| train {key} on {d['items']} {d['unit']} ({src}) | {d['seconds']:.1f} s |")
    dr = section.get("default_recipe") or {}
    if dr:
        lines.append(f"| build the default recipe (4 models, our corpus) | {dr['build_seconds']:.1f} s |")
        lines.append(f"| default model file size | {dr['file_bytes'] / 1e6:.2f} MB |")
        lines.append(f"| default model load time (median of 5) | {dr['load_seconds_median'] * 1000:.0f} ms |")
        for lang, t in (dr.get("throughput") or {}).items():
            lines.append(f"| prediction, {lang}, persuasion (one core, cold) | {t['persuasion_paragraphs_per_second']:.0f} "
                         f"paragraphs/s ({t['paragraphs']} {t['source']} paragraphs, {t['mean_chars']} characters) |")
            lines.append(f"| prediction, {lang}, stance toward one target (one core, cold) | "
                         f"{t['stance_paragraphs_per_second']:.0f} paragraphs/s |")
    lines.append("")
    lines.append(f"Machine: {m.get('cpus')} CPUs ({m.get('processor')}), Python {m.get('python')}; BLAS limited to "
                 "one thread.")
    return lines


def cue_tables(results: dict) -> list[str]:
    lines = []
    ce = results.get("cue_evaluation") or {}
    if ce.get("results"):
        lines += ["All device cues against human spans (from `experiments/cue_evaluation.py`, also in `reports/cues.md`):",
                  "", "| data | label | token P | token R | token F1 | span P | span R | span F1 |",
                  "|---|---|---|---|---|---|---|---|"]
        for r in ce["results"]:
            for lab, d in r["per_label"].items():
                t, s = d["token"], d["span"]
                lines.append(f"| {r['title']} | {lab} | {t['precision']:.3f} | {t['recall']:.3f} | {t['f1']:.3f} | "
                             f"{s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    cc = (results.get("cue_categories") or {}).get("corpora") or {}
    for d in cc.values():
        lines += ["", f"Per category, {d['title']} ({d['records']} records, {d['gold_spans']} gold spans):", "",
                  "| category | cue spans | token precision | token recall |", "|---|---:|---:|---:|"]
        for cat, v in sorted(d["categories"].items(), key=lambda kv: -kv[1]["predicted"]):
            lines.append(f"| {cat.replace('_', ' ')} | {v['predicted']} | {v['precision']:.3f} | {v['recall']:.3f} |")
    lc = (results.get("lexicon_coverage") or {}).get("languages") or {}
    if lc:
        lines += ["", "Lexicon coverage (from `experiments/lexicon_coverage.py`): "
                  + "; ".join(f"{lang}: {d['entries_found']}/{d['entries']} entries occur in {d['paragraphs']} "
                              f"{d['sample']} paragraphs ({100 * d['coverage']:.1f}%)" for lang, d in lc.items()) + "."]
    return lines


def headlines(results: dict) -> list[str]:
    """One line per dataset: the headline metric with its interval, in domain and for the default recipe."""
    lines = []
    for section, label in (("stance_eval", "in domain"), ("persuasion_eval", "in domain")):
        for key, r in ((results.get(section) or {}).get("datasets") or {}).items():
            k = r.get("headline", "macro_f1")
            ref = _refs(key)
            lines.append(f"- {r['task']}, {r['name']} ({label}): {DISPLAY_METRICS.get(k, k)} {_m(r, k)}"
                         + (f"; published: {ref}" if ref != "–" else ""))
    for key, r in ((results.get("transfer") or {}).get("default_recipe") or {}).items():
        if r.get("own_corpus"):
            continue
        k = r.get("headline", "macro_f1")
        lines.append(f"- {r['task']}, {r['name']} (**default recipe**, trained on our corpus): "
                     f"{DISPLAY_METRICS.get(k, k)} {_m(r, k)}" + (f", macro-F1 {_m(r, 'macro_f1')}" if k != "macro_f1" else ""))
    return lines


def render(results: dict, out: Path) -> str:
    about = results.get("about", {})
    ra = results.get("run_all") or {}
    quick = any((results.get(s) or {}).get("quick") for s in ("stance_eval", "persuasion_eval", "transfer"))
    L = ["# Results", "",
         "Generated by `python experiments/run_all.py` (then `experiments/results_report.py`) from "
         "`reports/results.json`; do not edit by hand.", "",
         f"- Code: git commit `{about.get('commit') or 'unknown'}`, framing {about.get('framing_version')}.",
         ]
    if ra:
        L.append(f"- Full run: {ra.get('seconds', 0) / 60:.1f} minutes on this machine "
                 f"({'--quick subsample' if ra.get('quick') else 'full data'}); per script: "
                 + ", ".join(f"{k} {v['seconds']:.0f} s" for k, v in (ra.get("scripts") or {}).items()) + ".")
    if quick:
        L.append("- **These are `--quick` numbers on small subsamples: not results.**")
    rounds = (results.get("stance_eval") or results.get("transfer") or {}).get("bootstrap_rounds", 1000)
    L += [f"- Intervals are 95% bootstrap percentile intervals ({rounds:,} resamples of the test items); "
          "*majority share* is the share of the most frequent gold label (the accuracy of always guessing it); "
          "the headline metric of each dataset (the one its literature reports) is in bold.",
          "- **Our figures are on document-grouped dev splits made here** (20% of documents chosen by a SHA-256 hash "
          "of `seed:doc_id`, seed 0), or on our corpus's fixed test split; the official test splits are withheld "
          "from our copies. **The published reference points are on the official test sets**, with models "
          "(mostly fine-tuned transformers) far larger than ours, so the comparison is indicative only.",
          "- Every dataset that was absent when the scripts ran is listed under *Skipped*.", ""]
    hl = headlines(results)
    if hl:
        L += ["## Headline figures", ""] + hl + [""]

    se = results.get("stance_eval")
    if se:
        L += ["## Stance (in domain: trained and tested on each corpus)", "",
              "A linear model over word and character n-grams, cue features and target-relative features "
              "(`framing.models.StanceClassifier`, default parameters).", ""] + stance_table(se)
        L += _fig(out, "stance_per_class", "Stance: per-class precision, recall and F1 with reference points")
        L += _fig(out, "stance_confusion", "Stance: confusion matrices")
        pt = per_target_table(se)
        if pt:
            L += ["", "Per target (datasets with few targets):", ""] + pt
        L += _fig(out, "stance_per_target", "Stance: F_avg per target")
        L += _fig(out, "stance_pr", "Stance: precision-recall curves")
        L += _fig(out, "stance_reliability", "Stance: reliability diagram")
        L.append("")
    pe = results.get("persuasion_eval")
    if pe:
        L += ["## Persuasion and bias (in domain)", "",
              "`framing.models.PersuasionClassifier`: is a paragraph persuasive (ArAIEval, ArMPro, our corpus) or "
              "a sentence biased (BABE)?", ""] + persuasion_table(pe)
        L += _fig(out, "persuasion_per_class", "Persuasion: per-class precision, recall and F1 with reference points")
        L += _fig(out, "persuasion_confusion", "Persuasion: confusion matrices")
        L += _fig(out, "persuasion_pr", "Persuasion: precision-recall curves")
        L += _fig(out, "persuasion_reliability", "Persuasion: reliability diagram")
        L.append("")
    tr = results.get("transfer")
    if tr:
        b = tr.get("bundle", {})
        L += ["## The default recipe on real news (transfer)", "",
              f"The model `framing score` uses (recipe: *{b.get('recipe')}*; {b.get('file_bytes', 0) / 1e6:.1f} MB), "
              "trained on our own corpus only, evaluated without retraining on real corpora (the same dev splits as "
              "above) and on **our stance annotations of real ArMPro and BASIL paragraphs** (never used for training). "
              "These rows (not our own corpus) are the model card `framing/data/model_card.json`.", ""]
        L += transfer_tables(tr)
        L += _fig(out, "transfer_vs_in_domain", "Trained in domain vs the default recipe")
        L += _fig(out, "transfer_per_class", "Default recipe: per-class scores on real news")
        L += _fig(out, "transfer_confusion", "Default recipe: confusion matrices on real news")
        L += _fig(out, "transfer_reliability", "Default recipe: reliability on real news")
        for task in ("stance", "persuasion"):
            for lang in ("ar", "en"):
                L += _fig(out, f"top_features_{task}_{lang}", f"Default {task} model ({lang}): top features per class")
        L.append("")
    L += tuning_diagnostics_section(results)
    ab = results.get("ablations")
    if ab:
        L += ["## Ablations", "", "Feature groups switched off with the estimators' flags "
              "(`use_words`, `use_chars`, `use_cues`, `use_target`); same splits as above."] + ablation_table(ab)
        L += _fig(out, "ablations", "Ablations")
        L.append("")
    lc = results.get("learning_curves")
    if lc:
        L += ["## Learning curves", "", "Training on a share of the training documents (three seeds below 100%), "
              "scored on the fixed dev/test split."] + learning_table(lc)
        L += _fig(out, "learning_curves", "Learning curves")
        L.append("")
    sp = results.get("speed_size")
    if sp:
        L += ["## Speed and size", ""] + speed_table(sp) + [""]
    cues = cue_tables(results)
    if cues:
        L += ["## Cues", ""] + cues
        L += _fig(out, "cue_categories", "Cue precision and recall per category")
        L.append("")
    skipped = {}
    for name, sec in results.items():
        if isinstance(sec, dict):
            for k, v in (sec.get("skipped") or {}).items():
                skipped.setdefault(k, v)
    if skipped:
        L += ["## Skipped", ""] + [f"- {k}: {v}" for k, v in sorted(skipped.items())] + [""]
    figs = sorted(p.stem for p in (out / "figures").glob("*.png")) if (out / "figures").is_dir() else []
    if figs:
        L += ["## Figures", ""] + [f"- [{s}](figures/{s}.png) ([SVG](figures/{s}.svg))" for s in figs] + [""]
    L += ["## References", ""] + [f"- {CITE_KEYS[k]}: {v}" for k, v in CITATIONS.items()]
    L += ["", "The reference values are those reported by the papers on the official test sets: Mawqif F_avg ≈0.72 "
          "(TF-IDF + SVM) and ≈0.84 (transformers); NewsMTSC F1m 0.817 → 0.831 on devtest-rw (the paper's "
          "abstract); ArAIEval 2023 1A micro-F1 ≈0.76 (AraBERT); BABE macro-F1 0.57 (lexicon + XGBoost) and 0.80 "
          "(fine-tuned BERT)."]
    return "\n".join(L) + "\n"


def write(out: Path) -> Path:
    from framing.fileio import atomic_write

    out = Path(out)
    results = read_results(out)
    path = out / "RESULTS.md"
    with atomic_write(path) as fh:
        fh.write(render(results, out))
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Write RESULTS.md from results.json.")
    ap.add_argument("--out", metavar="DIR", default=str(ROOT / "reports"))
    args = ap.parse_args(argv)
    print("wrote", write(Path(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
