"""The built HTML and CSS, read as files: nothing external, nothing absolute, nothing missing.

An admin copies site/ to any static host, possibly under a sub-path, on an intranet with no
internet. So every address the site loads by itself (scripts, stylesheets, fonts, images, icons)
must be relative and on the host, and every link must work below any prefix.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, SITE_URL

# Attributes through which a browser fetches something without a click.
FETCHED = [("img", "src"), ("script", "src"), ("iframe", "src"), ("audio", "src"), ("video", "src"),
           ("video", "poster"), ("source", "src"), ("track", "src"), ("embed", "src"),
           ("input", "src"), ("object", "data"), ("link", "href")]
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.S)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def css_urls(css: str) -> list[str]:
    return [m.group(2) if m.group(2) is not None else m.group(4) for m in CSS_URL.finditer(css)]


def references(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(what, address) for everything the page fetches by itself, and every link."""
    found = [(f"<{tag} {attr}>", el[attr]) for tag, attr in FETCHED for el in soup.find_all(tag, attrs={attr: True})]
    for el in soup.find_all(srcset=True):
        found += [(f"<{el.name} srcset>", part.split()[0]) for part in el["srcset"].split(",") if part.strip()]
    for el in soup.find_all(style=True):
        found += [("style=", url) for url in css_urls(el["style"])]
    for el in soup.find_all("style"):
        found += [("<style>", url) for url in css_urls(el.get_text())]
    found += [("<a href>", el["href"]) for el in soup.find_all("a", href=True)]
    return found


def is_external(address: str) -> bool:
    parts = urlsplit(address)
    return bool(parts.netloc) or parts.scheme not in ("", "data", "mailto", "tel")


def target_file(site: Path, page: Path, address: str) -> Path | None:
    """The file an internal, relative address points to (404.html resolves from the root)."""
    base = "" if page.name == "404.html" else page.relative_to(site).as_posix()
    path = unquote(urlsplit(urljoin("/" + base, address)).path).lstrip("/")
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") or target.is_dir() else target


@pytest.fixture(scope="module")
def pages(built_site) -> dict[Path, BeautifulSoup]:
    return {p: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in html_files(built_site)}


def test_no_page_fetches_anything_from_another_host(built_site, pages):
    bad = [f"{page.relative_to(built_site)}: {what} {address}"
           for page, soup in pages.items() for what, address in references(soup)
           if what != "<a href>" and is_external(address)]
    assert not bad, "\n".join(bad)


def test_no_stylesheet_fetches_anything_from_another_host_or_the_server_root(built_site):
    bad = []
    for css in sorted(built_site.rglob("*.css")):
        for address in css_urls(css.read_text(encoding="utf-8")):
            if not address.startswith("data:") and (is_external(address) or address.startswith("/")):
                bad.append(f"{css.relative_to(built_site)}: {address}")
    assert not bad, "\n".join(bad)


def test_no_address_is_absolute_so_any_subpath_works(built_site, pages):
    bad = [f"{page.relative_to(built_site)}: {what} {address}"
           for page, soup in pages.items() for what, address in references(soup)
           if address.startswith("/")]
    assert not bad, "\n".join(bad)


def test_every_relative_address_points_to_a_built_file(built_site, pages):
    missing = []
    for page, soup in pages.items():
        for what, address in references(soup):
            if is_external(address) or address.startswith(("#", "data:")) or not urlsplit(address).path:
                continue
            if not target_file(built_site, page, address).is_file():
                missing.append(f"{page.relative_to(built_site)}: {what} {address}")
    assert not missing, "\n".join(missing)


def test_404_page_is_chinese_and_sets_its_base_from_the_address(pages, built_site):
    soup = pages[built_site / "404.html"]
    assert soup.html["lang"] == "zh"
    assert soup.title.get_text().startswith("页面未找到")
    assert "页面未找到" in soup.select_one("article h1").get_text()
    home = soup.select_one("article a")
    assert home.get_text() == "返回首页" and home["href"] == "./"
    # The base comes before anything that loads, and resolves nothing until the script sets it.
    head = soup.head.find_all(["base", "script", "link"])
    assert head[0].name == "base" and head[0]["href"] == "about:blank"
    assert head[1].name == "script" and 'getElementById("__base").href' in head[1].get_text()
    assert '"workplan"' in head[1].get_text(), "the site's top-level folders are listed for the script"


def test_footer_names_the_organisation_and_the_build_date(pages, built_site):
    organisation = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["portal"]["organisation"]
    footer = pages[built_site / "index.html"].select_one("footer .md-copyright")
    assert organisation and f"主办：{organisation}" in footer.get_text()
    assert "Material" not in footer.get_text() and not footer.select("a[href^=http]")
    when = footer.select_one("time")
    built = datetime.strptime(when["datetime"], "%Y-%m-%d").date()
    today = datetime.now(timezone.utc).date()
    assert built in (today, today - timedelta(days=1))  # the build may have run before midnight UTC
    assert when.get_text() == f"{built.year}年{built.month}月{built.day}日"


def test_logo_and_favicon_are_local_svg_files(pages, built_site):
    soup = pages[built_site / "index.html"]
    for address in (soup.select_one("link[rel=icon]")["href"], soup.select_one(".md-header .md-logo img")["src"]):
        assert address.endswith(".svg") and not is_external(address)
        svg = (built_site / address).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<svg") and not re.search(r"""(?:href|src)=["']?(?:https?:)?//""", svg)


def test_no_sitemap_without_site_url(built_site):
    # The sitemap protocol wants absolute addresses, which only site_url gives.
    assert not (built_site / "sitemap.xml").exists() and not (built_site / "sitemap.xml.gz").exists()


def test_sitemap_lists_every_page_at_its_absolute_address_under_site_url(deployed_site):
    sitemap = ElementTree.parse(deployed_site / "sitemap.xml").getroot()
    locs = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {p.relative_to(deployed_site).parent.as_posix() + "/" for p in deployed_site.rglob("index.html")}
    assert locs == {SITE_URL + ("" if page == "./" else page) for page in pages}


def test_with_site_url_only_the_404_page_uses_absolute_paths(deployed_site):
    """The 404 page is shown at any address, so it names everything from the server root; the
    other pages stay relative (their canonical link names the deployed address)."""
    prefix = urlsplit(SITE_URL).path
    for page in html_files(deployed_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        found = [(what, address) for what, address in references(soup)
                 if not is_external(address) and not address.startswith(("#", "data:"))]
        if page.name == "404.html":
            assert soup.find("base") is None, "no base to guess: site_url gives the path"
            assert found and all(address.startswith(prefix) for _, address in found), found
            assert all(target_file(deployed_site, page, address.removeprefix(prefix)).is_file()
                       for _, address in found if urlsplit(address).path.startswith(prefix))
        else:
            assert not [a for _, a in found if a.startswith("/")], page
            canonical = soup.select_one("link[rel=canonical]")["href"]
            assert canonical.startswith(SITE_URL)
