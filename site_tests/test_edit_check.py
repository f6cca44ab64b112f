"""make edit's check after a save: kept in memory and linked again only where an edit can change
something, it finds exactly what a check from nothing finds, after edits of every kind."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from PIL import Image

from generator import pipeline
from generator.edit.checking import Checker
from generator.errors import DataErrors

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402


def from_nothing(root: Path) -> tuple[list, object]:
    """``make check``'s problems and catalog, read with nothing kept."""
    try:
        return [], pipeline.load(root / "data", root)
    except DataErrors as exc:
        return exc.problems, None


def links(catalog) -> tuple[dict, dict]:
    """The backlinks a check builds: each point's and each unit's entries, by id."""
    cited = {str(p): {k: [r.id for r in rs] for k, rs in kinds.items() if rs} for p, kinds in catalog.citations.items()}
    units = {u: {k: [r.id for r in rs] for k, rs in kinds.items() if rs} for u, kinds in catalog.by_unit.items()}
    return cited, units


def change(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert re.search(old, text), old
    path.write_text(re.sub(old, new, text, count=1), encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    data = synth.write(tmp_path, 60)
    return tmp_path, data


def test_the_check_after_each_kind_of_edit_is_the_check_from_nothing(project):
    root, data = project
    checker = Checker(root)
    assert checker.run().problems == []
    everything = checker.memo.relinked
    assert everything >= 60  # the first check links every entry

    def same(*, relinked: int | None = None) -> list:
        kept = checker.run()
        fresh, catalog = from_nothing(root)
        assert [str(p) for p in kept.problems] == [str(p) for p in fresh]
        if catalog is not None:
            assert kept.catalog is not None and links(kept.catalog) == links(catalog)
        if relinked is not None:
            assert checker.memo.relinked <= relinked, "the check linked again entries that the edit cannot change"
        return [str(p) for p in fresh]

    member, forum = data / "members" / "member-0001.yml", data / "forums" / "forum-0001.yml"
    brand = data / "brands" / "brand-0002.yml"
    # Links by id into one brand, from two other entries.
    change(member, r"story: \|-\n  ", "story: |-\n  见[品牌](brand:brand-0002)。")
    change(forum, r"summary: \|-\n  ", "summary: |-\n  另见[品牌](brand:brand-0002)。")
    assert same() == []

    # The brand renamed: both links now lead nowhere, and only the entries naming it are linked again.
    brand.rename(brand.with_name("brand-renamed.yml"))
    found = same(relinked=3)
    assert [p.split(":")[0] for p in found] == ["data/forums/forum-0001.yml", "data/members/member-0001.yml"]
    assert all("brand:brand-0002" in p for p in found)
    brand.with_name("brand-renamed.yml").rename(brand)
    assert same(relinked=3) == []

    # The brand's file broken: the links into it wait, and it says how many do.
    change(brand, r"\nyear: \d+", "\nyear: 去年")
    found = same(relinked=3)
    assert any(p.startswith("data/brands/brand-0002.yml") and "2 处暂时无法核对" in p for p in found)
    change(brand, r"\nyear: 去年", "\nyear: 2023")
    assert same(relinked=3) == []

    # A wrong reference in an entry: its own problem, nothing else linked again.
    branch = re.search(r"\nbranch: (\S+)", member.read_text(encoding="utf-8")).group(1)
    change(member, r"\nbranch: \S+", "\nbranch: no-such-branch")
    assert [p.split(":")[0] for p in same(relinked=1)] == ["data/members/member-0001.yml"]
    change(member, r"\nbranch: no-such-branch", f"\nbranch: {branch}")
    assert same(relinked=1) == []

    # A deleted file and a new one.
    (data / "members" / "member-0003.yml").unlink()
    assert same(relinked=1) == []
    (data / "brands" / "brand-new.yml").write_text(brand.read_text(encoding="utf-8"), encoding="utf-8")
    assert same(relinked=2) == []

    # A picture named before its file is there, then uploaded.
    change(brand, r"\nyear:", "\ncover: media/brands/new.png\nyear:")
    assert "找不到图片" in same(relinked=3)[0]
    (data / "media" / "brands").mkdir(parents=True)
    Image.new("RGB", (40, 30), "red").save(data / "media" / "brands" / "new.png")
    assert same() == []

    # units.yml changed: a branch renamed. Everything it names is checked again.
    change(data / "units.yml", f"id: {branch}\n", "id: renamed-b9\n")
    found = same()
    assert found and all(f"未知的党支部“{branch}”" in p for p in found)
    assert checker.memo.relinked == everything  # every entry again (one was deleted, one added)
