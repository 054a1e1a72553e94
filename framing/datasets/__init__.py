"""Datasets: the shared record format, our own corpus, and loaders for real corpora.

Public API::

    read_records(path) -> list[Record]        JSONL or CSV in the record format
    write_records(records, path)
    load_corpus(lang=None, split=None)         our own annotated corpus
"""

from .corpus import CorpusRecord, compile_markup, load_corpus, render_markup, split_of
from .records import STANCES, Record, TargetLabel, parse_record, read_records, record_to_dict, stance_pairs, write_records

__all__ = [
    "STANCES",
    "CorpusRecord",
    "Record",
    "TargetLabel",
    "compile_markup",
    "load_corpus",
    "parse_record",
    "read_records",
    "record_to_dict",
    "render_markup",
    "split_of",
    "stance_pairs",
    "write_records",
]
