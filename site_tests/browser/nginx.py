"""Debian's nginx serving built sites under /dangjian/ with the shipped example configuration.

Each site gets a server on a loopback port whose ``server { }`` includes
``deploy/nginx/dangjian.conf`` as the README tells admins to, with only its ``root`` line
changed. nginx runs in the foreground as one process with its own pid file, logs and temporary
folders, so it needs no root and touches nothing of the system's nginx. A request outside
``/dangjian/`` is logged to a file of its own: only an absolute link would make one.

``Nginx(..., user="nobody nogroup")`` runs it as a production server does instead: a master
started as root and a worker that serves the files as that user (it needs root).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

SUBPATH = "/dangjian/"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SNIPPET = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "dangjian.conf"
SHIPPED_ROOT = "root /var/www;"

CONFIG = """\
daemon off;
{processes}
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    log_format path '$request_uri';
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{servers}
}}
"""

SERVER = """\
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
{snippet}
        location / {{
            access_log {outside} path;
            return 404;
        }}
    }}
"""


def available() -> bool:
    return Path(NGINX).is_file()


def shipped_snippet(www: Path) -> str:
    """The shipped configuration with its ``root`` pointed at ``www`` (which holds ``dangjian/``)."""
    text = SNIPPET.read_text(encoding="utf-8")
    assert text.count(SHIPPED_ROOT) == 1, f"{SNIPPET} must hold the line {SHIPPED_ROOT!r} once"
    return text.replace(SHIPPED_ROOT, f"root {www};")


@dataclass
class Served:
    """One site as nginx serves it."""

    root: str  # http://127.0.0.1:PORT/dangjian/
    log: Path

    @property
    def origin(self) -> str:
        return urljoin(self.root, "/")

    def url(self, path: str = "") -> str:
        return urljoin(self.root, path)

    @property
    def outside(self) -> list[str]:
        """Every address asked for outside /dangjian/ so far."""
        return self.log.read_text(encoding="utf-8").split() if self.log.exists() else []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


class Nginx:
    """``with Nginx(tmp, [site, ...]) as served:`` one Served per site, in the same order."""

    def __init__(self, tmp: Path, sites: list[Path], user: str | None = None):
        self.tmp, self.sites, self.process = tmp, sites, None
        self.user = user  # "nobody nogroup": the worker reads the files as that user

    def __enter__(self) -> list[Served]:
        self.tmp.mkdir(parents=True, exist_ok=True)
        for _ in range(3):  # a free port may be taken before nginx binds it
            served = self._start()
            if served is not None:
                return served
        raise RuntimeError("nginx did not start:\n" + (self.tmp / "error.log").read_text(encoding="utf-8"))

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def _start(self) -> list[Served] | None:
        servers, served = [], []
        for number, site in enumerate(self.sites):
            www = self.tmp / f"www-{number}"
            www.mkdir(exist_ok=True)
            if not (www / "dangjian").exists():
                (www / "dangjian").symlink_to(site.resolve(), target_is_directory=True)
            port, log = free_port(), self.tmp / f"outside-{number}.log"
            snippet = "\n".join(" " * 8 + line if line else "" for line in shipped_snippet(www).splitlines())
            servers.append(SERVER.format(port=port, snippet=snippet, outside=log))
            served.append(Served(f"http://127.0.0.1:{port}{SUBPATH}", log))
        config = self.tmp / "nginx.conf"
        processes = "master_process off;" if self.user is None else f"master_process on;\nworker_processes 1;\nuser {self.user};"
        config.write_text(CONFIG.format(tmp=self.tmp, processes=processes, servers="".join(servers)), encoding="utf-8")
        (self.tmp / "error.log").write_text("", encoding="utf-8")
        self.process = subprocess.Popen([NGINX, "-p", str(self.tmp), "-c", str(config), "-e", str(self.tmp / "error.log")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ports = [int(s.root.split(":")[2].split("/")[0]) for s in served]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.process.poll() is None:
            if all(listening(port) for port in ports):
                return served
            time.sleep(0.05)
        self.__exit__()
        self.process = None
        return None
