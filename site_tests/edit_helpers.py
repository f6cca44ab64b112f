"""A project of the mini data and an editing server on it, for the editor's tests."""

from __future__ import annotations

import http.client
import json
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

from conftest import MINI, ROOT


def mini_project(tmp: Path) -> Path:
    """A project folder: the mini data, an empty news folder, the schemas and mkdocs.yml."""
    root = tmp / "project"
    shutil.copytree(MINI, root / "data")
    (root / "content" / "news" / "posts").mkdir(parents=True)
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root.resolve()


@contextmanager
def running(root: Path, host: str = "127.0.0.1", token: str | None = None):
    """An editing server on a free port (no site preview), stopped afterwards."""
    from generator.edit.server import make_server

    server = make_server(root, host, 0, token, site_preview=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Client(server.server_address[1], server)
    finally:
        server.shutdown()
        server.server_close()


class Client:
    """Requests as the editor's page sends them: its own Host and Origin, unless told otherwise."""

    def __init__(self, port: int, server):
        self.port, self.server = port, server
        self.host = f"127.0.0.1:{port}"

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        sent = {"Host": self.host}
        if method == "POST":
            sent["Origin"] = f"http://{self.host}"
        sent.update(headers or {})
        sent = {k: v for k, v in sent.items() if v is not None}
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in sent.items():
            connection.putheader(name, value)
        if body is not None and "Content-Length" not in sent:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        answer = connection.getresponse()
        data = answer.read()
        connection.close()
        return answer.status, dict(answer.getheaders()), data

    def get(self, path: str, **headers):
        return self.request("GET", path, headers=headers)

    def post(self, path: str, value: dict, **headers):
        headers.setdefault("Content-Type", "application/json")
        status, got, data = self.request("POST", path, json.dumps(value).encode(), headers)
        return status, json.loads(data) if data.startswith(b"{") else data.decode()

    def form(self, kind: str, ident: str = "") -> dict:
        status, _, data = self.get(f"/api/form?kind={kind}&id={ident}")
        assert status == 200, data.decode()
        return json.loads(data)

    def save(self, kind: str, ident: str, value: dict, digest: str, new: bool = False):
        return self.post("/api/save", {"kind": kind, "id": ident, "new": new, "hash": digest, "value": value})
