"""make edit in Chromium, played as a new editor would: a brand case from an empty form to a
submitted review branch, with three mistakes made and fixed from the messages beside the fields.

The project is a git copy of the repository's data with a bare repository as its remote. Every
request the editor's page makes to another host is stopped and recorded: there must be none.
The test counts the editor's interactions and the seconds they took, and prints both.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build
from playwright.sync_api import expect

from browser.conftest import DESKTOP, Watch

pytestmark = pytest.mark.slow


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def project(tmp_path):
    """The repository's data, news and config as a git working copy whose origin is a bare repository."""
    root = tmp_path / "project"
    root.mkdir()
    for folder in ("data", "content", "schemas"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=root)
    git("-c", "user.name=管理员", "-c", "user.email=admin@example.org", "add", "-A", cwd=root)
    git("-c", "user.name=管理员", "-c", "user.email=admin@example.org", "commit", "-q", "-m", "网站数据", cwd=root)
    git("clone", "-q", "--bare", str(root), str(tmp_path / "remote.git"), cwd=tmp_path)
    git("remote", "add", "origin", str(tmp_path / "remote.git"), cwd=root)
    git("fetch", "-q", "origin", cwd=root)
    return root.resolve()


@pytest.fixture
def editing(project):
    from generator.edit.server import make_server

    server = make_server(project, "127.0.0.1", 0, None)
    server.app.start()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    server.app.preview.stop()


def photo(tmp: Path, name: str, colour: tuple[int, int, int]) -> Path:
    from PIL import Image

    path = tmp / name
    out = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


class Editor:
    """The scripted editor: each action counted once, as a person would do it."""

    def __init__(self, page):
        self.page, self.actions = page, 0

    def click(self, selector: str) -> None:
        self.actions += 1
        self.page.click(selector)

    def fill(self, selector: str, text: str) -> None:
        self.actions += 1
        self.page.fill(selector, text)

    def pick(self, selector: str, label: str) -> None:
        self.actions += 1
        self.page.select_option(selector, label=label)

    def tick(self, label: str) -> None:
        self.actions += 1
        self.page.get_by_label(label, exact=True).check()

    def upload(self, selector: str, path: Path) -> None:
        self.actions += 1
        self.page.set_input_files(selector, str(path))

    def problem_at(self, path: str) -> str:
        return self.page.inner_text(f'.edit-problem[data-path="{path}"]', timeout=20_000)


def type_with_ime(page, selector: str, reading: str, text: str) -> None:
    """Type ``text`` through an input method: composing ``reading`` first, as a pinyin IME does."""
    page.focus(selector)
    cdp = page.context.new_cdp_session(page)
    for n in range(1, len(reading) + 1):
        cdp.send("Input.imeSetComposition", {"text": reading[:n], "selectionStart": n, "selectionEnd": n})
    cdp.send("Input.insertText", {"text": text})
    cdp.detach()


def test_a_new_editor_adds_a_brand_case_fixes_three_mistakes_previews_and_submits(browser, editing, project, tmp_path):
    origin = f"http://127.0.0.1:{editing.server_address[1]}"
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    watch = Watch(origin)
    watch.attach(context)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept("张晓红"))
    me = Editor(page)
    started = time.perf_counter()

    page.goto(origin + "/")
    page.wait_for_selector('.kind[data-kind="brands"]')
    assert page.inner_text('.kind[data-kind="brands"] h2').startswith("支部品牌（8）")
    me.click('.kind[data-kind="brands"] a.button')
    page.wait_for_selector("#form [name='root[name]']")
    me.fill("#entry-id", "yanshi-pinpai")
    me.fill("[name='root[name]']", "初心驿站")
    me.pick("[name='root[branch]']", "示例市政务服务局 第二党支部（审批服务）")
    me.pick("[name='root[year]']", "2023")
    # mistake 1: the one-line summary is left empty
    me.fill("[name='root[background]']", "支部党员多在审批窗口工作。")
    me.click("[name='root[practices]']")
    type_with_ime(page, "[name='root[practices]']", "dangjian", "党建引领，")
    me.actions += 1
    me.click("[data-schemapath='root.practices'] button.md-link[data-prefix='point']")
    me.pick("dialog select", "2023 第9条 全面助力乡村振兴")
    me.click("dialog button.primary")
    assert page.input_value("[name='root[practices]']") == "党建引领，[全面助力乡村振兴](point:2023-9)"
    # mistake 2: raw HTML in a Markdown field
    me.fill("[name='root[results]']", "群众满意度<font color=red>明显提升</font>。")
    me.tick("2023 第9条 全面助力乡村振兴")
    me.tick("2023 第7条 积极主动服务基层")
    me.click("[data-schemapath='root.photos'] button.json-editor-btntype-add:visible")
    # mistake 3: a file that is not a picture
    not_a_picture = tmp_path / "照片.jpg"
    not_a_picture.write_text("这不是图片", encoding="utf-8")
    me.upload("[data-schemapath='root.photos.0'] input.picture-file", not_a_picture)
    message = page.inner_text("[data-schemapath='root.photos.0'] .edit-problem", timeout=20_000)
    assert "不是网站能用的图片" in message
    me.upload("[data-schemapath='root.photos.0'] input.picture-file", photo(tmp_path, "a.jpg", (180, 40, 40)))
    expect(page.locator("[name='root[photos][0][file]']")).to_have_value(re.compile("^media/brands/"), timeout=20_000)
    me.fill("[name='root[photos][0][caption]']", "窗口党员为群众讲解")
    me.click("[data-schemapath='root.photos'] button.json-editor-btntype-add:visible")
    me.upload("[data-schemapath='root.photos.1'] input.picture-file", photo(tmp_path, "b.jpg", (40, 40, 180)))
    expect(page.locator("[name='root[photos][1][file]']")).to_have_value(re.compile("^media/brands/"), timeout=20_000)
    me.fill("[name='root[photos][1][caption]']", "支部主题党日")
    assert page.get_attribute("[data-schemapath='root.photos.1'] .picture img", "src").startswith("/api/thumbnail?")

    me.click("#save")
    assert "缺少必填字段“summary”" in me.problem_at("root.summary")
    assert "<font>" in me.problem_at("root.results")
    assert "data/brands/yanshi-pinpai.yml:" in me.problem_at("root.results")
    me.fill("[name='root[summary]']", "把审批服务做到群众心坎上")
    me.fill("[name='root[results]']", "群众满意度**明显提升**。")
    me.click("#save")
    page.wait_for_selector("#status.ok", timeout=20_000)
    assert page.query_selector_all(".edit-problem") == []
    saved = (project / "data" / "brands" / "yanshi-pinpai.yml").read_text(encoding="utf-8")
    assert saved.startswith("# yaml-language-server: $schema=../../schemas/brand.schema.json\nname: 初心驿站\nbranch: zhengwu-second\n")
    assert "practices: 党建引领，[全面助力乡村振兴](point:2023-9)\n" in saved
    assert "points:\n  - 2023-9\n  - 2023-7\n" in saved or "points:\n  - 2023-7\n  - 2023-9\n" in saved

    with context.expect_page() as opened:
        me.click("#preview")
    preview = opened.value
    expect(preview.locator("h1").first).to_contain_text("初心驿站", timeout=240_000)
    assert "把审批服务做到群众心坎上" in preview.inner_text("body")
    preview.close()

    me.click("#submit")
    page.wait_for_selector("#status.ok >> text=分支", timeout=60_000)
    seconds = time.perf_counter() - started
    print(f"\nmake edit: {me.actions} interactions, {seconds:.1f} s (preview included)")

    branches = git("--git-dir", str(tmp_path / "remote.git"), "branch", "--list", "bianji/*", cwd=tmp_path).split()
    assert len(branches) == 1
    (branch,) = branches
    assert git("--git-dir", str(tmp_path / "remote.git"), "rev-list", "--count", f"main..{branch}", cwd=tmp_path).strip() == "1"
    files = git("--git-dir", str(tmp_path / "remote.git"), "diff", "--name-only", f"main..{branch}", cwd=tmp_path).split()
    assert files == ["data/brands/yanshi-pinpai.yml", "data/media/brands/yanshi-pinpai-1.jpg", "data/media/brands/yanshi-pinpai-2.jpg"]
    checkout = tmp_path / "checkout"
    git("clone", "-q", "-b", branch, str(tmp_path / "remote.git"), str(checkout), cwd=tmp_path)
    from generator import pipeline

    catalog = pipeline.load(checkout / "data", checkout)
    assert "yanshi-pinpai" in [r.id for r in catalog.records["brands"]]
    # What was submitted builds as CI builds it: strictly, a warning failing it.
    built = mkdocs_build(checkout / "mkdocs.yml", tmp_path / "submitted-site")
    assert built.returncode == 0, built.stderr[-4000:]
    page_built = (tmp_path / "submitted-site" / "brands" / "yanshi-pinpai" / "index.html").read_text(encoding="utf-8")
    assert "初心驿站" in page_built and "把审批服务做到群众心坎上" in page_built
    unexpected = [p for p in watch.problems() if "/api/upload" not in p]
    assert watch.offhost == [] and unexpected == [], unexpected
    context.close()


def test_opening_and_saving_a_hand_written_entry_in_the_browser_changes_no_byte(browser, project):
    """Text that looks like HTML or holds entities reaches the form, and the file, as written."""
    from generator.edit.server import make_server

    path = project / "data" / "brands" / "hongse-shuxiang.yml"
    text = path.read_text(encoding="utf-8").replace("学习氛围日益浓厚。", "学习氛围日益浓厚<br>（A &amp; B）。")
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    server = make_server(project, "127.0.0.1", 0, None, site_preview=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/#/edit/brands/hongse-shuxiang")
        page.wait_for_selector("#form [name='root[results]']")
        assert page.input_value("[name='root[results]']").endswith("学习氛围日益浓厚<br>（A &amp; B）。")
        page.click("#save")
        page.wait_for_selector("#status.ok", timeout=20_000)
        assert path.read_bytes() == before
        context.close()
    finally:
        server.shutdown()
        server.server_close()
