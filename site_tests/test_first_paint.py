"""What a built page makes the browser wait for before it first paints (bench/lighthouse.py
measures the effect): one stylesheet of ours in the head, holding the board's and the 长辈版's
rules; only the scripts Material's bundle needs before it starts run at once, every other one
of ours is deferred; the home page's banner picture is asked for from the head."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

THEME = ROOT / "generator" / "theme" / "assets" / "stylesheets"
MATERIAL_SHEET = re.compile(r"assets/stylesheets/(main|palette)\.[0-9a-f]{8}\.min\.css$")
MATERIAL_SCRIPT = re.compile(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$")
# Read by Material's bundle as it starts (search-zh.js hands it our search worker; it needs the
# message names): these must run before it, in order, so they cannot wait.
BEFORE_BUNDLE = ("search-messages.js", "search-zh.js")


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("index.html"))
    assert len(found) > 50, "the shipped site has dozens of pages"
    return found


def head_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.slow
def test_every_page_links_one_stylesheet_of_ours_that_the_first_paint_waits_for(built_site):
    for path in pages(built_site):
        soup = head_of(path)
        waited = [link["href"] for link in soup.select("link[rel=stylesheet]")
                  if link.get("media", "all") in ("all", "screen") and not MATERIAL_SHEET.search(link["href"])]
        assert len(waited) == 1 and waited[0].endswith("assets/stylesheets/showcase.css"), (path, waited)
        assert all(link.parent.name == "head" for link in soup.select("link[rel=stylesheet]")), path


@pytest.mark.slow
def test_the_one_stylesheet_holds_the_look_the_board_and_the_elder_mode_in_that_order(built_site):
    published = (built_site / "assets" / "stylesheets" / "showcase.css").read_text(encoding="utf-8")
    at = [published.find((THEME / name).read_text(encoding="utf-8").strip())
          for name in ("showcase.css", "board.css", "elder.css")]
    assert -1 not in at, at
    assert at == sorted(at), "elder.css comes last so that its rules win over the board's"
    assert not (built_site / "assets" / "stylesheets" / "board.css").exists()
    assert not (built_site / "assets" / "stylesheets" / "elder.css").exists()


@pytest.mark.slow
def test_scripts_of_ours_wait_for_the_page_except_those_material_reads_as_it_starts(built_site):
    for path in pages(built_site):
        scripts = [s for s in head_of(path).select("script[src]")]
        names = [s["src"].rpartition("/")[2] for s in scripts]
        bundle = next(i for i, s in enumerate(scripts) if MATERIAL_SCRIPT.search(s["src"]))
        for i, (script, name) in enumerate(zip(scripts, names, strict=True)):
            if i == bundle:
                continue
            if name in BEFORE_BUNDLE:
                assert i < bundle and not script.has_attr("defer"), (path, name)
            else:
                assert script.has_attr("defer") or script.has_attr("async"), (path, name)
        assert [n for n in names if n in BEFORE_BUNDLE] == list(BEFORE_BUNDLE), (path, names)


@pytest.mark.slow
def test_the_home_pages_banner_picture_is_fetched_from_the_head_and_no_other_page_asks_for_it(built_site):
    home = head_of(built_site / "index.html")
    preload = home.select("head link[rel=preload][as=image]")
    assert len(preload) == 1 and preload[0].get("fetchpriority") == "high"
    style = " ".join(s.get_text() for s in home.select("head style"))
    assert f'.portal-banner{{background-image:url("{preload[0]["href"]}")}}' in style
    assert (built_site / preload[0]["href"]).is_file()
    for path in (built_site / "brands").rglob("index.html"):
        assert not head_of(path).select("link[rel=preload][as=image]"), path
