"""Preview: after an edit `mkdocs serve --dirty` rebuilds only the pages it changed, and the site
it leaves is the site a full build of the edited data makes, page for page."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, mkdocs_build, project_config

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

# Builds the way `mkdocs serve --dirty` does, in one process that keeps the plugins: one
# build per line read, each answered with what the plugin decided to rebuild.
DRIVER = """
import json, sys
from mkdocs.config import load_config
from mkdocs.commands.build import build
config_file, site = sys.argv[1], sys.argv[2]
load_config(config_file, site_dir=site).plugins.on_startup(command="serve", dirty=True)
for _ in sys.stdin:
    config = load_config(config_file, site_dir=site)
    build(config, dirty=True)
    config.plugins["showcase-search"]._wait()  # the index is written after the pages
    result = config.plugins["showcase"].result
    print(json.dumps({"modified": None if result.modified is None else sorted(result.modified),
                      "removed": sorted(result.removed)}), flush=True)
"""


class Preview:
    def __init__(self, config: Path, site: Path):
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(config), str(site)], cwd=config.parent,
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, encoding="utf-8")

    def build(self) -> dict:
        self.proc.stdin.write("build\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "the preview build failed"
        return json.loads(line)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("preview")
    data = synth.write(tmp, 60)
    # With a site_url the site has a sitemap, which lists every page: adding or deleting an
    # entry must write it again.
    config = project_config(tmp, data, site_url="http://dangjian.example.org/dangjian/")
    preview = Preview(config, tmp / "preview-site")
    first = preview.build()
    assert first["modified"] is None  # the first build builds everything
    yield tmp, data, config, preview
    preview.close()


def differences(preview_site: Path, full_site: Path) -> list[str]:
    """Every file of the full build that the preview's site lacks or holds otherwise (the
    search index aside: its pages come in another order), and pages only the preview has."""
    out = []
    for path in sorted(full_site.rglob("*")):
        rel = path.relative_to(full_site)
        if path.is_dir() or rel.parts[0] == "search":
            continue
        other = preview_site / rel
        if not other.is_file() or other.read_bytes() != path.read_bytes():
            out.append(str(rel))
    out += [f"only in the preview: {p.relative_to(preview_site)}" for p in preview_site.rglob("*.html")
            if not (full_site / p.relative_to(preview_site)).exists()]
    return out


def same_as_full_build(tmp: Path, config: Path, name: str) -> None:
    """The preview leaves the PDFs out (laying out a book at every save would take seconds), so
    it is compared with a full build of the same config that leaves them out too."""
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    for plugin in settings["plugins"]:
        if isinstance(plugin, dict) and "showcase" in plugin:
            plugin["showcase"]["pdf"] = False
    full = config.with_name("mkdocs-full.yml")
    full.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    result = mkdocs_build(full, tmp / f"full-{name}")
    assert result.returncode == 0, result.stderr
    assert differences(tmp / "preview-site", tmp / f"full-{name}") == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def search_text(site: Path) -> str:
    from generator.search import pieces

    folder = site / "search"
    return "".join(pieces.read(folder, f"t/{p.stem}").decode("utf-8") for p in (folder / "t").glob("*.bin"))


@pytest.mark.slow
def test_an_edited_sentence_rebuilds_only_its_page(project):
    tmp, data, config, preview = project
    guide = tmp / "preview-site" / "guide" / "index.html"
    written = guide.stat().st_mtime_ns
    edit(data / "members" / "member-0003.yml", "story: |-\n  ", "story: |-\n  这是预览测试加上的一句话。")
    found = preview.build()
    assert found == {"modified": ["members/member-0003.md"], "removed": []}
    # The guide's block lists the kinds only: it came out the same, and is not written again.
    assert guide.stat().st_mtime_ns == written
    page = tmp / "preview-site" / "members" / "member-0003" / "index.html"
    assert "这是预览测试加上的一句话" in page.read_text(encoding="utf-8")
    assert "这是预览测试加上的一句话" in search_text(tmp / "preview-site")
    same_as_full_build(tmp, config, "sentence")


@pytest.mark.slow
def test_a_field_the_card_shows_rebuilds_the_listing_too(project):
    """A body edit renders only the entry's page; a quote is on the member's card as well."""
    tmp, data, config, preview = project
    edit(data / "members" / "member-0004.yml", "quote: ", "quote: 卡片上的新话，")
    found = preview.build()
    assert "members/member-0004.md" in found["modified"]
    assert any(uri.startswith("members/") and uri != "members/member-0004.md" for uri in found["modified"]), found
    assert "卡片上的新话" in (tmp / "preview-site" / "members" / "index.html").read_text(encoding="utf-8") \
        or any("卡片上的新话" in p.read_text(encoding="utf-8") for p in (tmp / "preview-site" / "members" / "page").rglob("*.html"))
    same_as_full_build(tmp, config, "card")


@pytest.mark.slow
def test_changed_points_rebuild_the_plan_the_points_the_board_and_nothing_else(project):
    tmp, data, config, preview = project
    path = data / "brands" / "brand-0002.yml"
    text = path.read_text(encoding="utf-8")
    before = [int(n) for n in re.findall(r"- 2023-(\d+)", text)]
    after = 25 if 25 not in before else 24
    path.write_text(re.sub(r"points:\n(?:- .*\n)+", f"points:\n- 2023-{after}\n", text), encoding="utf-8")
    modified = preview.build()["modified"]
    assert modified is not None and "brands/brand-0002.md" in modified
    assert {"workplan/2023.md", "workplan/2023/progress.md", f"workplan/2023/points/{after}.md"} <= set(modified)
    assert {f"workplan/2023/points/{n}.md" for n in before} <= set(modified)
    # Other kinds' listings stay; another entry's page changes only when its related reading does.
    others = [m for m in modified if m.startswith(("members/", "forums/", "innovations/"))]
    assert not [m for m in others if m.endswith("index.md") or "/page/" in m or "/wuxing/" in m]
    assert len(others) < 10
    same_as_full_build(tmp, config, "points")


def untagged_copy(data: Path, name: str) -> Path:
    source = (data / "members" / "member-0005.yml").read_text(encoding="utf-8")
    target = data / "members" / f"{name}.yml"
    target.write_text(re.sub(r"wuxing:\n(?:- .*\n)+|wuxing: \[\]\n", "wuxing: []\n", source), encoding="utf-8")
    return target


@pytest.mark.slow
def test_a_new_entry_and_a_deleted_one(project):
    tmp, data, config, preview = project
    added = untagged_copy(data, "member-new")
    found = preview.build()
    assert "members/member-new.md" in found["modified"] and "members/index.md" in found["modified"]
    sitemap = tmp / "preview-site" / "sitemap.xml"
    assert "/dangjian/members/member-new/</loc>" in sitemap.read_text(encoding="utf-8")
    same_as_full_build(tmp, config, "added")
    added.unlink()
    found = preview.build()
    assert found["removed"] == ["members/member-new.md"]
    assert not (tmp / "preview-site" / "members" / "member-new").exists()
    assert "member-new" not in sitemap.read_text(encoding="utf-8")
    same_as_full_build(tmp, config, "deleted")


@pytest.mark.slow
def test_a_renamed_entry_is_renamed_on_its_listing_card(project):
    """A name is on the entry's card: the listing changes with the entry's page, while the other
    pages (kept from the last build, their MkDocs pages included) stay as a full build makes them."""
    tmp, data, config, preview = project
    entry = untagged_copy(data, "member-renamed")
    preview.build()
    edit(entry, "\nname: ", "\nname: 改名")
    found = preview.build()
    assert "members/member-renamed.md" in found["modified"]
    assert any(uri.startswith("members/") and uri != "members/member-renamed.md" for uri in found["modified"]), found
    listing = [tmp / "preview-site" / "members" / "index.html", *(tmp / "preview-site" / "members" / "page").rglob("*.html")]
    assert any("改名" in p.read_text(encoding="utf-8") for p in listing)
    same_as_full_build(tmp, config, "renamed")
    entry.unlink()
    preview.build()


@pytest.mark.slow
def test_a_mistake_then_its_fix_leave_the_site_of_a_full_build(project):
    """A save with a mistake shows check's messages instead of the site; the fix brings back the
    site, rebuilt only where the fix and the edits before it changed it."""
    tmp, data, config, preview = project
    path = data / "members" / "member-0006.yml"
    edit(path, "story: |-\n  ", "story: |-\n  出错之前改的一句。")
    preview.build()
    edit(path, "\nbranch: ", "\nbranch: nowhere-")
    preview.build()
    assert "数据有误" in (tmp / "preview-site" / "index.html").read_text(encoding="utf-8")
    edit(path, "\nbranch: nowhere-", "\nbranch: ")
    edit(path, "出错之前改的一句。", "改正之后的一句。")
    assert preview.build()["modified"] is not None
    page = (tmp / "preview-site" / "members" / "member-0006" / "index.html").read_text(encoding="utf-8")
    assert "改正之后的一句" in page and "出错之前" not in page
    same_as_full_build(tmp, config, "fixed")


@pytest.mark.slow
def test_a_change_of_tags_rebuilds_the_pages_showing_them_only(project):
    """No hand-written page lists pages by tag (the 五型 page is a block of ours): the tags
    plugin shows a page's tags on that page alone, so the rest of the site stays."""
    tmp, data, config, preview = project
    path = data / "innovations" / "innovation-0001.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"wuxing:(?:\n- .*)+|wuxing: \[\]", "wuxing:\n- 廉洁型\n- 文明型", text, count=1), encoding="utf-8")
    modified = preview.build()["modified"]
    assert modified is not None and "innovations/innovation-0001.md" in modified
    assert any("/wuxing/" in uri for uri in modified), modified
    same_as_full_build(tmp, config, "tags")


@pytest.mark.slow
def test_a_new_title_of_a_tagged_entry_rebuilds_only_what_shows_it(project):
    tmp, data, config, preview = project
    path = data / "innovations" / "innovation-0002.yml"
    edit(path, "\ntitle: ", "\ntitle: 新标题")
    modified = preview.build()["modified"]
    assert modified is not None and "innovations/innovation-0002.md" in modified
    assert "新标题" in (tmp / "preview-site" / "innovations" / "innovation-0002" / "index.html").read_text(encoding="utf-8")
    same_as_full_build(tmp, config, "title")


@pytest.mark.slow
def test_a_save_adding_a_clash_is_reported_and_its_fix_brings_the_site_back(project):
    """A preview does not check outputs that are the same as the last build's again: a save
    adding a picture whose name clashes with another's where the site is deployed is still
    refused at both files."""
    tmp, data, config, preview = project
    preview.build()  # the outputs as they are: the check of the next build is the saved one
    folder = data / "media" / "clash"
    folder.mkdir(parents=True)
    for name in ("clash.svg", "Clash.svg"):
        shutil.copyfile(ROOT / "generator" / "assets" / "picture-placeholder.svg", folder / name)
    entry = untagged_copy(data, "member-clash")
    edit(entry, "story: |-\n  ", "story: |-\n  ![图](media/clash/clash.svg)![图](media/clash/Clash.svg)\n\n  ")
    preview.build()
    shown = (tmp / "preview-site" / "index.html").read_text(encoding="utf-8")
    assert "数据有误" in shown and "data/media/clash/Clash.svg" in shown and "一个会覆盖另一个" in shown
    shutil.rmtree(folder)
    entry.unlink()
    assert preview.build()["modified"] is not None
    same_as_full_build(tmp, config, "unclashed")


@pytest.mark.slow
def test_a_change_of_units_rebuilds_everything(project):
    tmp, data, config, preview = project
    edit(data / "units.yml", "第一党支部", "第一党支部（预览）")
    assert preview.build()["modified"] is None
    same_as_full_build(tmp, config, "units")


def test_make_serve_builds_dirty():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve = makefile[makefile.index("\nserve:"):].split("\n\n")[0]
    assert "$(BUILDER) serve --dirty" in serve


def rewrite(path: Path, change) -> None:
    """Change a data file; its time moves on by a second, as a save some time later would."""
    before = path.stat().st_mtime_ns
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_preview_renders_what_a_full_render_renders(tmp_path, monkeypatch):
    """Markdown of every page after each of many edits, with pages of 4 items so that edits
    move items across pages (and where one kind starts on a unit's pages)."""
    from generator import pipeline
    from generator.pages import paging
    from generator.site.preview import Preview

    monkeypatch.setattr(paging, "PER_PAGE", 4)
    data = synth.write(tmp_path, 80)
    preview = Preview()

    def build() -> dict:
        edit = preview.start(data, tmp_path / "content" / "news" / "posts", tmp_path, "same inputs")
        catalog = pipeline.load(data, tmp_path, cache=preview.cache)
        result = preview.render(catalog, edit, pipeline.pictures(catalog, tmp_path / "cache"))
        preview.commit(edit, result)
        assert result.pages == pipeline.render(pipeline.load(data, tmp_path))
        return result

    assert build().modified is None
    units = [u["id"] for u in yaml.safe_load((data / "units.yml").read_text(encoding="utf-8"))["units"]]
    # A unit whose members start one brand before a page break: a brand moved there moves them
    # to the next page, and the members' listing links to where they start.
    done = pipeline.complete(pipeline.load(data, tmp_path))
    catalog = done.catalog
    moved = catalog.records["brands"][0]
    target = next(u for u in units if catalog.by_unit[u]["members"] and u not in catalog.units_of(moved)
                  and (len(catalog.by_unit[u]["brands"]) + 1) % paging.PER_PAGE == 0)
    # An entry without 五型 renamed: the pages whose related reading names it change too.
    renamed = next(r for r in catalog.records["members"] if not r.entry.wuxing
                   and any(r in done.related_to(o) for k in catalog.kinds for o in catalog.records[k.key]))
    edits = [
        (f"members/{renamed.id}.yml", lambda t: re.sub(r"\nname: \S+", "\nname: 改过的名字", t)),
        (f"brands/{moved.id}.yml", lambda t: re.sub(r"branch: \S+", f"branch: {target}-b1", t)),
        ("members/member-0007.yml", lambda t: re.sub(r"\nyear: \d+", "\nyear: 2019", t)),
        ("forums/forum-0002.yml", lambda t: re.sub(r"points:\n(?:- .*\n)+", "points:\n- 2023-1\n- 2023-25\n", t)),
        ("innovations/innovation-0004.yml", lambda t: re.sub(r"unit: \S+", f"unit: {units[0]}", t)),
        ("members/member-0011.yml", lambda t: t.replace("story: |-\n  ", "story: |-\n  又一句。", 1)),
        ("../content/news/posts/news-0001.md", lambda t: re.sub(r"points:\n(?:- .*\n)+", "points:\n- 2023-3\n", t)),
    ]
    partial = 0
    for name, change in edits:
        rewrite(data / name, change)
        partial += build().modified is not None
    (data / "brands" / "brand-0005.yml").unlink()
    partial += build().modified is not None
    assert partial >= 3  # the untagged edits stayed partial
