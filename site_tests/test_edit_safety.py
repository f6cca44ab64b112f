"""make edit is a new way in: who may use the server, what it may write, and saves that lose nothing."""

from __future__ import annotations

import io
import json
import os
import threading

import pytest
from conftest import MINI_BRAND
from edit_helpers import mini_project, running

from generator.edit.guard import Guard
from generator.edit.places import Refused, inside, place
from generator.edit.server import make_server

BRAND = {"name": "新品牌", "branch": "alpha-first", "year": 2023, "summary": "一句话简介",
         "background": "背景。", "practices": "做法。", "results": "成效。"}


@pytest.fixture
def project(tmp_path):
    return mini_project(tmp_path)


def png(size=(8, 8)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_the_default_address_is_this_computer_and_needs_no_token(project):
    server = make_server(project, "127.0.0.1", 0, None, site_preview=False)
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert server.guard.token == ""
    finally:
        server.server_close()


def test_another_address_requires_a_token_made_at_start(project):
    server = make_server(project, "0.0.0.0", 0, None, site_preview=False)
    try:
        assert len(server.guard.token) >= 20
    finally:
        server.server_close()


def test_without_the_token_every_request_is_refused_and_with_it_the_cookie_carries_it(project):
    with running(project, "0.0.0.0", token="s3cret-token-for-tests") as client:
        for path in ("/", "/api/kinds", "/api/form?kind=brands", "/static/edit.js"):
            status, _, body = client.get(path)
            assert status == 401, path
            assert "需要口令" in body.decode()
        status, _ = client.post("/api/save", {"kind": "brands", "id": "x", "new": True, "hash": "", "value": BRAND})
        assert status == 401
        assert not (project / "data" / "brands" / "x.yml").exists()
        assert client.get("/?token=wrong")[0] == 401
        status, headers, _ = client.get("/?token=s3cret-token-for-tests")
        assert status == 303 and headers["Location"] == "/"
        cookie = headers["Set-Cookie"].split(";")[0]
        assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
        assert client.get("/api/kinds", Cookie=cookie)[0] == 200
        assert client.get("/api/kinds", Cookie="dangjian_edit=s3cret-token-for-testsX")[0] == 401


def test_a_host_name_other_than_this_computer_is_refused(project):
    # A web page whose name is made to point at 127.0.0.1 (DNS rebinding) still says its own name.
    with running(project) as client:
        status, _, body = client.get("/api/kinds", Host=f"evil.example:{client.port}")
        assert status == 421 and "不是编辑服务器的地址" in body.decode()
        assert client.get("/api/kinds", Host=f"localhost:{client.port}")[0] == 200
        assert client.get("/api/kinds", Host="127.0.0.1:1")[0] == 421


def test_cross_site_requests_are_refused_and_no_cors_header_is_ever_sent(project):
    with running(project) as client:
        value = {"kind": "brands", "id": "kua", "new": True, "hash": "", "value": BRAND}
        status, body = client.post("/api/save", value, Origin="http://evil.example")
        assert status == 403 and "其他网站" in body
        status, _ = client.post("/api/save", value, Origin=None)  # no Origin: not from our page
        assert status == 403
        status, _, _ = client.get("/api/kinds", **{"Sec-Fetch-Site": "cross-site"})
        assert status == 403
        status, _ = client.post("/api/save", value, **{"Content-Type": "text/plain"})  # a form another page could send
        assert status == 415
        assert not (project / "data" / "brands" / "kua.yml").exists()
        status, headers, _ = client.request("OPTIONS", "/api/save", headers={"Origin": "http://evil.example",
                                                                               "Access-Control-Request-Method": "POST"})
        assert status == 405
        for path in ("/", "/api/kinds", "/api/form?kind=brands"):
            _, headers, _ = client.get(path)
            assert not [h for h in headers if h.lower().startswith("access-control-")], path
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("ident", ["../../../tmp/x", "..", "a/b", "Bad_ID", "index", "con", "-a", "a" * 101])
def test_ids_follow_the_rules_of_file_names_and_nothing_is_written_elsewhere(project, ident):
    with running(project) as client:
        before = sorted(p for p in project.parent.rglob("*"))
        status, body = client.save("brands", ident, BRAND, "", new=True)
        assert status == 400, body
        assert "标识" in body["error"]
        assert sorted(p for p in project.parent.rglob("*")) == before


def test_a_news_id_of_digits_only_is_refused_as_check_refuses_it(project):
    with running(project) as client:
        status, body = client.save("news", "2024", {"title": "标题"}, "", new=True)
        assert status == 400 and "全是数字" in body["error"]


def test_an_unknown_kind_is_refused(project):
    with running(project) as client:
        status, body = client.save("../etc", "x", BRAND, "", new=True)
        assert status == 404 and "没有“../etc”这一类" in body["error"]


def test_a_symbolic_link_is_never_written_through(project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "data" / "brands").mkdir(exist_ok=True)
    os.symlink(outside, project / "data" / "brands" / "linked")
    with pytest.raises(Refused) as refused:
        inside(project, project / "data" / "brands" / "linked" / "x.yml")
    assert refused.value.status == 403 and "符号链接" in str(refused.value)
    os.symlink(outside / "x.yml", project / "data" / "brands" / "x.yml")
    with running(project) as client:
        status, body = client.save("brands", "x", BRAND, "", new=True)
        assert status == 403 and "符号链接" in body["error"]
    assert list(outside.iterdir()) == []


def test_nothing_outside_data_and_news_posts_is_writable(project):
    for path in (project / "mkdocs.yml", project / "content" / "index.md", project / "schemas" / "brand.schema.json"):
        with pytest.raises(Refused):
            inside(project, path)
    assert inside(project, project / "content" / "news" / "posts" / "a.md")
    assert place("news").file(project, "a-1") == project / "content" / "news" / "posts" / "a-1.md"


def test_a_picture_gets_a_safe_name_whatever_name_it_was_sent_with(project):
    with running(project) as client:
        status, _, body = client.request("POST", "/api/upload?kind=brands&id=xin&name=..%2F..%2Fevil%20%E5%9B%BE.php", png())
        assert status == 200, body
        sent = json.loads(body)
        assert sent["path"] == "media/brands/xin-1.png"
        assert (project / "data" / "media" / "brands" / "xin-1.png").read_bytes() == png()
        status, _, body = client.request("POST", "/api/upload?kind=brands&id=xin", png())
        assert json.loads(body)["path"] == "media/brands/xin-2.png"  # never over another file
        status, _, body = client.request("POST", "/api/upload?kind=brands&id=../x", png())
        assert json.loads(body)["path"] == "media/brands/tupian-1.png"
        status, headers, thumb = client.get("/api/thumbnail?path=media/brands/xin-1.png")
        assert status == 200 and thumb.startswith(b"\xff\xd8") and headers["Content-Type"] == "image/jpeg"  # the card size


def test_pictures_are_checked_by_the_media_rules(project):
    with running(project) as client:
        status, _, body = client.request("POST", "/api/upload?kind=brands&id=xin&name=a.jpg", b"<html><script>x</script>")
        assert status == 415 and "不是网站能用的图片" in json.loads(body)["error"]
        status, _, body = client.request("POST", "/api/upload?kind=brands&id=xin&name=a.png", png()[:16] + b"broken" * 20)
        assert status == 422 and "不是完好的图片" in json.loads(body)["error"]
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        status, _, body = client.request("POST", "/api/upload?kind=brands&id=xin&name=a.svg", svg)
        assert status == 422 and "script" in json.loads(body)["error"]
        assert sorted(p.name for p in (project / "data" / "media" / "brands").iterdir()) == ["qingfeng.svg"]


def test_an_upload_larger_than_the_media_rules_allow_is_refused_before_it_is_read(project):
    with running(project) as client:
        status, _, body = client.request("POST", "/api/upload?kind=brands&id=xin", b"x" * 10,
                                         {"Content-Length": str(20 * 1024 * 1024 + 1)})
        assert status == 413 and "上限 20 MB" in json.loads(body)["error"]


def test_a_thumbnail_is_only_ever_of_a_picture_under_data_media(project):
    with running(project) as client:
        for path in ("../mkdocs.yml", "media/../../mkdocs.yml", "/etc/passwd", "media/brands/none.png"):
            status, _, body = client.get(f"/api/thumbnail?path={path}")
            assert status in (400, 404), path
            assert b"site_name" not in body and b"root:" not in body


def test_the_second_of_two_saves_from_the_same_form_is_told_the_file_changed(project):
    (project / "data" / "brands").mkdir(exist_ok=True)
    (project / "data" / "brands" / "xin.yml").write_text(MINI_BRAND, encoding="utf-8")
    with running(project) as client:
        first, second = client.form("brands", "xin"), client.form("brands", "xin")
        status, _ = client.save("brands", "xin", {**first["value"], "summary": "甲改的"}, first["hash"])
        assert status == 200
        status, body = client.save("brands", "xin", {**second["value"], "name": "乙改的"}, second["hash"])
        assert status == 409 and "修改过" in body["error"] and "没有保存" in body["error"]
        text = (project / "data" / "brands" / "xin.yml").read_text(encoding="utf-8")
        assert "甲改的" in text and "乙改的" not in text


def test_of_many_saves_at_once_from_one_form_exactly_one_is_written(project):
    (project / "data" / "brands").mkdir(exist_ok=True)
    (project / "data" / "brands" / "xin.yml").write_text(MINI_BRAND, encoding="utf-8")
    with running(project) as client:
        opened = client.form("brands", "xin")
        results: list[int] = []

        def save(n: int) -> None:
            results.append(client.save("brands", "xin", {**opened["value"], "summary": f"第{n}次"}, opened["hash"])[0])

        threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == [200, 409, 409, 409, 409, 409]


def test_a_new_entry_never_replaces_an_existing_file(project):
    (project / "data" / "brands").mkdir(exist_ok=True)
    (project / "data" / "brands" / "xin.yml").write_text(MINI_BRAND, encoding="utf-8")
    with running(project) as client:
        status, body = client.save("brands", "xin", {**BRAND, "name": "另一个"}, "", new=True)
        assert status == 409 and "已经存在" in body["error"]
    assert (project / "data" / "brands" / "xin.yml").read_text(encoding="utf-8") == MINI_BRAND


def test_the_guard_alone():
    guard = Guard("127.0.0.1", 8001)
    ok = {"Host": "127.0.0.1:8001"}
    assert guard.judge("GET", "/", ok).status == 0
    assert guard.judge("POST", "/api/save", ok).status == 403  # no Origin
    assert guard.judge("POST", "/api/save", {**ok, "Origin": "http://127.0.0.1:8001"}).status == 0
    assert guard.judge("POST", "/api/save", {**ok, "Origin": "null"}).status == 403
    assert guard.judge("GET", "/", {"Host": "attacker.example:8001"}).status == 421
