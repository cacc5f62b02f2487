"""Qualifiers read from a sentence: dates, financing rounds and amounts with currency."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}
_NUM = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)"
DATE_RE = re.compile(
    rf"(?:(?P<year>\d{{4}})\s*年|(?P<rel>今年|去年|明年|前年))?\s*(?:(?P<month>{_NUM})\s*月(?:份)?"
    rf"(?:\s*(?P<day>{_NUM})\s*[日号])?|(?P<late>底|初|上旬|中旬|下旬))?")
ROUND_RE = re.compile(
    r"(?P<round>(?:pre[-\s]?a(?:\s?\+)*|pre[-\s]?ipo|天使(?:\s?\+)*|种子|战略|[a-e](?:\s?\+)*|[a-e][1-9]"
    r"|pre[-\s]?[b-e](?:\s?\+)*)[”\"]?(?:及[a-e][1-9]?\+*)?\s?轮|配售(?:新股)?|ipo|首次公开发行)",
    re.IGNORECASE)
_AMOUNT_NUM = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[一二两三四五六七八九十]+)"
AMOUNT_RE = re.compile(
    rf"(?P<approx>数|近|超|逾|约|超过|上|达|过|数十|数百|几)?(?P<num>{_AMOUNT_NUM})?(?P<unit>千万|百万|十万|万|亿)?"
    r"(?P<cur>元人民币|人民币|元|港元|港币|美元|美金)")
_CURRENCY = {"元": "CNY", "人民币": "CNY", "元人民币": "CNY", "港元": "HKD", "港币": "HKD",
             "美元": "USD", "美金": "USD"}
_UNIT = {"万": 10_000, "十万": 100_000, "百万": 1_000_000, "千万": 10_000_000, "亿": 100_000_000}
_ROUND_SLUGS = {"天使": "angel", "种子": "seed", "战略": "strategic", "配售": "placement",
                "ipo": "ipo", "首次公开发行": "ipo"}


def cn_number(text: str) -> float:
    """``12``, ``3.5``, ``1,000``, ``十二``, ``二十`` → a number."""
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    total, current = 0, 0
    for ch in text:
        value = _CN_DIGITS[ch]
        if value == 10:
            total += (current or 1) * 10
            current = 0
        else:
            current = value
    return float(total + current)


@dataclass(frozen=True)
class ArticleDate:
    """The article's date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), what partial dates resolve against."""

    text: str | None

    @property
    def year(self) -> int | None:
        return int(self.text[:4]) if self.text else None

    @property
    def month(self) -> int | None:
        return int(self.text[5:7]) if self.text and len(self.text) >= 7 else None


def resolve_date(match: re.Match[str], article: ArticleDate) -> str | None:
    """A date match as ``YYYY[-MM[-DD]]``; a missing year comes from the article's date.

    A month later than the article's month in the article's year is read as the year before
    (a March article's "11月" is last November).
    """
    year_text, rel, month_text, day_text = (match.group("year"), match.group("rel"),
                                            match.group("month"), match.group("day"))
    year: int | None
    if year_text:
        year = int(year_text)
    elif article.year is None:
        return None
    else:
        shift = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}.get(rel or "", 0)
        year = article.year + shift
    if not month_text:
        return str(year) if (year_text or rel) else None
    month = int(cn_number(month_text))
    if not 1 <= month <= 12:
        return None
    if not year_text and not rel and article.month is not None and month > article.month:
        year -= 1
    if day_text:
        day = int(cn_number(day_text))
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            pass  # 2月30日: keep the month
    return f"{year:04d}-{month:02d}"


def dates_in(text: str, article: ArticleDate) -> list[tuple[int, int, str]]:
    """(start, end, date) of every date expression in ``text``."""
    out: list[tuple[int, int, str]] = []
    if "年" not in text and "月" not in text:
        return out  # every date states a year (今年 too) or a month
    for m in _date_matches(text):
        if not m.group().strip() or not (m.group("year") or m.group("month") or m.group("rel")):
            continue
        value = resolve_date(m, article)
        if value:
            out.append((m.start(), m.end(), value))
    return out


_DATE_OPENING = re.compile(r"[\d\s今去明前一二两三四五六七八九十底初上中下]")
"""Every character a non-empty :data:`DATE_RE` match can open with (a digit, a space, 今年 …,
a Chinese numeral, 底 …); keep in step with :data:`DATE_RE`."""


def _date_matches(text: str) -> list[re.Match[str]]:
    """The non-empty matches of ``DATE_RE.finditer(text)``, in order.

    Every part of :data:`DATE_RE` is optional, so ``finditer`` stops at every character with an
    empty match; here the scan jumps to the next character a match can open with. The matches
    are the same: each is ``DATE_RE.match(text, p)`` at a position the scan reaches either way.
    """
    out: list[re.Match[str]] = []
    pos, n = 0, len(text)
    while pos <= n:
        opening = _DATE_OPENING.search(text, pos)
        if opening is None:
            break
        m = DATE_RE.match(text, opening.start())
        if m is None or not m.group():
            pos = opening.start() + 1
            continue
        out.append(m)
        pos = m.end()
    return out


def date_before(text: str, pos: int, article: ArticleDate,
                found: list[tuple[int, int, str]] | None = None) -> str | None:
    """The last date stated in ``text`` before ``pos`` (else the first one after it), or None.

    ``found`` is :func:`dates_in` of ``text`` when the caller has it already.
    """
    found = dates_in(text, article) if found is None else found
    before = [d for s, _, d in found if s < pos]
    if before:
        return before[-1]
    return found[0][2] if found else None


@dataclass(frozen=True)
class Amount:
    """An amount in the unit of its currency; ``approx`` when stated as a bound (数千万元, 约10亿)."""

    value: float | int
    currency: str
    approx: bool
    text: str


def parse_amount(match: re.Match[str]) -> Amount | None:
    """An :data:`AMOUNT_RE` match as an :class:`Amount`, or None for a bare currency word."""
    num, unit, approx = match.group("num"), match.group("unit"), match.group("approx")
    if num is None and unit is None:
        return None
    base = cn_number(num) if num else 1.0
    value = base * _UNIT.get(unit or "", 1)
    number: float | int = int(value) if value == int(value) else value
    return Amount(number, _CURRENCY[match.group("cur")], bool(approx) or num is None, match.group())


def amount_in(text: str) -> Amount | None:
    """The first amount stated in ``text``."""
    for m in AMOUNT_RE.finditer(text):
        amount = parse_amount(m)
        if amount is not None:
            return amount
    return None


def normalise_round(text: str) -> str:
    """The round as the curated data writes it: ``Pre A+轮``, ``A+轮``, ``天使轮``, ``配售``."""
    t = re.sub(r"[\s”\"]+", "", text)
    if t.startswith(("配售", "首次公开发行")) or t.lower() == "ipo":
        return "配售" if t.startswith("配售") else "IPO"
    t = re.sub(r"(?i)^pre-?", "Pre ", t)
    return "".join(c.upper() if c.isascii() else c for c in t).replace("PRE ", "Pre ")


def round_slug(round_text: str) -> str:
    """``Pre A+轮`` → ``pre-a-plus``; ``天使轮`` → ``angel``."""
    t = round_text.removesuffix("轮").lower()
    for word, slug in _ROUND_SLUGS.items():
        if t.startswith(word):
            return slug
    t = t.replace("+", "-plus").replace(" ", "-")
    return re.sub(r"[^a-z0-9-]", "", t).strip("-") or "round"
