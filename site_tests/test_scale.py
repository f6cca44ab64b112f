"""A site of 2,000 entries: page weights under their caps, every entry reachable from its kind's
index, filters that list exactly their entries, the board's matrix over fifty units."""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build_project
from test_progress import expected, matrix

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

from generator.kinds import KINDS as REGISTRY

pytestmark = pytest.mark.slow  # builds a site of 2,000 entries

ENTRIES = 2000
KINDS = [kind.key for kind in REGISTRY if kind.in_data]  # the kinds kept under data/
LISTING_CAP = 300_000
PLAN_CAP = 150_000
HREF = re.compile(r'<a [^>]*href="([^"]+)"')


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scale")
    data = synth.write(tmp, ENTRIES)
    result, site = build_project(tmp, data)
    assert result.returncode == 0, result.stderr
    return data, site


def url_of(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return "/" + rel[: -len("index.html")]


def links(site: Path, page: Path) -> list[tuple[str, str]]:
    """(site-relative path, fragment) of every link of a page's article."""
    html = page.read_text(encoding="utf-8")
    article = html[html.find("<article"):html.find("</article>")]
    base = "http://site" + url_of(site, page)
    out = []
    for href in HREF.findall(article):
        target, fragment = urldefrag(urljoin(base, href.replace("&amp;", "&")))
        if target.startswith("http://site/"):
            out.append((unquote(target[len("http://site"):]), fragment))
    return out


def page_file(site: Path, path: str) -> Path:
    return site / path.lstrip("/") / "index.html"


def is_listing(path: str, kind: str) -> bool:
    """A page of the kind's own listing (its index, further pages, 五型 filters), not an entry."""
    rest = path[len(f"/{kind}/"):]
    return rest == "" or rest.startswith(("page/", "wuxing/"))


def crawl(site: Path, kind: str) -> tuple[set[str], set[str]]:
    """Listing pages reached from ``/<kind>/`` by following links, and the entries they link."""
    seen, todo, entries = {f"/{kind}/"}, [f"/{kind}/"], set()
    while todo:
        for path, _ in links(site, page_file(site, todo.pop())):
            if not path.startswith(f"/{kind}/"):
                continue
            if is_listing(path, kind):
                if path not in seen:
                    seen.add(path)
                    todo.append(path)
            else:
                entries.add(path.strip("/").split("/")[1])
    return seen, entries


@pytest.mark.parametrize("kind", KINDS)
def test_every_entry_is_reached_from_its_kind_index(big, kind):
    data, site = big
    pages, entries = crawl(site, kind)
    assert entries == {p.stem for p in (data / kind).glob("*.yml")}
    built = {url_of(site, p) for p in (site / kind).rglob("index.html") if is_listing(url_of(site, p), kind)}
    assert pages == built and len(pages) > 5


def test_listings_units_and_points_stay_under_their_caps(big):
    _, site = big
    weights = {url_of(site, p): p.stat().st_size for p in site.rglob("index.html")}
    capped = {u: w for u, w in weights.items()
              if u.startswith(("/units/", "/workplan/2023/points/"))
              or any(is_listing(u, k) for k in KINDS if u.startswith(f"/{k}/"))}
    assert len(capped) > 150
    heaviest = max(capped, key=capped.get)
    assert capped[heaviest] <= LISTING_CAP, (heaviest, capped[heaviest])
    assert weights["/workplan/2023/"] <= PLAN_CAP


def entries_by(data: Path, kind: str) -> list[tuple[str, dict]]:
    return [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted((data / kind).glob("*.yml"))]


@pytest.mark.parametrize("kind", ["brands", "forums"])
def test_filters_list_exactly_their_entries(big, kind):
    data, site = big
    items = entries_by(data, kind)
    owners = unit_finder(data)
    index = page_file(site, f"/{kind}/")
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    filters = soup.select_one("article .filters")
    for a in filters.select("a[href]"):
        path, fragment = urldefrag(urljoin(f"http://site/{kind}/", a["href"]))
        path = path[len("http://site"):]
        label = a.get_text()
        if "/wuxing/" in path:
            wx = label.split("（")[0]
            _, listed = crawl_from(site, path, kind)
            assert listed == {i for i, e in items if wx in e.get("wuxing", [])}, label
        elif path.startswith("/units/"):
            unit = path.strip("/").split("/")[1]
            target = page_file(site, path)
            assert fragment == kind and f'id="{kind}"' in target.read_text(encoding="utf-8")
            assert unit_listing(site, unit, kind) == {i for i, e in items if unit in owners(e)}, unit
        else:
            year = int(fragment.split("-")[1])
            assert f'id="year-{year}"' in page_file(site, path).read_text(encoding="utf-8")


def crawl_from(site: Path, start: str, kind: str) -> tuple[set[str], set[str]]:
    seen, todo, entries = {start}, [start], set()
    while todo:
        for path, _ in links(site, page_file(site, todo.pop())):
            if path.startswith(start.rstrip("/")) and path not in seen:
                seen.add(path)
                todo.append(path)
            elif path.startswith(f"/{kind}/") and not is_listing(path, kind):
                entries.add(path.strip("/").split("/")[1])
    return seen, entries


def unit_finder(data: Path):
    """``owners(entry)``: the units an entry belongs to, read off the raw YAML."""
    units = yaml.safe_load((data / "units.yml").read_text(encoding="utf-8"))["units"]
    owner = {b["id"]: u["id"] for u in units for b in u["branches"]}

    def owners(entry: dict) -> set[str]:
        branches = [entry.get("branch")] + [s["branch"] for s in entry.get("speakers", [])]
        return {owner[b] for b in branches if b} | {entry.get("unit"), entry.get("host_unit")} - {None}
    return owners


def unit_listing(site: Path, unit: str, kind: str) -> set[str]:
    """Entries of one kind listed on all of a unit's pages."""
    found = set()
    for page in [page_file(site, f"/units/{unit}/")] + sorted((site / "units" / unit).glob("*/index.html")):
        for path, _ in links(site, page):
            if path.startswith(f"/{kind}/"):
                found.add(path.strip("/").split("/")[1])
    return found


def test_point_pages_together_list_every_entry_citing_the_point(big):
    data, site = big
    truth = expected(data)
    for number in (1, 13, 25):
        listed = defaultdict(set)
        pages = [page_file(site, f"/workplan/2023/points/{number}/")]
        pages += sorted((site / "workplan" / "2023" / "points" / str(number)).glob("*/index.html"))
        assert len(pages) > 1  # hundreds of entries: cut into pages
        for page in pages:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            unit = None
            for tag in soup.select("article h2, article li"):
                if tag.name == "h2":
                    unit = tag.get_text().split("（")[0]
                    continue
                target, _ = urldefrag(urljoin("http://site" + url_of(site, page), tag.a["href"]))
                listed[unit].add("/".join(target.rstrip("/").split("/")[-2:]))
        names = {v: k for k, v in truth["names"].items()}
        want = defaultdict(set)
        for key, e in truth["entries"].items():
            if number in e["points"]:
                for u in e["units"]:
                    want[names[u]].add(key)
        assert dict(listed) == dict(want), number


def test_board_over_fifty_units_matches_the_data(big):
    data, site = big
    truth = expected(data)
    assert len(truth["units"]) >= 50
    # The matrix's tables, 12 units each, come four to a page of the board.
    first = page_file(site, "/workplan/2023/progress/")
    more = sorted(first.parent.glob("[0-9]*/index.html"), key=lambda p: int(p.parent.name))
    boards = [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in [first, *more]]
    tables = -(-len(truth["units"]) // 12)
    assert [len(b.select("table.pg-matrix")) for b in boards] == [min(4, tables - 4 * i) for i in range(len(boards))]
    assert [int(p.parent.name) for p in more] == list(range(2, len(boards) + 1)) and len(boards) == -(-tables // 4)
    cells, columns = {}, {}
    for board in boards:
        found = matrix(board, truth["names"])
        cells.update(found[0])
        columns.update(found[2])
        assert found[1] == {n: len(truth["rows"].get(n, ())) for n in range(1, 26)}  # every page has every point
    assert {k: v[0] for k, v in cells.items() if v[0]} == dict(truth["cells"])
    assert columns == {u: len(truth["columns"].get(u, ())) for u in truth["units"]}
    assert boards[0].select("table.pg-chart") and not any(b.select("table.pg-chart") for b in boards[1:])
