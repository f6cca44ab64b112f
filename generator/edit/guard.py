"""Who may use the editing server: the safety rules every request passes before anything else.

- On 127.0.0.1 (the default) only this computer reaches the server; the Host header must
  name it too, so a web page cannot reach it through a DNS name that points here.
- On any other address a token is required: given with ``--token`` or made at start and
  printed in the address to open. The first visit with ``?token=`` sets a cookie that
  browsers send to this server only (SameSite=Strict, HttpOnly).
- No cross-site request: a page of another site cannot make the browser change anything
  here (Origin must be this server's own for every request that writes; Sec-Fetch-Site must
  not be cross-site), and no CORS header is ever sent, so no other site can read an answer.
"""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

COOKIE = "dangjian_edit"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Verdict:
    status: int            # 0: allowed
    message: str = ""
    set_cookie: bool = False  # allowed by ?token=: set the cookie and send the browser on without it


@dataclass(frozen=True)
class Guard:
    host: str
    port: int
    token: str = ""   # empty only on a loopback address

    def judge(self, method: str, path: str, headers) -> Verdict:
        """Whether the request may be served, and if not, why (Chinese, for the page shown)."""
        named = _host_of(headers.get("Host", ""))
        if named is None or (self.loopback and (named[0] not in LOOPBACK_NAMES or named[1] != self.port)):
            return Verdict(421, "这个地址不是编辑服务器的地址：请用启动时显示的地址（如 http://127.0.0.1:8001/）打开。")
        site = headers.get("Sec-Fetch-Site", "")
        if site and site not in ("same-origin", "none"):
            return Verdict(403, "拒绝来自其他网站的请求：请直接在编辑器的页面里操作。")
        if method not in ("GET", "HEAD"):
            origin = headers.get("Origin", "")
            if origin != f"http://{headers.get('Host', '')}":
                return Verdict(403, "拒绝来自其他网站（或来源不明）的修改请求：请直接在编辑器的页面里操作。")
        if not self.token:
            return Verdict(0)
        if self._carries_token(headers):
            return Verdict(0)
        given = parse_qs(urlsplit(path).query).get("token", [""])[0]
        if method == "GET" and given and hmac.compare_digest(given.encode(), self.token.encode()):
            return Verdict(0, set_cookie=True)
        return Verdict(401, "需要口令：请用启动编辑服务器时显示的完整地址（带 ?token=…）打开编辑器，或向启动它的同事要这个地址。")

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def cookie(self) -> str:
        return f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"

    def _carries_token(self, headers) -> bool:
        cookies = SimpleCookie()
        try:
            cookies.load(headers.get("Cookie", ""))
        except Exception:  # a malformed Cookie header carries no token
            return False
        sent = cookies.get(COOKIE)
        value = sent.value if sent else headers.get("X-Edit-Token", "")
        return bool(value) and hmac.compare_digest(value.encode(), self.token.encode())


def _host_of(header: str) -> tuple[str, int] | None:
    """``("127.0.0.1", 8001)`` from a Host header; None if it is not one."""
    try:
        parts = urlsplit(f"http://{header}")
        return (parts.hostname or "", parts.port or 80) if parts.hostname else None
    except ValueError:
        return None
