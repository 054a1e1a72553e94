"""``framing datasets fetch NAME``: download a public corpus from its source, for users with internet.

Every source is pinned to a commit. After the download the corpus is
checked by its loader (format and record count), and the SHA-256 of every
file is recorded in ``<dest>/<folder>/.framing-fetch.json``; a later fetch
that receives different bytes says so. Corpora under a non-commercial,
copyleft or unstated licence need ``--accept-licence``.

Nothing here runs during scoring or at import: this is the only code in
framing that opens a network connection, and only when asked to.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from ..errors import InputError, UsageError
from ..fileio import atomic_write

__all__ = ["SOURCES", "Source", "fetch"]

RAW = "https://raw.githubusercontent.com"
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Source:
    name: str
    folder: str
    repo: str
    commit: str
    files: tuple[str, ...]
    licence: str
    needs_acceptance: bool
    min_records: int


SOURCES: dict[str, Source] = {
    s.name: s
    for s in [
        Source("mawqif", "mawqif", "NoraAlt/Mawqif-Arabic-Stance", "1310ffe31762dae33ccb33c6446875ded1c02391",
               ("Data/Mawqif_AllTargets_Train.csv",), "not stated by the authors (research use)", True, 3000),
        Source("newsmtsc", "newsmtsc", "fhamborg/NewsMTSC", "b9d9b79704ed1b35cecaf1d7c2343dc1bd734fb7",
               ("NewsSentiment/controller_data/datasets/NewsMTSC-dataset/train.jsonl",),
               "MIT for new files; news text from third parties (research use)", True, 7000),
        Source("fignews", "fignews2024", "CAMeL-Lab/FIGNEWS-2024", "11c81bc07e82b1141714cf022b8c6a23e4f0210b",
               ("data/FIGNEWS-2024-TEXT-IAA.tsv", "data/FIGNEWS-2024-ALL-CLEAN-FLAT.tsv"), "MIT", False, 500),
        Source("araieval23-1a", "araieval23", "nouman-10/ArAIEval-Shared-Task", "9a5e7c1500150cd9ea95ccab3e20f753909cb8e1",
               ("data/task1/task1A_train.jsonl", "data/task1/task1A_dev.jsonl"),
               "not stated (research use, as the organisers' overview says)", True, 2000),
        Source("armpro", "armpro", "MaramHasanain/ArMPro", "4caa4d3b9f45bc749e7865a88a61d1024b090eac",
               ("dataset/text/V2/span/ArMPro_span_dev_V2.jsonl", "dataset/text/V2/binary/ArMPro_binary_dev_V2.jsonl"),
               "CC BY-NC-SA 4.0 (non-commercial, share-alike)", True, 600),
        Source("babe", "babe", "Media-Bias-Group/Neural-Media-Bias-Detection-Using-Distant-Supervision-With-BABE",
               "fb79f646dcabf1746f5ebedc06ed8dd61ba78188", ("data/final_labels_SG2.csv",), "GNU AGPL-3.0 (copyleft)",
               True, 2500),
    ]
}


def _progress(name: str, done: int, total: int | None, stream) -> None:
    if total:
        width = 30
        filled = int(width * done / total)
        stream.write(f"\r  {name} [{'#' * filled}{'.' * (width - filled)}] {done / 1e6:6.1f} / {total / 1e6:.1f} MB")
    else:
        stream.write(f"\r  {name} {done / 1e6:6.1f} MB")
    stream.flush()


def _download(url: str, dest: str, *, timeout: float, stream) -> str:
    """Download ``url`` to ``dest`` atomically; return the SHA-256 of what arrived."""
    h = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - http(s) URLs from our table
            total = int(resp.headers.get("Content-Length") or 0) or None
            done = 0
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with atomic_write(dest, "wb", encoding=None) as fh:
                while True:
                    chunk = resp.read(CHUNK)
                    if not chunk:
                        break
                    fh.write(chunk)
                    h.update(chunk)
                    done += len(chunk)
                    _progress(os.path.basename(dest), done, total, stream)
            stream.write("\n")
    except urllib.error.HTTPError as exc:
        raise InputError(f"download failed: HTTP {exc.code} for {url}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"download failed for {url} ({reason})", hint="check your connection, or use --mirror") from None
    return h.hexdigest()


def fetch(name: str, dest: str, *, accept_licence: bool = False, mirror: str | None = None,
          timeout: float = 60.0, stream=None) -> dict:
    """Download corpus ``name`` into ``dest/<folder>``, check it, and record its checksums.

    Parameters
    ----------
    name : str
        One of :data:`SOURCES`.
    dest : str
        The data folder (what ``FRAMING_DATA`` should name afterwards).
    accept_licence : bool
        Required for corpora under non-commercial, copyleft or unstated licences.
    mirror : str, optional
        Base URL standing in for the raw GitHub host (a mirror, or a local test server).

    Returns
    -------
    dict
        What was fetched: files with SHA-256, record count, and warnings.
    """
    stream = stream or sys.stderr
    if name not in SOURCES:
        raise UsageError(f"no download source for {name!r}", hint=f"fetchable: {', '.join(SOURCES)}")
    src = SOURCES[name]
    stream.write(f"{name}: licence: {src.licence}\n")
    if src.needs_acceptance and not accept_licence:
        raise UsageError(
            f"the {name} corpus is under '{src.licence}'",
            hint="read its terms, then rerun with --accept-licence to download it for your own use",
        )
    base = (mirror or os.environ.get("FRAMING_FETCH_MIRROR") or RAW).rstrip("/")
    folder = os.path.join(dest, src.folder)
    record_path = os.path.join(folder, ".framing-fetch.json")
    previous = {}
    if os.path.exists(record_path):
        with open(record_path, encoding="utf-8") as fh:
            previous = json.load(fh).get("files", {})
    files, warnings = {}, []
    for rel in src.files:
        url = f"{base}/{src.repo}/{src.commit}/{rel}"
        sha = _download(url, os.path.join(folder, rel), timeout=timeout, stream=stream)
        files[rel] = {"url": url, "sha256": sha}
        old = previous.get(rel, {}).get("sha256")
        if old and old != sha:
            warnings.append(f"{rel} changed since the last fetch (SHA-256 {old[:12]}… -> {sha[:12]}…)")
    from .loaders import load

    records = load(name, folder)
    if len(records) < src.min_records:
        raise InputError(f"the downloaded {name} corpus has {len(records)} records, fewer than the expected "
                         f"{src.min_records}: the source may have changed", source=folder)
    info = {"name": name, "repo": src.repo, "commit": src.commit, "licence": src.licence,
            "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "records": len(records),
            "files": files}
    with atomic_write(record_path) as fh:
        fh.write(json.dumps(info, indent=2) + "\n")
    for w in warnings:
        stream.write(f"framing: warning: {w}\n")
    stream.write(f"{name}: {len(records)} records in {folder}\n")
    return {**info, "warnings": warnings}
