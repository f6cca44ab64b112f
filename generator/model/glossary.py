"""The glossary of 提法 (slogans and terms): model, checks, the points using each term, page."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from ..errors import Problem
from ..source.loader import Source
from .fields import UNIQUE, Choice, Id, Model, PlainText, ShortText
from .workplan import PlanPlace, WorkPlan, place_of, places

# Where a meaning is written in a plan: "2023-2" is point 2, "2023-总体要求" the overall part.
Place = Annotated[str, StringConstraints(pattern=r"^\d{4}-(\d{1,2}|总体要求)$"), Field(
    title="释义出处", description="释义原文所在：年份-序号，例如 2023-2；出自总体要求时写 2023-总体要求",
    examples=["2023-2", "2023-总体要求"])]


TERMS = 1000   # terms on the one glossary page: data/ has 65
RELATED = 20   # related terms one term names: data/ names none


_QUOTED = re.compile(r"“([^“”]{1,200})”")
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")  # a sentence and its closing mark, verbatim
_CLAUSE_END = "，；："
LONG = 120  # characters: a longer sentence is shown as the clause around the term
QUOTES = 3  # sentences shown under one term; every place using it is linked below them


class Category(Choice):
    """How the glossary page groups its terms."""

    __schema_text__ = ("提法类别", "提法释义页的分组：政治要求、活动与工程、制度与机制、目标与提法")

    political = "政治要求"
    activity = "活动与工程"
    system = "制度与机制"
    phrase = "目标与提法"


class Term(Model):
    """One term as the plans write it; its meaning only where the source itself gives one."""

    # The rule of _meaning_has_a_place, for the IDE: a meaning and its place come together.
    model_config = ConfigDict(title="提法词条", json_schema_extra={"allOf": [
        {"if": {"properties": {"meaning": {"type": "string"}}, "required": ["meaning"]},
         "then": {"properties": {"meaning_from": {"type": "string"}}, "required": ["meaning_from"]}},
        {"if": {"properties": {"meaning_from": {"type": "string"}}, "required": ["meaning_from"]},
         "then": {"properties": {"meaning": {"type": "string"}}, "required": ["meaning"]}},
    ]})

    id: Id = Field(title="标识", description="词条锚点，用拼音，例如 sanxia-sanbang", examples=["sanxia-sanbang"])
    term: ShortText = Field(title="提法", description="与原文引号内的文字一字不差，不带引号", examples=["三下三帮"])
    category: Category = Field(title="类别", description="提法释义页上的分组，四选一")
    meaning: PlainText | None = Field(
        default=None, title="释义", description="只能逐字摘自原文（见 meaning_from）；原文没有解释的不要填写")
    meaning_from: Place | None = Field(
        default=None, title="释义出处", description="释义原文所在：年份-序号，例如 2023-2；出自总体要求时写 2023-总体要求")
    related: list[Id] = Field(default_factory=list, max_length=RELATED, json_schema_extra=UNIQUE, title="相关提法",
                              description="其他词条的标识；同一条要点中的提法会自动列出")

    @field_validator("term")
    @classmethod
    def _bare_words(cls, value: str) -> str:
        if re.search(r"[“”\"\n]", value):
            raise ValueError("提法不要带引号，也不要换行：只写原文引号里面的文字。")
        return value

    @model_validator(mode="after")
    def _meaning_has_a_place(self) -> Term:
        if (self.meaning is None) != (self.meaning_from is None):
            raise ValueError("meaning 和 meaning_from 要么都填、要么都不填：释义必须注明出自哪一年第几条原文。")
        return self


class GlossaryFile(Model):
    """``data/glossary.yml``."""

    model_config = ConfigDict(title="提法释义")

    terms: list[Term] = Field(min_length=1, max_length=TERMS, title="词条")


@dataclass
class Entry:
    """A checked term with what linking found: the places using it, its related terms."""

    term: Term
    uses: list[PlanPlace] = field(default_factory=list)
    related: list[Term] = field(default_factory=list)
    source: PlanPlace | None = None  # where its meaning is quoted from

    @property
    def id(self) -> str:
        return self.term.id


def check(glossary: GlossaryFile, source: Source, plans: dict[int, WorkPlan], complete: bool = True) -> list[Problem]:
    """Ids and terms are unique, related ids exist, and every meaning is the source's own words
    (not checked against ``plans`` unless they are ``complete``: a plan file that did not load
    would make every term it quotes look unquoted)."""
    problems = []
    for key, what in (("id", "标识"), ("term", "提法")):
        for loc, value, line in source.repeats((("terms", i, key), getattr(t, key)) for i, t in enumerate(glossary.terms)):
            problems.append(source.problem(loc, f"{what}“{value}”重复：第 {line} 行已有，请合并为一个词条。"))
    quoted = quotations(plans)
    for i, term in enumerate(glossary.terms):
        problem = term_problem(term.term, quoted) if complete else None
        if problem:
            problems.append(source.problem(("terms", i, "term"), problem))
    ids = {term.id for term in glossary.terms}
    for i, term in enumerate(glossary.terms):
        for j, ref in enumerate(term.related):
            if ref == term.id:
                problems.append(source.problem(("terms", i, "related", j), "不能把词条自己列为相关提法：请删去这一项。"))
            elif ref not in ids:
                problems.append(source.problem(("terms", i, "related", j), f"未知的词条“{ref}”：请填写本文件中某个词条的 id。"))
        if term.meaning_from is not None and complete:
            problems += _check_meaning(term, source, ("terms", i), plans)
    return problems


def quotations(plans: dict[int, WorkPlan]) -> list[str]:
    """Every passage the plans put inside “”: where the slogans a glossary explains are."""
    return [m.group(1) for place in places(plans) for m in _QUOTED.finditer(place.words)]


def term_problem(term: str, quoted: list[str]) -> str | None:
    """Why ``term`` cannot be a glossary entry: every page links it wherever it occurs, so it
    must be a slogan the plans quote, not a word (“的”) or a fragment of markup (“amp”)."""
    if len(term) < 2 or term != term.strip():
        return f"提法“{term}”太短或带有空格：提法至少两个字，不带首尾空格，写原文引号里的文字。"
    if not any(term in passage for passage in quoted):
        return (f"工作要点原文的引号“”里没有“{term}”：提法释义只收原文加了引号的提法（全站每一处都会链接到它），"
                "请照原文引号里的文字一字不差地填写，或删去这个词条。")
    return None


def _check_meaning(term: Term, source: Source, loc: tuple, plans: dict[int, WorkPlan]) -> list[Problem]:
    place = place_of(plans, term.meaning_from or "")
    if place is None:
        years = "、".join(f"{y}（1-{len(p.points())}）" for y, p in sorted(plans.items()))
        return [source.problem(loc + ("meaning_from",), f"找不到“{term.meaning_from}”：请写成“年份-序号”或“年份-总体要求”，现有：{years}。")]
    if (term.meaning or "") not in place.words:
        return [source.problem(loc + ("meaning",), f"释义与{place.label}的原文不一致：释义只能逐字摘自原文（标点也要一致）；"
                                                   "原文没有解释的，请删去 meaning 和 meaning_from。")]
    return []


def link(glossary: GlossaryFile, plans: dict[int, WorkPlan]) -> list[Entry]:
    """Entries in file order, with the places using each term and related terms both ways: the
    ones a term names first, then those used in the same points, at most RELATED."""
    every = places(plans)
    entries = [Entry(t, uses=[p for p in every if t.term in p.words],
                     source=place_of(plans, t.meaning_from) if t.meaning_from else None)
               for t in glossary.terms]
    by_id = {e.id: e for e in entries}
    order = {e.id: i for i, e in enumerate(entries)}
    named: dict[str, set[str]] = {e.id: set(e.term.related) & by_id.keys() for e in entries}
    for entry in entries:
        for other in entry.term.related:
            if other in named:  # an unknown id was reported by check()
                named[other].add(entry.id)
    # Terms used in the same point go together: the source puts them side by side. Found
    # through each place's terms (its first few: no more can be shown), not by comparing
    # every pair of terms.
    at: dict[PlanPlace, list[str]] = defaultdict(list)
    for entry in entries:
        for place in entry.uses:
            at[place].append(entry.id)
    for entry in entries:
        beside = {peer for place in entry.uses for peer in at[place][:RELATED + 1] if peer != entry.id} - named[entry.id]
        chosen = (sorted(named[entry.id], key=order.__getitem__) + sorted(beside, key=order.__getitem__))[:RELATED]
        entry.related = [by_id[r].term for r in sorted(chosen, key=order.__getitem__)]
    return entries


@dataclass(frozen=True)
class Excerpt:
    """A sentence of a plan holding a term, character for character: ``before`` + ``term`` +
    ``after``; ``cut_before`` and ``cut_after`` say where a long sentence was shortened."""

    place: PlanPlace
    before: str
    term: str
    after: str
    cut_before: bool = False
    cut_after: bool = False


def excerpts(entry: Entry, limit: int = QUOTES) -> list[Excerpt]:
    """The sentences of the plans in which ``entry``'s term occurs, in reading order, ``limit`` at
    most: what the source says around the term, never a meaning written for it."""
    return quotes(entry.uses, entry.term.term, limit)


def quotes(uses: list[PlanPlace], term: str, limit: int = QUOTES) -> list[Excerpt]:
    """The sentences of the places ``uses`` in which ``term`` occurs (a term, or a document's
    《title》), in reading order, ``limit`` at most."""
    out: list[Excerpt] = []
    for place in uses:
        for sentence in _SENTENCE.findall(place.words):
            if term in sentence:
                out.append(_excerpt(place, sentence, term))
                if len(out) == limit:
                    return out
    return out


def _excerpt(place: PlanPlace, sentence: str, term: str) -> Excerpt:
    at = sentence.index(term)
    end = at + len(term)
    start, stop = 0, len(sentence)
    if len(sentence) > LONG:  # the clause holding the term, from the mark before it to the one after
        start = max((sentence.rfind(mark, 0, at) + 1 for mark in _CLAUSE_END), default=0)
        stop = min((i for i in (sentence.find(mark, end) for mark in _CLAUSE_END) if i >= 0), default=len(sentence))
    return Excerpt(place, sentence[start:at], term, sentence[end:stop], start > 0, stop < len(sentence))
