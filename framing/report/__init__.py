"""The media-literacy report: one self-contained HTML page per article.

``framing report`` reads and analyses an article, then
:func:`render_report` lays out what was found (highlighted devices, stance
per party, sources, charts, questions to ask, the method's limits) in the
article's language, from the string table of :mod:`framing.report.strings`.
:func:`build_charts` draws the charts (matplotlib, imported only there).

>>> from framing.report import split_spans
>>> split_spans([(0, 4, 1), (2, 6, 2)])
[(0, 4, 1), (2, 4, 2), (4, 6, 2)]
"""

from .charts import Chart, build_charts, write_charts
from .html import device_cue_indices, flat_cues, questions, render_report, split_spans
from .strings import LANGS, STRINGS, report_lang, tr

__all__ = [
    "LANGS",
    "STRINGS",
    "Chart",
    "build_charts",
    "device_cue_indices",
    "flat_cues",
    "questions",
    "render_report",
    "report_lang",
    "split_spans",
    "tr",
    "write_charts",
]
