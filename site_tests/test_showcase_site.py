"""The built showcase: links, anchors, backlinks, unit pages, samples off, navigation size."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build_project

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402  (the benchmark's data writer)

from generator.kinds import KINDS as REGISTRY
from generator.pages.citations import LATEST  # noqa: E402

KINDS = [kind.key for kind in REGISTRY if kind.in_data]  # the kinds kept under data/
SHOWN = [kind for kind in KINDS if any((ROOT / "data" / kind).glob("*.yml"))]  # those the shipped data has entries of


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_of(site: Path, page: Path) -> str:
    """Site-relative URL of a built page: brands/x/index.html -> /brands/x/."""
    rel = page.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def resolve(site: Path, base_url: str, href: str) -> tuple[Path | None, str]:
    """The file a relative link of the page at ``base_url`` opens, and its fragment."""
    target, fragment = urldefrag(urljoin("http://site" + base_url, href))
    path = unquote(target[len("http://site"):])
    file = site / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    return (file if file.exists() else None), fragment


def internal_links(soup: BeautifulSoup, scope: str = "article"):
    root = soup.select_one(scope) or soup
    for a in root.select("a[href]"):
        href = a["href"]
        if not re.match(r"^[a-z]+:", href) and not href.startswith("#"):
            yield a, href


def test_every_internal_link_and_anchor_resolves(built_site):
    checked = 0
    anchors: dict[Path, set[str]] = {}
    for page in html_pages(built_site):
        base = url_of(built_site, page)
        for _a, href in internal_links(soup_of(page), scope="body"):
            file, fragment = resolve(built_site, base, href)
            assert file is not None, f"{base}: broken link {href}"
            if fragment and file.suffix == ".html":
                if file not in anchors:
                    anchors[file] = {t["id"] for t in soup_of(file).select("[id]")}
                assert fragment in anchors[file], f"{base}: missing anchor {href}"
            checked += 1
    assert checked > 500


@pytest.mark.parametrize("kind", SHOWN)
def test_every_card_links_to_an_entry_page(built_site, kind):
    files = sorted((ROOT / "data" / kind).glob("*.yml"))
    soup = soup_of(built_site / kind / "index.html")
    cards = soup.select("article .grid.cards > ul > li")
    assert len(cards) == len(files) > 0
    linked = set()
    for card in cards:
        file, _ = resolve(built_site, f"/{kind}/", card.select_one("a")["href"])
        assert file is not None
        linked.add(file.parent.name)
    assert linked == {f.stem for f in files}


def test_work_point_links_on_entry_pages_reach_their_point(built_site):
    for kind in KINDS:
        for data_file in sorted((ROOT / "data" / kind).glob("*.yml")):
            entry = yaml.safe_load(data_file.read_text(encoding="utf-8"))
            page = soup_of(built_site / kind / data_file.stem / "index.html")
            hrefs = [a["href"] for a in page.select("article a[href*='workplan/2023/#point-']")]
            assert sorted(h.rsplit("-", 1)[1] for h in hrefs) == sorted(p.split("-")[1] for p in entry["points"])


def test_each_backlink_goes_to_an_entry_citing_that_point(built_site):
    plan = soup_of(built_site / "workplan" / "2023" / "index.html")
    cited = {}
    for kind in KINDS:
        for data_file in (ROOT / "data" / kind).glob("*.yml"):
            for ref in yaml.safe_load(data_file.read_text(encoding="utf-8")).get("points", []):
                cited.setdefault(int(ref.split("-")[1]), set()).add(f"{kind}/{data_file.stem}")
    for post in (ROOT / "content" / "news" / "posts").glob("*.md"):
        front = post.read_text(encoding="utf-8").split("---\n")[1]
        for ref in yaml.safe_load(front).get("points", []):
            cited.setdefault(int(ref.split("-")[1]), set()).add(f"news/{post.stem}")
    found, more = {}, {}
    for n in range(1, 26):
        heading = plan.find(id=f"point-{n}")
        links = set()
        nxt = heading.find_next_sibling()
        while nxt is not None and nxt.name not in ("h2", "h3"):
            if "backlinks" in (nxt.get("class") or []):
                for a in nxt.select("a[href]"):
                    file, _ = resolve(built_site, "/workplan/2023/", a["href"])
                    if file.parent.parent.name == "points":  # the point's own page: all of them
                        more[n] = a.get_text()
                    else:
                        links.add(f"{file.parent.parent.name}/{file.parent.name}")
            nxt = nxt.find_next_sibling()
        if links:
            found[n] = links
    # The newest LATEST under each point; past that, a link to the point's page lists them all.
    assert found.keys() == cited.keys() == more.keys()
    for n, entries in cited.items():
        assert found[n] <= entries and len(found[n]) == min(len(entries), LATEST), n
        assert more[n] == (f"查看全部 {len(entries)} 项" if len(entries) > LATEST else "按单位查看"), n
    assert any(len(entries) > LATEST for entries in cited.values())


def unit_expectations() -> dict[str, set[str]]:
    """From the raw YAML: which entries belong to each unit, directly or through a branch."""
    units = yaml.safe_load((ROOT / "data" / "units.yml").read_text(encoding="utf-8"))["units"]
    owner = {b["id"]: u["id"] for u in units for b in u["branches"]}
    expected = {u["id"]: set() for u in units}
    for kind in KINDS:
        for data_file in (ROOT / "data" / kind).glob("*.yml"):
            entry = yaml.safe_load(data_file.read_text(encoding="utf-8"))
            branches = [entry.get("branch")] + [s["branch"] for s in entry.get("speakers", [])]
            for unit in {owner[b] for b in branches if b} | {entry.get("unit"), entry.get("host_unit")} - {None}:
                expected[unit].add(f"{kind}/{data_file.stem}")
    return expected


def test_each_unit_page_lists_exactly_its_entries(built_site):
    for unit, expected in unit_expectations().items():
        page = soup_of(built_site / "units" / unit / "index.html")
        listed = set()
        for _, href in internal_links(page):
            file, _ = resolve(built_site, f"/units/{unit}/", href)
            if file is not None and file.parent.parent.name in KINDS:
                listed.add(f"{file.parent.parent.name}/{file.parent.name}")
        assert listed == expected, unit


def test_sample_pages_say_so(built_site):
    for kind in KINDS:
        for data_file in (ROOT / "data" / kind).glob("*.yml"):
            assert yaml.safe_load(data_file.read_text(encoding="utf-8"))["sample"] is True
            page = soup_of(built_site / kind / data_file.stem / "index.html")
            notice = page.select_one("article .admonition.warning .admonition-title")
            assert notice is not None and notice.get_text(strip=True) == "示例"


def test_the_wuxing_page_links_each_kinds_listing_of_each_type(built_site):
    tags = soup_of(built_site / "tags" / "index.html")
    clean = tags.find(id="wx-clean")
    assert clean is not None and clean.get_text(strip=True).rstrip("¶") == "廉洁型"
    listed = {}
    for a in clean.find_next("ul").select("a[href]"):
        page, _ = resolve(built_site, "/tags/", a["href"])
        listed[page.parent.parent.parent.name] = a.get_text(strip=True)
    # Counted from data/: the entries of each kind marked 廉洁型.
    marked = {kind: sum(1 for f in (ROOT / "data" / kind).glob("*.yml")
                        if "廉洁型" in (yaml.safe_load(f.read_text(encoding="utf-8")).get("wuxing") or []))
              for kind in ("brands", "members", "forums", "innovations")}
    assert listed == {kind: f"{label}（{n} 项）" for (kind, n), label in
                      zip(marked.items(), ("支部品牌", "党员风采", "书记论坛", "党建创新榜"), strict=True) if n}
    # A page's 五型 chip opens its type on that page.
    brand = next(f for f in (ROOT / "data" / "brands").glob("*.yml")
                 if "廉洁型" in (yaml.safe_load(f.read_text(encoding="utf-8")).get("wuxing") or []))
    chip = soup_of(built_site / "brands" / brand.stem / "index.html").select_one("nav.md-tags a.wx-clean")
    assert chip["href"] == "../../tags/#wx-clean"


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    result, site = build_project(tmp_path_factory.mktemp("prod"), ROOT / "data", samples=False)
    assert result.returncode == 0, result.stderr
    return site


def test_samples_false_builds_no_sample_page_and_links_none(production_site):
    for kind in KINDS:
        assert not [p for p in (production_site / kind).iterdir() if p.is_dir()], kind
    assert not (production_site / "units" / "zhengwu").exists()
    sample_ids = {f.stem for kind in KINDS for f in (ROOT / "data" / kind).glob("*.yml")}
    for page in html_pages(production_site):
        text = page.read_text(encoding="utf-8")
        assert "本页为示例内容" not in text
        for _, href in internal_links(soup_of(page), scope="body"):
            assert not any(f"{kind}/{i}" in href for kind in KINDS for i in sample_ids), (page, href)


def nav_links(page: Path) -> int:
    """Links of the site navigation, leaving out the page's own table of contents."""
    nav = soup_of(page).select_one("nav.md-nav--primary")
    return len([a for a in nav.select("a") if not a.find_parent(class_="md-nav--secondary")])


def test_navigation_does_not_grow_with_entries(tmp_path):
    small, small_site = build_project(tmp_path / "small", synth.write(tmp_path / "small", 4))
    large, large_site = build_project(tmp_path / "large", synth.write(tmp_path / "large", 310))
    assert small.returncode == 0, small.stderr
    assert large.returncode == 0, large.stderr
    assert sum(len([p for p in (large_site / kind).iterdir() if p.is_dir()]) for kind in KINDS) > 300
    for page in ("brands/brand-0001/index.html", "brands/index.html", "index.html"):
        assert nav_links(large_site / page) == nav_links(small_site / page) < 30
