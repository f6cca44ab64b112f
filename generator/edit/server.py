"""The editing server: the start page, forms, saving with check, pictures, previews, submitting.

Standard library only (``http.server``): a handful of JSON endpoints under ``/api/`` and the
static page that draws the forms. Every request first passes ``guard.Guard``.
"""

from __future__ import annotations

import json
import mimetypes
import re
import secrets
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import api
from .guard import Guard
from .places import Refused

STATIC = Path(__file__).parent / "static"
FAVICON = Path(__file__).parent.parent / "theme" / "assets" / "images" / "favicon.svg"
MAX_JSON = 4 * 1024 * 1024  # a form's value: every Markdown field at its limit fits many times
# Our own pages load nothing from elsewhere and cannot be framed by another site.
_CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


class EditServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], app: api.App, guard: Guard):
        super().__init__(address, Handler)
        self.app, self.guard = app, guard


class Handler(BaseHTTPRequestHandler):
    server: EditServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # the terminal shows the address and the saves, not every request

    def do_GET(self) -> None:  # noqa: N802 - http.server's names
        self._serve("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._send_text(405, "编辑服务器不接受这种请求。")

    do_DELETE = do_OPTIONS = do_PATCH = do_PUT  # noqa: N815 - no CORS preflight is ever answered

    def _serve(self, method: str) -> None:
        verdict = self.server.guard.judge(self.command, self.path, self.headers)
        if verdict.status:
            self._send_text(verdict.status, verdict.message)
            return
        if verdict.set_cookie:  # the address with ?token=: remember it, and show the page without it
            self._send(303, b"", "text/plain", {"Location": "/", "Set-Cookie": self.server.guard.cookie()})
            return
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        try:
            if method == "POST":
                self._post(url.path, query)
            else:
                self._get(url.path, query)
        except Refused as refused:
            self._send_json(refused.status, {"error": str(refused)})
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _get(self, path: str, query: dict[str, str]) -> None:
        app = self.server.app
        if path == "/":
            self._send_file(STATIC / "index.html")
        elif path == "/favicon.ico":
            self._send_file(FAVICON, cache=True)
        elif path.startswith("/static/"):
            self._send_file(_static(path.removeprefix("/static/")))
        elif path == "/api/kinds":
            self._send_json(200, app.kinds(query.get("q", "")))
        elif path == "/api/form":
            self._send_json(200, app.form(query.get("kind", ""), query.get("id", "")))
        elif path == "/api/choices":
            self._send_json(200, app.choices(query.get("kind", "")))
        elif path == "/api/check":
            ticket = query.get("ticket", "0")
            self._send_json(200, app.whole_check(query.get("kind", ""), query.get("id", ""), int(ticket) if ticket.isdigit() else 0))
        elif path == "/api/thumbnail":
            self._send_file(app.thumbnail(query.get("path", "")), cache=True)
        elif path == "/api/preview":
            self._send(303, b"", "text/plain", {"Location": app.page_address(query.get("kind", ""), query.get("id", ""))})
        elif path == "/site" or path.startswith("/site/"):
            self._proxy(path.removeprefix("/site") or "/")
        elif re.fullmatch(r"/livereload/[0-9]+/[0-9]+", path):
            self._proxy(path)
        else:
            self._send_text(404, "没有这个页面：请回到编辑器首页 /。")

    def _post(self, path: str, query: dict[str, str]) -> None:
        app = self.server.app
        if path == "/api/upload":
            data = self._body(api.pictures.MAX_BYTES, json_body=False)
            self._send_json(200, app.upload(query.get("kind", ""), query.get("id", ""), data, query.get("name", "")))
            return
        body = self._json()
        if path == "/api/save":
            self._send_json(200, app.save(body))
        elif path == "/api/markdown":
            self._send_json(200, {"html": app.markdown(str(body.get("text", "")))})
        elif path == "/api/submit":
            self._send_json(200, app.submit(body))
        else:
            self._send_text(404, "没有这个操作。")

    def _json(self) -> dict:
        if self.headers.get_content_type() != "application/json":
            raise Refused("请求的格式不对：请在编辑器的页面里操作。", 415)
        try:
            found = json.loads(self._body(MAX_JSON, json_body=True))
        except ValueError as exc:
            raise Refused("请求的内容不完整：请重试。", 400) from exc
        if not isinstance(found, dict):
            raise Refused("请求的内容不完整：请重试。", 400)
        return found

    def _body(self, limit: int, *, json_body: bool) -> bytes:
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError as exc:
            raise Refused("请求没有说明大小：请在编辑器的页面里操作。", 411) from exc
        if length < 0 or length > limit:
            self.close_connection = True
            what = "表单内容" if json_body else "图片"
            raise Refused(f"{what}过大（上限 {limit // (1024 * 1024)} MB）：请缩小后再试。", 413)
        return self.rfile.read(length)

    def _proxy(self, path: str) -> None:
        answer = self.server.app.preview.fetch(path)
        # Not built yet, or an entry saved while the preview was still building its first site
        # (its watcher starts after that build, so the file is shown to it once more).
        if answer is None or (answer[0] == 404 and self.server.app.nudge(path)):
            page = ("<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=2><title>正在生成预览</title>"
                    "<p>正在生成网站预览（第一次需要一点时间），页面会自动刷新……</p>"
                    "<p>如果一直停在这里，请回到编辑器，保存并确认检查通过。</p>").encode()
            self._send(200, page, "text/html; charset=utf-8", {"Cache-Control": "no-store"})
            return
        status, headers, body = answer
        if "Location" in headers and headers["Location"].startswith("/"):
            headers["Location"] = "/site" + headers["Location"]
        self._send(status, body, headers.pop("Content-Type", "application/octet-stream"), headers)

    def _send_file(self, path: Path, *, cache: bool = False) -> None:
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "text/javascript"):
            kind += "; charset=utf-8"
        self._send(200, path.read_bytes(), kind, {"Cache-Control": "max-age=60" if cache else "no-cache"})

    def _send_json(self, status: int, value: Any) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _send_text(self, status: int, message: str) -> None:
        self._send(status, message.encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if not self.path.startswith(("/site", "/livereload/")):
            self.send_header("Content-Security-Policy", _CSP)
            self.send_header("X-Frame-Options", "DENY")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _static(name: str) -> Path:
    """A file of the editor's own page: only those shipped in static/, found by walking it."""
    known = {p.relative_to(STATIC).as_posix(): p for p in STATIC.rglob("*") if p.is_file()}
    if name not in known:
        raise Refused("没有这个文件。", 404)
    return known[name]


def make_server(root: Path, host: str, port: int, token: str | None, *, site_preview: bool = True) -> EditServer:
    """The server for the project at ``root``; a token is made when the address is not loopback."""
    guard = Guard(host, port, token or ("" if Guard(host, port).loopback else secrets.token_urlsafe(18)))
    app = api.App(root.resolve(), site_preview=site_preview)
    server = EditServer((host, port), app, guard)
    if port == 0:
        server.guard = Guard(host, server.server_address[1], guard.token)
    return server
