"""What the editing server does for each request, apart from HTTP: the answers as plain values."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from .. import addresses
from ..model.catalog import Catalog, media_in_text
from ..model.fields import Entry
from . import entries, forms, pictures, places, submit
from .checking import Checker, for_form
from .git import SubmitError
from .places import Refused
from .preview import SitePreview, field_html


class App:
    """The editor's state for one project: the check's cache, the pickers' files, the preview."""

    def __init__(self, root: Path, *, site_preview: bool = True):
        self.root = root
        self.checker = Checker(root)
        self.cache = self.checker.cache
        self.preview = SitePreview(root, root / ".cache" / "edit" / "preview.log")
        self.site_preview = site_preview
        self.media_cache = root / ".cache" / "media"
        self._nudged: dict[Path, float] = {}

    def start(self) -> None:
        """Read and check everything once, so that the first save reads only what it changed."""
        self.checker.run()
        self.kinds()  # the start page's list: news items and list files read once
        if self.site_preview:
            self.preview.start()

    def kinds(self, query: str = "") -> dict[str, Any]:
        """Every kind with its entries, newest first (only those whose title holds ``query``)."""
        out = []
        for where in places.places():
            found = entries.listing(self.root, where, self.cache)
            if query:
                found = [e for e in found if query.lower() in e["title"].lower() or query.lower() in e["id"]]
            out.append({"key": where.key, "label": where.label, "entries": found})
        return {"kinds": out}

    def form(self, key: str, ident: str) -> dict[str, Any]:
        """The schema of the kind's form, and the entry's value and file hash (an empty form for a new one)."""
        where = places.place(key)
        choices = forms.pickers(self.root, self.cache)
        schema = forms.form_schema(where, choices.without_term(ident) if ident else choices)
        links = self.links(choices)
        if not ident:
            whole = where.file(self.root, "") if where.items else None
            raw = whole.read_bytes() if whole is not None and whole.is_file() else None
            return {"schema": schema, "value": {}, "hash": entries.digest(raw), "new": True, "label": where.label,
                    "needs_id": not where.items, "links": links, "editor": self.editor()}
        opened = entries.open_entry(self.root, where, ident)
        return {"schema": schema, "value": opened.value, "hash": opened.hash, "new": False, "label": where.label,
                "id": ident, "file": where.file(self.root, ident).relative_to(self.root).as_posix(), "links": links,
                "editor": self.editor()}

    def links(self, choices: forms.Pickers) -> list[dict[str, Any]]:
        """What the Markdown buttons link to, by id: work points, entries of each kind, units."""
        groups: list[dict[str, Any]] = [{"prefix": "point", "label": "工作要点", "choices": [[v, t, t.split(" ", 2)[-1]] for v, t in choices.points]}]
        for where in places.places():
            if where.pattern.startswith("data/") and not where.items:  # thousands, perhaps: asked for when wanted
                groups.append({"prefix": where.schema, "label": where.label, "kind": where.key, "choices": None})
        groups.append({"prefix": "unit", "label": "单位", "choices": [[v, t] for v, t in choices.units]})
        return groups

    def choices(self, key: str) -> dict[str, Any]:
        """A kind's entries to link to, newest first: ``[[id, title], ...]``."""
        where = places.place(key)
        return {"choices": [[e["id"], e["title"]] for e in entries.listing(self.root, where, self.cache)]}

    def save(self, body: dict[str, Any]) -> dict[str, Any]:
        """Write the form into its file, then check the whole site as ``make check`` does."""
        where = places.place(str(body.get("kind", "")))
        value = body.get("value")
        if not isinstance(value, dict):
            raise Refused("表单内容不完整：请刷新页面后重试。", 400)
        new = bool(body.get("new"))
        ident = str(value.get("id", "")) if where.items and new else str(body.get("id", ""))
        if where.items and not ident:
            raise Refused(f"请先填写{where.label}的标识。", 400)
        path, digest, index = entries.save(self.root, where, ident, value, str(body.get("hash", "")), new=new)
        started = time.perf_counter()
        # One entry file: its own problems at once, the whole check after (the page asks /api/check).
        model = where.model
        quick = self.checker.quick(path, model) if issubclass(model, Entry) and not where.items and not where.body else None
        ticket = self.checker.run_later() if quick is not None else 0
        problems = quick if quick is not None else self.checker.run().problems
        prefix = f"{where.items}[{index}]" if where.items else ""
        mine, others = for_form(problems, path, self.root, prefix)
        ident = str(value.get("id", ident)) if where.items else ident
        return {"saved": True, "id": ident, "hash": digest, "file": path.relative_to(self.root).as_posix(),
                "problems": mine, "others": others, "complete": quick is None, "ticket": ticket,
                "seconds": round(time.perf_counter() - started, 3)}

    def whole_check(self, key: str, ident: str, ticket: int) -> dict[str, Any]:
        """The whole check that follows a save (``ticket`` from its answer), for the saved entry's form."""
        where = places.place(key)
        path = where.file(self.root, ident)
        result = self.checker.wait(ticket)
        if result is None:
            raise Refused("检查整个网站的时间太长，还没有结束：请稍后再点一次“保存”。", 504)
        mine, others = for_form(result.problems, path, self.root, self._prefix(where, ident))
        return {"problems": mine, "others": others, "complete": True}

    def upload(self, key: str, ident: str, data: bytes, name: str) -> dict[str, Any]:
        where = places.place(key)
        uri = pictures.store(self.root, where.key, ident, data, name)
        return {"path": uri, "thumbnail": f"/api/thumbnail?path={uri}"}

    def thumbnail(self, uri: str) -> Path:
        return pictures.thumbnail(self.root, uri, self.media_cache)

    def markdown(self, text: str) -> str:
        return field_html(self.checker.last, text[:40_000])

    def page_address(self, key: str, ident: str) -> str:
        """Where the preview shows the entry's page: ``/site/brands/<id>/``."""
        where = places.place(key)
        where.file(self.root, ident)  # a valid id of an editable kind, or refused
        if where.items:
            page = addresses.unit(ident) if where.key == "units" else addresses.glossary()
        else:
            page = addresses.entry(where.key, ident)
        return "/site/" + addresses.url(page)

    def nudge(self, address: str) -> bool:
        """For a page the preview does not have: whether an entry's file should make it, and if so
        the file is marked changed again (at most every few seconds) so the preview builds it."""
        parts = address.strip("/").split("/")
        if len(parts) != 2:
            return False
        key = parts[0]
        try:
            where = places.place(key)
            path = where.file(self.root, parts[1]) if not where.items else None
        except Refused:
            return False
        if path is None or not path.is_file():
            return False
        now = time.time()
        if now - self._nudged.get(path, 0) > 5:
            self._nudged[path] = now
            # Written again as it is: the preview's watcher counts changes of content (system
            # events), and a new modification time alone is not one.
            path.write_bytes(path.read_bytes())
        return True

    def submit(self, body: dict[str, Any]) -> dict[str, Any]:
        """提交审核: the entry's file and the pictures it shows, as one commit on its review branch."""
        where = places.place(str(body.get("kind", "")))
        ident = str(body.get("id", ""))
        path = where.file(self.root, ident)
        result = self.checker.run()
        mine, others = for_form(result.problems, path, self.root, self._prefix(where, ident))
        if result.catalog is None:
            where_ = f"这一项还有 {len(mine)} 处问题" if mine else f"别的文件还有 {len(others)} 处问题"
            raise Refused(f"{where_}，检查没有通过：请先改正（见表单里的红字和上方的列表），再提交审核。", 409)
        title, pictures = _shown(result.catalog, where, ident)
        try:
            done = submit.submit(self.root, [path, *(self.root / "data" / p for p in pictures)], str(body.get("editor", "")),
                                 where.label, ident, title)
        except SubmitError as exc:
            raise Refused(str(exc), 409) from exc
        return {"branch": done.branch, "commit": done.commit, "pushed": done.pushed, "url": done.url,
                "command": done.command, "message": done.message, "files": done.files, "opened": done.opened}

    def editor(self) -> str:
        """The name given at an earlier submit ("" if none): the page asks only once."""
        return submit.editor_name(self.root) or ""

    def _prefix(self, where: places.Place, ident: str) -> str:
        if not where.items:
            return ""
        opened = entries.open_entry(self.root, where, ident)
        return f"{where.items}[{opened.index}]"


def _shown(catalog: Catalog, where: places.Place, ident: str) -> tuple[str, list[str]]:
    """The entry's title and the pictures it shows (paths under data/), as the site has them."""
    if where.key == "units":
        unit = catalog.units.get(ident)
        return (unit.name, [unit.picture] if unit.picture else []) if unit else (ident, [])
    if where.items:
        found = next((e for e in catalog.glossary if e.id == ident), None)
        return (found.term.term if found else ident), []
    record = next((r for r in catalog.records.get(where.key, []) if r.id == ident), None)
    if record is None:
        return ident, []
    return record.entry.heading, list(dict.fromkeys([v for _, v in record.entry.media_refs()] + media_in_text(record)))
