"""The news feed (``news/feed.xml``): an Atom document of the newest items, for feed readers.

Written by an XML library, so every text and attribute is escaped as XML wants it; the plugin
writes it when mkdocs.yml sets site_url (links in a feed must be absolute).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from .. import addresses
from .build import Build

ATOM = "http://www.w3.org/2005/Atom"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# What XML 1.0 cannot hold (outside its Char production). check refuses these in editors' text
# (model.safety); the feed drops any that reach it another way (the site's name in mkdocs.yml).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def atom(build: Build, kind, site_url: str, url: Callable[[str], str], site_name: str, limit: int = 50) -> str:
    """An Atom feed of the newest items of ``kind`` (news), with absolute links under ``site_url``; ``url`` gives
    the URL of a page (relative to the site) from its docs path, as MkDocs makes it.

    Written by an XML library, so every text and attribute is escaped as XML wants it.
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    records: list[Any] = build.catalog.records.get(kind.key, [])[:limit]  # news items, with their date and category
    feed_url = urljoin(base, addresses.FEED)
    # Names without a namespace and the Atom one declared as the default: ElementTree would
    # otherwise give every element a prefix ("ns0:entry"), which some feed readers ignore.
    root = ET.Element("feed", {"xmlns": ATOM, _LANG: "zh-CN"})
    _add(root, "title", f"{site_name}：{kind.label}")
    _add(root, "id", feed_url)
    _add(root, "link", rel="self", href=feed_url)
    _add(root, "link", rel="alternate", type="text/html", href=urljoin(base, url(addresses.listing(kind.key))))
    updated = max((build.updated_on(r) or r.entry.date for r in records), default=None)
    if updated:
        _add(root, "updated", f"{updated.isoformat()}T00:00:00Z")
    for record in records:
        link, entry = urljoin(base, url(record.url)), record.entry
        item = _add(root, "entry")
        _add(item, "title", entry.title)
        _add(item, "id", link)
        _add(item, "link", rel="alternate", type="text/html", href=link)
        _add(item, "updated", f"{(build.updated_on(record) or entry.date).isoformat()}T00:00:00Z")
        _add(item, "published", f"{entry.date.isoformat()}T00:00:00Z")
        _add(item, "category", term=entry.category)
        if entry.summary:
            _add(item, "summary", entry.summary)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element, its text and attributes cleared of what XML cannot hold."""
    element = ET.SubElement(parent, name, {k: _NOT_XML.sub("", v) for k, v in attributes.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element
