"""``framing report``: one self-contained, deterministic HTML page per article.

The page is checked as text here (the browser tests in test_report_browser.py
check it as a reader's browser shows it): language and direction, nothing
fetched, no scripts, exactly the device cues of ``framing score`` marked,
crossing spans split, the string table complete in both languages, charts
written as PNG and SVG, and the same bytes every time.
"""

import html
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.cli import main
from framing.lexicon import CATEGORIES, DEVICE_CATEGORIES
from framing.report import STRINGS, device_cue_indices, questions, render_report, split_spans, tr
from framing.report.charts import inline_svg

#: Arabic with an English paragraph, Latin names and numbers, scare quotes, loaded words and a question.
MIXED = """ذعر غربي من شراكة الطاقة

قال وزير الطاقة إن الاتفاق «مبني على المصالح المشتركة» وإن الشراكة مع شركة Gazprom ستبدأ عام 2026.

تعمد الخبراء الغربيون إثارة الهستيريا بشأن الشراكة، واصفين إياها بأنها تهديد للغرب، في حين يواصل "المجتمع الدولي" صمته.

The minister's critics slammed the deal as a "historic blunder" and a disgrace for the region.

فلماذا يخاف الغرب من تعاون دول ذات سيادة؟
"""

ARABIC = re.compile("[\u0600-\u06ff]")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: Strings made of punctuation or placeholders only, the same in both languages by nature.
LANGUAGE_NEUTRAL = {"dash", "arrow", "quote_open", "quote_close", "method_card_row", "rs_word"}


# -- helpers ---------------------------------------------------------------------------


class MarkParser(HTMLParser):
    """Collects, per data-cue value, the text of each of its <mark> fragments (reference numbers left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[int] = []
        self.fragments: dict[int, list[str]] = defaultdict(list)
        self.titles: dict[int, set] = defaultdict(set)
        self.in_sup = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark":
            n = int(a["data-cue"])
            assert n not in self.open, f"mark {n} nested in itself"
            self.open.append(n)
            self.fragments[n].append("")
            self.titles[n].add(a.get("title"))
        elif tag == "sup":
            self.in_sup += 1

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()
        elif tag == "sup":
            self.in_sup -= 1

    def handle_data(self, data):
        if not self.in_sup:
            for n in self.open:
                self.fragments[n][-1] += data


def marks_of(page: str) -> MarkParser:
    parser = MarkParser()
    parser.feed(page)
    parser.close()
    assert parser.open == []
    return parser


def flat_device_cues(article: dict) -> dict[int, dict]:
    cues = [c for block in article["paragraphs"] + article["related"] for c in block.get("cues", [])]
    return {n: c for n, c in enumerate(cues) if c["device"]}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Report and score JSON per input, each made once through the command line."""
    cache = {}

    def get(name):
        if name not in cache:
            folder = tmp_path_factory.mktemp(f"report-{name}")
            if name == "mixed":
                path = folder / "mixed.txt"
                path.write_text(MIXED, encoding="utf-8")
                args = [str(path)]
            else:
                args = ["--example", name]
            page, scored = folder / "report.html", folder / "score.json"
            assert main(["report", *args, "-o", str(page)]) == 0
            assert main(["score", *args, "--format", "json", "-o", str(scored)]) == 0
            cache[name] = (args, page.read_text(encoding="utf-8"), json.loads(scored.read_text(encoding="utf-8")))
        return cache[name]

    return get


# -- the string table --------------------------------------------------------------------


def test_string_table_has_both_languages_with_the_same_placeholders():
    for key, texts in STRINGS.items():
        assert set(texts) == {"ar", "en"}, key
        assert texts["ar"].strip() and texts["en"].strip(), key
        assert set(PLACEHOLDER.findall(texts["ar"])) == set(PLACEHOLDER.findall(texts["en"])), key
        assert not ARABIC.search(texts["en"]), key
        if key not in LANGUAGE_NEUTRAL:
            assert ARABIC.search(texts["ar"]), key


def test_string_table_names_every_category():
    for cat in CATEGORIES:
        assert f"cat_{cat}" in STRINGS
    for cat in DEVICE_CATEGORIES:
        assert f"catshort_{cat}" in STRINGS and f"catdo_{cat}" in STRINGS


@pytest.mark.parametrize(("lang", "expected"), [("ar", "الفقرة 2"), ("en", "Paragraph 2"), ("other", "Paragraph 2")])
def test_tr_fills_placeholders(lang, expected):
    assert tr("para_label", lang, n=2) == expected


def test_tr_unknown_key_is_a_bug():
    with pytest.raises(KeyError, match="no_such_key"):
        tr("no_such_key", "ar")


# -- splitting crossing spans -----------------------------------------------------------------


@pytest.mark.parametrize(("spans", "expected"), [
    ([], []),
    ([(0, 5, "a")], [(0, 5, "a")]),
    ([(3, 3, "a"), (0, 2, "b")], [(0, 2, "b")]),
    ([(0, 3, "a"), (3, 6, "b")], [(0, 3, "a"), (3, 6, "b")]),
    ([(0, 10, "a"), (2, 4, "b")], [(0, 10, "a"), (2, 4, "b")]),
    ([(2, 4, "b"), (0, 10, "a")], [(0, 10, "a"), (2, 4, "b")]),
    ([(0, 5, "a"), (0, 5, "b")], [(0, 5, "a"), (0, 5, "b")]),
    ([(0, 10, "a"), (5, 15, "b")], [(0, 10, "a"), (5, 10, "b"), (10, 15, "b")]),
    ([(5, 15, "b"), (0, 10, "a")], [(0, 10, "a"), (5, 10, "b"), (10, 15, "b")]),
    ([(0, 6, "a"), (2, 8, "b"), (4, 10, "c")],
     [(0, 6, "a"), (2, 6, "b"), (4, 6, "c"), (6, 10, "c"), (6, 8, "b")]),
    ([(0, 20, "a"), (2, 8, "b"), (5, 12, "c")],
     [(0, 20, "a"), (2, 8, "b"), (5, 8, "c"), (8, 12, "c")]),
])
def test_split_spans(spans, expected):
    assert split_spans(spans) == expected


span_lists = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)).map(sorted), max_size=8)


@given(span_lists)
def test_split_spans_nests_and_covers(spans):
    spans = [(a, b, i) for i, (a, b) in enumerate(spans)]
    frags = split_spans(spans)
    for a, b, key in spans:
        own = sorted((x, y) for x, y, k in frags if k == key)
        if a == b:
            assert own == []
            continue
        assert own[0][0] == a and own[-1][1] == b
        assert all(y == x2 for (_, y), (x2, _) in zip(own, own[1:])), own  # contiguous, no overlap
    for i, (a, b, _) in enumerate(frags):
        assert a < b
        for c, d, _ in frags[i + 1:]:
            assert d <= a or b <= c or (a <= c and d <= b) or (c <= a and b <= d), (a, b, c, d)
    assert frags == sorted(frags, key=lambda f: (f[0], -f[1]))


# -- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "lang"), [("ar", "ar"), ("en", "en"), ("mixed", "ar")])
def test_report_language_direction_and_no_outside_resources(outputs, name, lang):
    _, page, _ = outputs(name)
    root = '<html lang="ar" dir="rtl">' if lang == "ar" else '<html lang="en" dir="ltr">'
    assert root in page
    lowered = page.lower()
    assert "<script" not in lowered
    for tag in ("<iframe", "<img", "<object", "<embed", "@import"):
        assert tag not in lowered, tag
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert re.findall(r"<link\b[^>]*>", page) == ['<link rel="icon" href="data:,">']
    assert "default-src 'none'" in page  # the page forbids itself any fetch
    for section in ("summary", "legend", "article", "sources", "charts", "questions", "method"):
        assert f'<section id="{section}">' in page, section
    assert page.count("<svg") == 4


@pytest.mark.parametrize("name", ["ar", "en", "mixed"])
def test_report_marks_exactly_the_device_cues_of_score(outputs, name):
    _, page, article = outputs(name)
    device = flat_device_cues(article)
    assert device, "the input should have device cues"
    assert device_cue_indices(article) == set(device)
    marks = marks_of(page)
    assert set(marks.fragments) == set(device)
    for n, cue in device.items():
        assert "".join(marks.fragments[n]) == cue["text"], n
        assert len(marks.titles[n]) == 1, n  # every fragment explains the same cue
        assert tr(f"cat_{cue['category']}", "en" if name == "en" else "ar") in marks.titles[n].pop()
    # the notes after each paragraph: one per device cue, numbered 1..N in reading order
    numbers = [int(k) for k in re.findall(r'<li id="note-(\d+)" value="\d+">', page)]
    assert numbers == list(range(1, len(device) + 1))
    assert page.count("<mark ") == sum(len(v) for v in marks.fragments.values())


def test_arabic_report_speaks_arabic_only(outputs):
    _, page, _ = outputs("ar")
    shown = re.sub(r"<(style|svg)\b.*?</\1>", " ", page, flags=re.S)
    shown = re.sub(r'<bdi lang="en"[^>]*>.*?</bdi>', " ", shown, flags=re.S)  # data names from the model card
    titles = re.findall(r'title="([^"]*)"', shown)
    shown = html.unescape(" ".join([re.sub(r"<[^>]+>", " ", shown)] + titles))
    for key, texts in STRINGS.items():
        literal = max(PLACEHOLDER.split(texts["en"]), key=len).strip()
        if len(literal) >= 8:
            assert literal not in shown, key
    assert not re.search(r"\b(?:the|and|of|in)\b", shown), "English words in the Arabic report"
    assert tr("method_card_missing", "ar") in page or tr("method_card_intro", "ar") in page
    for key in ("limit_irony", "limit_facts", "limit_context", "limit_translation"):
        assert tr(key, "ar") in page


def test_mixed_article_sets_direction_per_paragraph_and_isolates_latin(outputs):
    _, page, article = outputs("mixed")
    assert [p["lang"] for p in article["paragraphs"]] == ["ar", "ar", "en", "ar"]
    texts = re.findall(r'<p class="text" ([^>]*)>', page)
    assert texts == ['lang="ar" dir="rtl"', 'lang="ar" dir="rtl"', 'lang="en" dir="ltr"', 'lang="ar" dir="rtl"']
    assert "<bdi>Gazprom</bdi>" in page and "<bdi>2026</bdi>" in page
    english = re.search(r'<p class="text" lang="en" dir="ltr">(.*?)</p>', page).group(1)
    assert "<bdi>" not in english.replace('<bdi class="q"', "")


def test_questions_come_from_what_was_found(outputs):
    _, page, article = outputs("mixed")
    qs = questions(article, "ar")
    assert qs[-1] == tr("q_other_side", "ar")
    text = " ".join(re.sub("<[^>]+>", "", q) for q in qs)
    assert "الهستيريا" in text  # a loaded term aimed at a party the paragraph argues against
    assert "وصف الغرب" in text or "وصف المجتمع الدولي" in text
    assert '"المجتمع الدولي"' in text or "historic blunder" in text  # scare quotes
    assert "الخبراء الغربيون" in text  # the generalisation
    assert len(qs) <= 10
    for q in qs:
        assert q in page


def test_model_card_quotes_real_news_only(outputs):
    _, _, article = outputs("en")
    card = {"results": [
        {"dataset": "framing", "task": "stance", "metric": "macro-F1", "value": 0.97},
        {"dataset": "mawqif", "task": "stance", "metric": "macro-F1", "value": 0.5512},
    ]}
    page = render_report(article, card=card, charts=[])
    assert "mawqif (stance)" in page and "0.55" in page
    assert "0.97" not in page
    assert tr("method_card_missing", "en") not in page
    page = render_report(article, card=None, charts=[])
    assert tr("method_card_missing", "en") in page
    assert tr("charts_none", "en") in page


def test_report_is_deterministic(outputs, tmp_path):
    args, first, _ = outputs("ar")
    again = tmp_path / "again.html"
    assert main(["report", *args, "-o", str(again)]) == 0
    assert again.read_bytes() == first.encode("utf-8")


def test_charts_are_written_as_png_and_svg(tmp_path):
    out, charts = tmp_path / "r.html", tmp_path / "charts"
    assert main(["report", "--example", "ar", "-o", str(out), "--charts", str(charts)]) == 0
    names = {"stance-map", "categories", "top-terms", "loadedness"}
    assert {p.name for p in charts.iterdir()} == {f"{n}.{ext}" for n in names for ext in ("png", "svg")}
    for n in names:
        assert (charts / f"{n}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        svg = (charts / f"{n}.svg").read_text(encoding="utf-8")
        assert ET.fromstring(svg.encode("utf-8")).tag.endswith("svg")
        assert "<dc:date>" not in svg
    first = {p.name: p.read_bytes() for p in charts.glob("*.svg")}
    assert main(["report", "--example", "ar", "-o", str(out), "--charts", str(charts)]) == 0
    assert {p.name: p.read_bytes() for p in charts.glob("*.svg")} == first


def test_inline_svg_prefixes_ids_and_drops_the_prologue():
    svg = ('<?xml version="1.0"?>\n<!-- made by a tool -->\n<svg xmlns="http://www.w3.org/2000/svg" '
           'xmlns:xlink="http://www.w3.org/1999/xlink"><metadata>x</metadata><defs><style type="text/css">'
           '*{stroke-linecap: butt}</style><path id="p1"/></defs><use xlink:href="#p1"/>'
           '<g clip-path="url(#p1)"/></svg>')
    out = inline_svg(svg, "ch1", "A chart")
    assert out.startswith('<svg role="img" aria-label="A chart" style="stroke-linecap: butt"')
    assert 'id="ch1-p1"' in out and 'xlink:href="#ch1-p1"' in out and "url(#ch1-p1)" in out
    for gone in ("<?xml", "<!--", "<metadata", "<style", "http://"):
        assert gone not in out


# -- errors ---------------------------------------------------------------------------------


def one_line_error(capsys, *needles):
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def test_report_needs_an_input(tmp_path, capsys):
    assert main(["report", "-o", str(tmp_path / "r.html")]) == 2
    one_line_error(capsys, "no input")


def test_report_refuses_a_collection(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(MIXED, encoding="utf-8")
    assert main(["report", str(tmp_path), "-o", str(tmp_path / "r.html")]) == 2
    one_line_error(capsys, "collection", "framing score")


def test_report_refuses_a_missing_output_folder(tmp_path, capsys):
    assert main(["report", "--example", "en", "-o", str(tmp_path / "nowhere" / "r.html")]) == 2
    one_line_error(capsys, "does not exist")


def test_report_refuses_charts_into_a_file(tmp_path, capsys):
    blocker = tmp_path / "charts"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["report", "--example", "en", "-o", str(tmp_path / "r.html"), "--charts", str(blocker)]) == 2
    one_line_error(capsys, "--charts", "not a folder")
    assert not (tmp_path / "r.html").exists()


def test_report_unknown_example(tmp_path, capsys):
    assert main(["report", "--example", "xx", "-o", str(tmp_path / "r.html")]) == 2
    one_line_error(capsys, "unknown example")
