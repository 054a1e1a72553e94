"""Grouped cross-validation summaries for ``framing train`` (folds by document, never by paragraph)."""

from __future__ import annotations

from sklearn.base import clone
from sklearn.model_selection import GroupKFold

__all__ = ["grouped_cv"]


def grouped_cv(estimator, records, key: str, *, folds: int = 5, seed: int = 0, progress=None) -> dict:
    """Mean of the headline metrics over ``folds`` document-grouped folds."""
    from ..datasets.records import stance_pairs
    from ..evaluation import persuasion_metrics, stance_metrics

    task, lang = key.split("-", 1)
    rs = [r for r in records if r.lang == lang]
    if task == "stance":
        items = stance_pairs(rs)
        y = [t.stance for _, t in items]
        groups = [r.doc_id or r.id or str(i) for i, (r, _) in enumerate(items)]
    else:
        items = [r for r in rs if r.label is not None]
        y = [r.label for r in items]
        groups = [r.doc_id or r.id or str(i) for i, r in enumerate(items)]
    n_groups = len(set(groups))
    k = min(folds, n_groups)
    if k < 2:
        return {"folds": 0, "metrics": {}}
    sums = {}
    for i, (tr, te) in enumerate(GroupKFold(n_splits=k).split(items, y, groups)):
        if progress:
            progress(f"{key}: cross-validation fold {i + 1}/{k}")
        est = clone(estimator).fit([items[j] for j in tr], [y[j] for j in tr])
        pred = list(est.predict([items[j] for j in te]))
        if task == "stance":
            m = stance_metrics([y[j] for j in te], pred, [items[j][1].target for j in te], rounds=0)["metrics"]
        else:
            m = persuasion_metrics(["true" if y[j] else "false" for j in te], pred, rounds=0)["metrics"]
        for name, v in m.items():
            sums[name] = sums.get(name, 0.0) + v
    return {"folds": k, "metrics": {name: round(v / k, 4) for name, v in sums.items()}}
