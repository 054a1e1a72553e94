"""Quality gates of our own corpus: counts, balance, pairs, carriers, near-duplicates, artifacts.

Usage::

    python datasets/check_corpus.py                 # the report as text
    python datasets/check_corpus.py --json out.json # and as JSON
    python datasets/check_corpus.py --artifacts     # also train the artifact probes (a minute)

What it measures (the datasheet quotes these numbers):

* records per language, stance-class shares per language, persons' share of
  target labels, pair counts by kind, median paragraph length;
* the share of FAVOR/AGAINST labels whose paragraph has no device term of our
  lexicon (stance carried by selection, attribution or agency), and of NONE
  labels whose paragraph does have one;
* near-duplicates: paragraphs with a neighbour (other than a declared pair
  sibling) whose character-5-gram Jaccard similarity is above 0.6;
* with ``--artifacts``: on the test split (split by story), macro-F1 of a
  lexicon-only, a length-only and a target-only classifier beside the full
  stance model, trained on the train split.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from framing.datasets.corpus import load_corpus  # noqa: E402

NEAR_DUP_THRESHOLD = 0.6


def shingles(text: str, k: int = 5) -> set:
    t = " ".join(text.split())
    return {t[i : i + k] for i in range(max(1, len(t) - k + 1))}


def near_duplicates(records, threshold=NEAR_DUP_THRESHOLD):
    """Pairs (i, j, jaccard) above ``threshold`` that are not declared pair siblings."""
    sets = [shingles(r.record.text) for r in records]
    index = defaultdict(list)
    for i, s in enumerate(sets):
        for g in s:
            index[g].append(i)
    shared = Counter()
    for ids in index.values():
        if len(ids) > 200:
            continue  # very common 5-grams say nothing about duplication
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                shared[(ids[a], ids[b])] += 1
    out = []
    for (i, j), n in shared.items():
        ri, rj = records[i].record, records[j].record
        if ri.pair_id and ri.pair_id == rj.pair_id:
            continue
        jac = n / (len(sets[i]) + len(sets[j]) - n)
        if jac > threshold:
            out.append((ri.id, rj.id, round(jac, 3)))
    return sorted(out, key=lambda t: -t[2])


def target_kinds():
    """target name -> kind, from the corpus sidecars and the targets file."""
    import csv
    from importlib import resources

    kinds = {}
    root = resources.files("framing").joinpath("data/corpus")
    for p in root.iterdir():
        if p.name.endswith(".targets.tsv"):
            for row in csv.DictReader(p.read_text(encoding="utf-8").splitlines(), delimiter="\t"):
                if row.get("target"):
                    kinds[row["target"].strip()] = (row.get("kind") or "other").strip()
    try:
        from framing.targets import load_targets

        for t in load_targets().targets:
            kinds.setdefault(t.name, t.kind)
    except Exception:  # noqa: BLE001 - the targets file may not exist yet
        pass
    return kinds


def batch_of(r) -> str:
    """The writing batch of a corpus record (``ar-d``: the name of its source file)."""
    return Path(r.source_file).name.split(".")[0]


def unmentioned_pairs(records) -> dict:
    """(record id, target) -> stance, for the targets a paragraph never names (nor its aliases or short references).

    What the stance model sees as ``f:no_mention``: the target is referred to by a
    pronoun, a title or the story's context only, as real news often does.
    """
    from framing.models.features import find_mentions
    from framing.targets import load_targets

    targets = load_targets()
    out = {}
    for r in records:
        for t in r.record.targets:
            spans, _ = find_mentions(r.record.text, r.record.lang, t.target, targets, t.mentions)
            if not spans:
                out[(r.record.id, t.target)] = t.stance
    return out


def report(records, *, with_artifacts=False) -> dict:
    from framing.cues import CueExtractor

    ex = CueExtractor()
    kinds = target_kinds()
    out = {"languages": {}}
    for lang in sorted({r.record.lang for r in records}):
        rs = [r for r in records if r.record.lang == lang]
        labels = [t for r in rs for t in r.record.targets]
        stance = Counter(t.stance for t in labels)
        persons = sum(1 for t in labels if kinds.get(t.target) == "person")
        unknown = sorted({t.target for t in labels if t.target not in kinds})
        polar_no_term = polar = none_with_term = none = 0
        for r in rs:
            has_term = any(c.device and c.rule == "lexicon" for c in ex.find(r.record.text, lang))
            for t in r.record.targets:
                if t.stance == "NONE":
                    none += 1
                    none_with_term += has_term
                else:
                    polar += 1
                    polar_no_term += not has_term
        carriers = Counter(r.carrier for r in rs for t in r.record.targets if t.stance != "NONE")
        unmentioned = unmentioned_pairs(rs)
        out["languages"][lang] = {
            "records": len(rs),
            "target_labels": len(labels),
            "stance_shares": {k: round(v / len(labels), 3) for k, v in sorted(stance.items())},
            "person_share": round(persons / len(labels), 3) if labels else 0,
            "targets_without_kind": unknown[:20],
            "pairs": dict(Counter(r.pair_kind for r in rs if r.pair_kind)),
            "records_in_pairs": sum(1 for r in rs if r.record.pair_id),
            "median_chars": statistics.median(len(r.record.text) for r in rs) if rs else 0,
            "persuasion_share": round(sum(1 for r in rs if r.record.label) / len(rs), 3) if rs else 0,
            "with_spans_share": round(sum(1 for r in rs if r.record.spans) / len(rs), 3) if rs else 0,
            "polar_without_lexicon_term_share": round(polar_no_term / polar, 3) if polar else 0,
            "none_with_lexicon_term_share": round(none_with_term / none, 3) if none else 0,
            "declared_carriers_of_polar_labels": dict(carriers),
            "unmentioned_target_share": round(len(unmentioned) / len(labels), 3) if labels else 0,
            "unmentioned_polar_share": round(sum(1 for s in unmentioned.values() if s != "NONE") / len(unmentioned), 3)
            if unmentioned else 0,
            "unmentioned_target_share_by_batch": {
                b: round(sum((r.record.id, t.target) in unmentioned for r in rs if batch_of(r) == b
                             for t in r.record.targets) / n, 3)
                for b, n in sorted(Counter(batch_of(r) for r in rs for t in r.record.targets).items())},
            "topics": dict(Counter(r.record.topic for r in rs)),
            "splits": dict(Counter(r.split for r in rs)),
        }
    dups = near_duplicates(records)
    ids_with_dup = {a for a, _, _ in dups} | {b for _, b, _ in dups}
    out["near_duplicates"] = {"pairs": len(dups), "paragraph_share": round(len(ids_with_dup) / max(len(records), 1), 4),
                              "worst": dups[:10]}
    if with_artifacts:
        out["artifacts"] = artifacts(records)
    return out


def artifacts(records) -> dict:
    """Macro-F1 on the test split of probes that should stay near chance, beside the full model."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.preprocessing import OneHotEncoder

    from framing.models import StanceClassifier

    res = {}
    for lang in sorted({r.record.lang for r in records}):
        tr = [(r.record, t) for r in records if r.record.lang == lang and r.split == "train" for t in r.record.targets]
        te = [(r.record, t) for r in records if r.record.lang == lang and r.split == "test" for t in r.record.targets]
        if not tr or not te:
            continue
        ytr = [t.stance for _, t in tr]
        yte = [t.stance for _, t in te]
        scores = {}
        probes = {
            "full": StanceClassifier(),
            "lexicon_only": StanceClassifier(use_words=False, use_chars=False, use_target=False),
        }
        for name, clf in probes.items():
            clf.fit(tr, ytr)
            scores[name] = round(f1_score(yte, clf.predict(te), average="macro"), 3)
        length = lambda pairs: np.array([[len(r.text), len(r.text.split())] for r, _ in pairs], dtype=float)  # noqa: E731
        lr = LogisticRegression(class_weight="balanced", max_iter=1000).fit(length(tr), ytr)
        scores["length_only"] = round(f1_score(yte, lr.predict(length(te)), average="macro"), 3)
        enc = OneHotEncoder(handle_unknown="ignore")
        Xt = enc.fit_transform([[t.target] for _, t in tr])
        lr = LogisticRegression(class_weight="balanced", max_iter=1000).fit(Xt, ytr)
        scores["target_only"] = round(f1_score(yte, lr.predict(enc.transform([[t.target] for _, t in te])), average="macro"), 3)
        majority = Counter(ytr).most_common(1)[0][0]
        scores["majority_class"] = round(f1_score(yte, [majority] * len(yte), average="macro"), 3)
        scores["test_pairs"] = len(te)
        res[lang] = scores
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--artifacts", action="store_true")
    args = ap.parse_args(argv)
    rep = report(load_corpus(), with_artifacts=args.artifacts)
    text = json.dumps(rep, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
