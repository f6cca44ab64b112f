"""Nothing leaves the host, and everything resolves under the sub-path /dangjian/."""

from __future__ import annotations

from urllib.error import HTTPError
from urllib.request import Request, urlopen

from browser.conftest import SUBPATH


def test_crawl_reaches_the_home_page_and_the_work_plan(crawl):
    assert crawl.server.root in crawl.pages
    assert crawl.server.url("workplan/2023/") in crawl.pages
    assert len(crawl.pages) >= 3


def test_no_page_requests_another_host_fails_or_logs_an_error(crawl):
    bad = {page: problems for page, problems in crawl.problems.items() if problems}
    assert not bad, "\n".join(f"{page}:\n  " + "\n  ".join(problems) for page, problems in bad.items())


def test_every_internal_link_stays_under_the_subpath(crawl):
    escaped = sorted(
        f"{page} -> {link}" for page, links in crawl.links.items() for link in links
        if not link.startswith(crawl.server.root)
    )
    assert not escaped, "absolute links that break under a sub-path:\n" + "\n".join(escaped)


def test_linked_files_that_are_not_pages_exist(crawl):
    missing = []
    for url in sorted(crawl.files):
        try:
            with urlopen(Request(url, method="HEAD"), timeout=10):
                pass
        except HTTPError as error:
            missing.append(f"{error.code} {url}")
    assert not missing, "\n".join(missing)


def test_server_saw_no_request_outside_the_subpath(crawl):
    # Read after the crawl: every page, asset, worker and index the browser asked for.
    assert crawl.server.outside == [], f"requested outside {SUBPATH}: {crawl.server.outside}"


def test_sitemap_lists_every_page_and_every_listed_page_is_linked(crawl):
    sitemap = set(crawl.sitemap)
    # A page's own anchors (permalinks, table of contents) do not make it reachable.
    linked = {link for page, links in crawl.links.items() for link in links if link != page} | {crawl.server.root}
    pages = set(crawl.pages)
    assert pages - sitemap == set(), "pages missing from sitemap.xml"
    assert sitemap - linked == set(), "pages that no page links to"
