"""The shipped deployment examples (deploy/): what the README shows is what the tests serve with.

nginx itself is exercised by browser/test_deploy.py and browser/test_not_found.py. IIS cannot
run here, so its web.config is checked against the nginx example and the built site.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from conftest import ROOT

NGINX = ROOT / "deploy" / "nginx" / "dangjian.conf"
IIS = ROOT / "deploy" / "iis" / "web.config"
# Extensions IIS serves out of the box (applicationHost.config); anything else needs a mimeMap
# or IIS answers 404.3.
IIS_KNOWN = {".html", ".htm", ".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".xml", ".txt", ".gz", ".pdf"}


def readme_blocks(language: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## 部署\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, re.S)


def test_readme_deploy_section_shows_the_shipped_files_verbatim():
    assert NGINX.read_text(encoding="utf-8") in readme_blocks("nginx")
    assert IIS.read_text(encoding="utf-8") in readme_blocks("xml")
    assert any(block.startswith("site_url: ") for block in readme_blocks("yaml")), "the README asks for site_url"


def iis() -> ElementTree.Element:
    return ElementTree.parse(IIS).getroot()


def test_iis_shows_the_same_404_page_as_nginx():
    error = iis().find("system.webServer/httpErrors/error[@statusCode='404']")
    assert error.get("responseMode") == "ExecuteURL"
    assert f"error_page 404 {error.get('path')};" in NGINX.read_text(encoding="utf-8")


def test_iis_knows_every_kind_of_file_the_site_holds(built_site, deployed_site):
    mapped = {m.get("fileExtension"): m.get("mimeType") for m in iis().iter("mimeMap")}
    suffixes = {p.suffix for site in (built_site, deployed_site) for p in site.rglob("*") if p.is_file()}
    assert suffixes - IIS_KNOWN - set(mapped) == set()
    # the index pieces: what nginx's mime.types gives .bin, and no gzip_types entry for it
    assert mapped[".bin"] == "application/octet-stream" and "octet-stream" not in NGINX.read_text(encoding="utf-8")


def test_iis_caches_the_versioned_index_files_long_and_the_rest_not(built_site):
    root = iis()
    assert root.find("system.webServer/staticContent/clientCache").get("cacheControlMode") == "DisableCache"
    long = {loc.get("path") for loc in root.findall("location")
            if loc.find("system.webServer/staticContent/clientCache").get("cacheControlMaxAge") == "365.00:00:00"}
    assert long == {"search/p", "search/t", "search/c", "search/meta", "search/fold.bin", "search/engine.bin"}
    # every piece the site holds is under one of them (search/c only where keys are common)
    pieces = {p.relative_to(built_site).as_posix() for p in (built_site / "search").rglob("*.bin")}
    assert "search/engine.bin" in pieces
    assert {p for p in pieces if not any(p == path or p.startswith(path + "/") for path in long)} == set()
