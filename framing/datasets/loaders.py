"""Loaders for real corpora, read in place (never copied into this repository).

Each loader takes the corpus folder (in its upstream layout, or the layout of
``FRAMING_DATA``) and returns :class:`~framing.datasets.Record` objects of the
shared record format. ``find_corpus(name)`` locates a folder: an explicit
path, else ``$FRAMING_DATA/<name>``.

=============  ==========================================================
name           what it gives
=============  ==========================================================
framing        our own corpus (package data), with ``split``
mawqif         Arabic tweets, stance toward three targets
newsmtsc       English news sentences, sentiment toward a person -> stance
fignews        news posts (ar, en, ...), "Biased against X" -> AGAINST X
araieval23-1a  Arabic paragraphs/tweets, persuasion yes/no
araieval23-1b  the same, persuasion techniques
armpro         Arabic news paragraphs: label, techniques, technique spans
babe           English sentences: biased or not, with marked words as spans
basil          English news paragraphs: lexical/informational bias spans, targets
=============  ==========================================================
"""

from __future__ import annotations

import ast
import csv
import glob
import json
import os
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import DataFormatError, InputError
from .records import Record, TargetLabel

__all__ = ["CORPORA", "CorpusInfo", "find_corpus", "load", "data_home"]


@dataclass(frozen=True)
class CorpusInfo:
    name: str
    folder: str
    task: str
    lang: str
    licence: str
    description: str


CORPORA: dict[str, CorpusInfo] = {
    c.name: c
    for c in [
        CorpusInfo("framing", "", "stance, persuasion, cues", "ar, en", "CC BY 4.0",
                   "our own annotated news-style paragraphs (ships with the package)"),
        CorpusInfo("mawqif", "mawqif", "stance", "ar", "see SOURCE.md (research use)",
                   "Arabic tweets, stance toward vaccination, digital transformation, women's empowerment"),
        CorpusInfo("newsmtsc", "newsmtsc", "stance", "en", "see SOURCE.md",
                   "English news sentences, sentiment toward a person (negative/neutral/positive)"),
        CorpusInfo("fignews", "fignews2024", "stance, persuasion", "ar, en, fr, he, hi", "MIT",
                   "posts on the 2023-24 Israel-Gaza war, majority 'biased against' votes"),
        CorpusInfo("araieval23-1a", "araieval23", "persuasion", "ar", "unclear (research use)",
                   "ArAIEval 2023 task 1A: persuasion yes/no in paragraphs and tweets"),
        CorpusInfo("araieval23-1b", "araieval23", "persuasion techniques", "ar", "unclear (research use)",
                   "ArAIEval 2023 task 1B: persuasion techniques"),
        CorpusInfo("armpro", "armpro", "persuasion, cues", "ar", "CC BY-NC-SA 4.0",
                   "ArMPro dev paragraphs: propaganda label, techniques and spans"),
        CorpusInfo("babe", "babe", "bias, cues", "en", "AGPL-3.0",
                   "BABE (SG2) sentences: biased / non-biased, marked biased words"),
        CorpusInfo("basil", "basil", "bias spans, targets", "en", "unclear (research use)",
                   "BASIL articles 2010-2016 as paragraphs, with bias spans"),
    ]
}

MAWQIF_TARGETS = {
    "Covid Vaccine": "لقاح كورونا",
    "Digital Transformation": "التحول الرقمي",
    "Women empowerment": "تمكين المرأة",
}
NEWSMTSC_POLARITY = {2.0: "AGAINST", 4.0: "NONE", 6.0: "FAVOR"}
FIGNEWS_SIDES = {"ar": ("فلسطين", "إسرائيل"), "en": ("Palestine", "Israel")}
FIGNEWS_LANGS = {"Arabic": "ar", "English": "en", "French": "fr", "Hebrew": "he", "Hindi": "hi"}


def data_home() -> str | None:
    """The folder named by ``FRAMING_DATA``, or None."""
    env = os.environ.get("FRAMING_DATA")
    return env if env else None


def find_corpus(name: str, path: str | None = None) -> str:
    """The folder of corpus ``name``: ``path`` if given, else ``$FRAMING_DATA/<folder>``.

    Raises
    ------
    InputError
        When the corpus cannot be found, saying where it looked and what to set.
    """
    if name not in CORPORA:
        raise InputError(f"unknown dataset {name!r}", hint=f"choose one of {', '.join(CORPORA)}")
    if path is not None:
        if not os.path.exists(path):
            raise InputError("no such file or directory", source=path)
        return path
    home = data_home()
    if home is None:
        raise InputError(
            f"cannot find the {name} corpus",
            hint="give its folder as PATH, or set FRAMING_DATA to the folder that holds it",
        )
    folder = os.path.join(home, CORPORA[name].folder)
    if not os.path.isdir(folder):
        raise InputError(f"the {name} corpus is not in FRAMING_DATA ({folder} does not exist)")
    return folder


def _one(folder: str, pattern: str, name: str) -> str:
    hits = sorted(glob.glob(os.path.join(folder, "**", pattern), recursive=True))
    if not hits:
        raise InputError(f"no file matching {pattern} under {folder} for the {name} corpus")
    return hits[0]


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8-sig") as fh:
        return fh.read()


def load_mawqif(folder: str) -> list[Record]:
    path = folder if folder.endswith(".csv") else _one(folder, "Mawqif_AllTargets_*.csv", "mawqif")
    out = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            target = MAWQIF_TARGETS.get(row["target"].strip())
            stance = {"favor": "FAVOR", "against": "AGAINST", "none": "NONE"}.get(row["stance"].strip().lower())
            if target is None or stance is None:
                raise DataFormatError(f"unexpected target/stance {row['target']!r}/{row['stance']!r}", source=path)
            out.append(
                Record(
                    text=row["text"].strip(),
                    id=f"mawqif-{row['ID']}",
                    lang="ar",
                    doc_id=f"mawqif-{row['ID']}",
                    source="mawqif",
                    date=row.get("Date") or None,
                    targets=(TargetLabel(target, stance),),
                    extra={"split": "train" if "Train" in os.path.basename(path) else "test",
                           "sarcasm": row.get("sarcasm"), "sentiment": row.get("sentiment")},
                )
            )
    return out


def _newsmtsc_name(gid: str, mention: str) -> str:
    parts = gid.split("_")
    name = "_".join(parts[4:-2]).strip(" ’'\"") if len(parts) >= 7 else ""
    return name if len(name) >= 3 and name[0].isalpha() else mention


def load_newsmtsc(folder: str) -> list[Record]:
    paths = [folder] if folder.endswith(".jsonl") else sorted(
        glob.glob(os.path.join(folder, "**", "NewsMTSC-dataset", "*.jsonl"), recursive=True)
    )
    if not paths:
        raise InputError(f"no NewsMTSC-dataset/*.jsonl under {folder}")
    out = []
    for path in paths:
        split = os.path.splitext(os.path.basename(path))[0]
        for lineno, line in enumerate(_read_text(path).splitlines(), 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            text = obj["sentence_normalized"]
            targets = []
            for t in obj["targets"]:
                mentions = [(t["from"], t["to"])]
                for fm in t.get("further_mentions") or []:
                    mentions.append((fm["from"], fm["to"]))
                name = _newsmtsc_name(t["Input.gid"], t["mention"])
                if any(x.target == name for x in targets):
                    continue
                targets.append(TargetLabel(name, NEWSMTSC_POLARITY[float(t["polarity"])], None, tuple(mentions)))
            gid = obj["primary_gid"]
            out.append(
                Record(
                    text=text,
                    id=f"newsmtsc-{split}-{lineno}",
                    lang="en",
                    doc_id="_".join(gid.split("_")[:3]),
                    source="newsmtsc",
                    targets=tuple(targets),
                    extra={"split": split},
                )
            )
    return out


def load_fignews(folder: str) -> list[Record]:
    text_path = _one(folder, "FIGNEWS-2024-TEXT-IAA.tsv", "fignews")
    vote_path = _one(folder, "FIGNEWS-2024-ALL-CLEAN-FLAT.tsv", "fignews")
    bias_labels = ["Biased against Palestine", "Biased against Israel", "Biased against both Palestine and Israel",
                   "Biased against others", "Unbiased", "Not Applicable", "Unclear"]
    votes = {}
    with open(vote_path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        idx = {h: i for i, h in enumerate(header)}
        prop_cols = [i for i, h in enumerate(header) if h.startswith("Propaganda") or h.startswith("Not Propaganda")]
        for row in reader:
            if len(row) < len(bias_labels) + 4 or row[idx["type"]] != "IAA":
                continue
            key = (row[idx["batch"]], row[idx["source_language"]], row[idx["id"]])
            counts = {lab: int(row[idx[lab]] or 0) for lab in bias_labels if lab in idx}
            prop = {header[i]: int(row[i] or 0) for i in prop_cols}
            votes[key] = (counts, prop)
    out = []
    with open(text_path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        idx = {h: i for i, h in enumerate(header)}
        for row in reader:
            key = (row[idx["Batch"]], row[idx["Source Language"]], row[idx["ID"]])
            if key not in votes:
                continue
            counts, prop = votes[key]
            ranked = Counter(counts).most_common()
            if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
                continue  # a tie: no majority
            label = ranked[0][0]
            lang = FIGNEWS_LANGS.get(key[1], "other")
            pal, isr = FIGNEWS_SIDES["ar" if lang == "ar" else "en"]
            mapping = {
                "Biased against Palestine": ((pal, "AGAINST"),),
                "Biased against Israel": ((isr, "AGAINST"),),
                "Biased against both Palestine and Israel": ((pal, "AGAINST"), (isr, "AGAINST")),
                "Unbiased": ((pal, "NONE"), (isr, "NONE")),
            }
            if label not in mapping:
                continue
            p_yes, p_no = prop.get("Propaganda", 0), prop.get("Not Propaganda", 0)
            out.append(
                Record(
                    text=row[idx["Text"]].strip(),
                    id=f"fignews-{key[0]}-{key[1]}-{key[2]}",
                    lang=lang,
                    doc_id=f"fignews-{key[0]}-{key[1]}-{key[2]}",
                    source="fignews",
                    targets=tuple(TargetLabel(t, s) for t, s in mapping[label]),
                    label=None if p_yes == p_no else p_yes > p_no,
                    extra={"batch": key[0], "english_mt": row[idx["English MT"]]},
                )
            )
    return out


def _araieval_doc(item_id: str, kind: str) -> str:
    if kind == "paragraph" and "_" in item_id:
        return "araieval-" + item_id.rsplit("_", 1)[0]
    return f"araieval-{item_id}"


def _load_araieval(folder: str, task: str) -> list[Record]:
    paths = sorted(glob.glob(os.path.join(folder, "**", f"task1{task}_*.jsonl"), recursive=True))
    paths = [p for p in paths if "no_label" not in p]
    if not paths:
        raise InputError(f"no task1{task}_*.jsonl under {folder}")
    out = []
    for path in paths:
        split = os.path.splitext(os.path.basename(path))[0].split("_", 1)[1]
        for line in _read_text(path).splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            kind = obj.get("type", "")
            if task == "A":
                label, techniques = str(obj["label"]).lower() == "true", None
            else:
                techniques = tuple(t for t in obj["labels"] if t != "no_technique")
                label = bool(techniques)
            out.append(
                Record(
                    text=obj["text"],
                    id=f"araieval23-{obj['id']}",
                    lang="ar",
                    doc_id=_araieval_doc(obj["id"], kind),
                    source="araieval23",
                    label=label,
                    techniques=techniques,
                    extra={"split": split, "type": kind},
                )
            )
    return out


def load_armpro(folder: str, version: str = "V2") -> list[Record]:
    base = os.path.join(folder, "dataset", "text", version) if os.path.isdir(os.path.join(folder, "dataset")) else folder
    span_files = sorted(glob.glob(os.path.join(base, "span", "*.jsonl")))
    if not span_files:
        raise InputError(f"no ArMPro span files under {base}")
    binary = {}
    for p in glob.glob(os.path.join(base, "binary", "*.jsonl")):
        for line in _read_text(p).splitlines():
            if line.strip():
                o = json.loads(line)
                binary[o["paragraph_id"]] = str(o["label"]).lower() == "true"
    out = []
    for path in span_files:
        split = "dev" if "dev" in os.path.basename(path) else "test"
        for line in _read_text(path).splitlines():
            if not line.strip():
                continue
            o = json.loads(line)
            text = o["paragraph"]
            spans = []
            for s in o.get("labels") or []:
                if 0 <= s["start"] < s["end"] <= len(text):
                    spans.append((s["start"], s["end"], s["technique"]))
            techniques = tuple(sorted({s[2] for s in spans}))
            out.append(
                Record(
                    text=text,
                    id=f"armpro-{o['paragraph_id']}",
                    lang="ar",
                    doc_id=f"armpro-{o['page_id']}",
                    source=o.get("page_domain") or "armpro",
                    date=o.get("page_date") or None,
                    label=binary.get(o["paragraph_id"], bool(spans)),
                    techniques=techniques,
                    spans=tuple(spans),
                    extra={"split": split, "paragraph_id": o["paragraph_id"]},
                )
            )
    return out


def _word_spans(text: str, words) -> list[tuple[int, int, str]]:
    spans = []
    taken = set()
    for w in words:
        w = str(w).strip()
        if not w:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text, re.I):
            if m.start() not in taken:
                taken.add(m.start())
                spans.append((m.start(), m.end(), "biased_word"))
                break
    return sorted(spans)


def load_babe(folder: str) -> list[Record]:
    path = folder if folder.endswith(".csv") else _one(folder, "final_labels_SG2.csv", "babe")
    out = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh, delimiter=";"), 2):
            label = {"Biased": True, "Non-biased": False}.get((row.get("label_bias") or "").strip())
            if label is None:
                continue
            text = row["text"]
            try:
                words = ast.literal_eval(row.get("biased_words") or "[]")
            except (ValueError, SyntaxError):
                words = []
            out.append(
                Record(
                    text=text,
                    id=f"babe-{i}",
                    lang="en",
                    doc_id=row.get("news_link") or f"babe-{i}",
                    source=row.get("outlet") or "babe",
                    topic=row.get("topic") or None,
                    label=label,
                    spans=tuple(_word_spans(text, words)),
                    extra={"outlet_type": row.get("type")},
                )
            )
    return out


def basil_paragraphs(folder: str):
    """Yield (paragraph id, article json, paragraph index, text, [(sentence offset, sentence id)])."""
    for path in sorted(glob.glob(os.path.join(folder, "articles", "*", "*.json"))):
        art = json.loads(_read_text(path))
        stem = os.path.splitext(os.path.basename(path))[0]
        n_sent = 0
        for k, para in enumerate(art.get("body-paragraphs") or []):
            offsets = []
            parts = []
            pos = 0
            for sent in para:
                offsets.append((pos, f"p{n_sent}"))
                parts.append(sent)
                pos += len(sent) + 1
                n_sent += 1
            text = " ".join(parts)
            if text.strip():
                yield f"basil-{stem}-{k}", art, k, text, offsets, path


def load_basil(folder: str) -> list[Record]:
    anns = {}
    for path in glob.glob(os.path.join(folder, "annotations", "*", "*_ann.json")):
        stem = os.path.basename(path)[: -len("_ann.json")]
        anns[stem] = json.loads(_read_text(path)).get("phrase-level-annotations") or []
    out = []
    for pid, art, k, text, offsets, path in basil_paragraphs(folder):
        stem = os.path.splitext(os.path.basename(path))[0]
        by_sid = {sid: off for off, sid in offsets}
        spans, polar = [], {}
        for a in anns.get(stem, []):
            if a.get("id") not in by_sid:
                continue
            off = by_sid[a["id"]]
            start, end = off + a["start"], off + a["end"]
            if 0 <= start < end <= len(text):
                spans.append((start, end, f"{a.get('bias', '')}_{a.get('polarity', '')}"))
                if a.get("target") and a.get("polarity") in ("neg", "pos"):
                    polar.setdefault(a["target"].replace("_", " "), set()).add(a["polarity"])
        targets = tuple(
            TargetLabel(t, "AGAINST" if p == {"neg"} else "FAVOR") for t, p in sorted(polar.items()) if len(p) == 1
        )
        out.append(
            Record(
                text=text,
                id=pid,
                lang="en",
                doc_id=f"basil-{art.get('triplet-uuid')}",
                source=str(art.get("source", "")).lower() or "basil",
                date=art.get("date"),
                targets=targets,
                spans=tuple(sorted(spans)),
                extra={"title": art.get("title"), "paragraph_index": k},
            )
        )
    return out


def _load_framing(_folder) -> list[Record]:
    from dataclasses import replace

    from .corpus import load_corpus

    out = []
    for r in load_corpus():
        out.append(replace(r.record, extra={**r.record.extra, "split": r.split, "pair_kind": r.pair_kind, "carrier": r.carrier}))
    return out


_LOADERS = {
    "framing": _load_framing,
    "mawqif": load_mawqif,
    "newsmtsc": load_newsmtsc,
    "fignews": load_fignews,
    "araieval23-1a": lambda f: _load_araieval(f, "A"),
    "araieval23-1b": lambda f: _load_araieval(f, "B"),
    "armpro": load_armpro,
    "babe": load_babe,
    "basil": load_basil,
}


def load(name: str, path: str | None = None) -> list[Record]:
    """Records of corpus ``name`` from ``path`` (or ``FRAMING_DATA``).

    Raises
    ------
    InputError
        When the corpus cannot be found or has an unexpected layout.
    """
    if name == "framing":
        return _load_framing(None)
    folder = find_corpus(name, path)
    try:
        records = _LOADERS[name](folder)
    except (KeyError, ValueError, json.JSONDecodeError) as exc:
        raise InputError(f"the {name} corpus has an unexpected format ({type(exc).__name__}: {exc})", source=folder) from None
    if not records:
        raise InputError(f"no records found for the {name} corpus", source=folder)
    return records
