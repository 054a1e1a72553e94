"""Short references to a target that a paragraph uses once the article has named it.

News names an actor in full once and then refers back to it with a shorter
phrase: the head noun of an organisation («المنظمة» for منظمة الصحة العالمية,
«الاتحاد» for الاتحاد الأوروبي), the name
without its head («الهلال» for نادي الهلال), another case ending of a plural
(«الصحراويين» for المحتجون الصحراويون) or the name written without the
spaces of its compounds («عبدالماجد» for عبد الماجد), a dotted acronym
("F.B.I." for FBI), a bill's number without its state ("SB 1062").
English generic nouns ("the bill", "the measure", "the administration")
were tried and left out: on our tuning annotations they helped as often as
they hurt. When a paragraph does not name a target at all, these
references are the best evidence of where the target is; the stance
features then see the target's neighbourhood instead of nothing.

They are used only as a last resort (:func:`framing.models.features.find_mentions`,
when neither the targets file nor the name and its surname or acronym
are found), because a head noun such as «الحكومة» or "the office" may refer
to someone else when the target is named.

>>> reference_forms("منظمة الصحة العالمية", "ar")
('المنظمة',)
>>> reference_forms("نادي الهلال", "ar")
('الهلال', 'النادي')
>>> reference_forms("المحتجون الصحراويون", "ar")
('المحتجين الصحراويين', 'المحتجين')
>>> reference_forms("Arizona SB 1062", "en")
('SB 1062', 'SB1062')
>>> reference_forms("FBI", "en")
('F.B.I.',)
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["reference_forms", "reference_mentions"]

_EN_BILL_RE = re.compile(r"\b([A-Z]{1,3})\s?(\d{1,5})\b")

#: Arabic heads of an organisation's name: the name may be shortened to the head with the article.
_AR_HEADS = frozenset(
    "منظمة مفوضية وزارة هيئة وكالة شركة مؤسسة جامعة مجلس اتحاد لجنة محكمة حركة جماعة جبهة حزب نادي صحيفة "
    "قناة موقع مركز بنك مصرف صندوق رابطة نقابة جمعية سلطة إدارة مديرية دائرة بعثة تحالف ائتلاف برنامج "
    "حكومة جيش قوات شرطة منتخب مجموعة معهد أكاديمية مستشفى بلدية ولاية محافظة".split()
)
#: Heads whose remainder is the usual short name (نادي الهلال -> الهلال, صحيفة ماركا -> ماركا).
_AR_DROP_HEADS = frozenset("نادي صحيفة قناة موقع حزب حركة شركة جماعة منتخب وكالة".split())
#: Titles of persons that news uses alone once the person is named (الملكة إليزابيث -> الملكة).
_AR_TITLES = frozenset("الرئيس الملك الملكة السلطان الأمير الأميرة الشيخ".split())
_AR_COMPOUND_FIRST = ("عبد", "أبو", "ابو", "أبي", "بو")


def _ar_plural_variants(word: str) -> list[str]:
    """The other case ending of a sound plural (ـون/ـين), for words long enough to be one."""
    if len(word) >= 5 and word.endswith("ون"):
        return [word[:-2] + "ين"]
    if len(word) >= 5 and word.endswith("ين") and not word.endswith("يين"):
        return [word[:-2] + "ون"]
    if len(word) >= 6 and word.endswith("يين"):
        return [word[:-3] + "يون"]
    return []


def _ar_forms(name: str) -> list[str]:
    words = name.split()
    out: list[str] = []
    # the other case ending of plural words (المحتجون الصحراويون -> المحتجين الصحراويين)
    swapped = [(_ar_plural_variants(w) or [w])[0] for w in words]
    if swapped != words:
        out.append(" ".join(swapped))
    # compounds written without their space (عبد الماجد -> عبدالماجد, أبو قرون -> أبوقرون)
    joined, i = [], 0
    while i < len(words):
        if words[i] in _AR_COMPOUND_FIRST and i + 1 < len(words):
            joined.append(words[i] + words[i + 1])
            i += 2
        else:
            joined.append(words[i])
            i += 1
    if joined != words:
        out.append(" ".join(joined))
    if len(words) >= 2:
        head = words[0][2:] if words[0].startswith("ال") else words[0]
        if head in _AR_HEADS:
            if head in _AR_DROP_HEADS and len(words) == 2:
                out.append(words[1])  # نادي الهلال -> الهلال
            out.append("ال" + head)  # منظمة الصحة العالمية -> المنظمة; الاتحاد الأوروبي -> الاتحاد
        elif words[0] in _AR_TITLES:
            out.append(words[0])  # الملكة إليزابيث الثانية -> الملكة
        elif words[0].startswith("ال") and len(words) == 2 and _ar_plural_variants(words[0]):
            out.append(_ar_plural_variants(words[0])[0])  # المحتجون الصحراويون -> المحتجين
    return out


def _en_forms(name: str) -> list[str]:
    words = name.split()
    out: list[str] = []
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5 and words[0].isalpha():
        out.append(".".join(words[0]) + ".")  # FBI -> F.B.I.
    m = _EN_BILL_RE.search(name)
    if m and len(words) > 1:
        out.append(f"{m.group(1)} {m.group(2)}")
        out.append(f"{m.group(1)}{m.group(2)}")
    return out


@lru_cache(maxsize=4096)
def reference_forms(name: str, lang: str) -> tuple[str, ...]:
    """Short references to the target ``name`` (see the module docstring); never the name itself."""
    forms = _ar_forms(name) if lang == "ar" else _en_forms(name) if lang == "en" else []
    return tuple(f for f in dict.fromkeys(forms) if f and f != name)


@lru_cache(maxsize=1024)
def _reference_set(name: str, lang: str):
    from .targets import Target, TargetSet

    forms = reference_forms(name, lang)
    if not forms:
        return None
    return TargetSet([Target(forms[0], lang, "other", "", forms[1:], (), "", "reference")])


def reference_mentions(text: str, lang: str, name: str) -> list:
    """Mentions of ``name`` by its short references in ``text`` (clitic-aware), as :class:`framing.targets.Mention`."""
    ts = _reference_set(name, lang)
    if ts is None:
        return []
    return ts.mentions(text, lang)
