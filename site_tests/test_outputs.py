"""Outputs that cannot collide: every file the build writes is unique as the hosts a site is
deployed to see names (IIS on NTFS, macOS: no case, one Unicode form; ``a.md`` is ``a/index.md``),
and every clash is a located error naming both sources, all of them at once.

Expected messages are written out here; nothing is taken from the code under test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINI, MINI_BRAND, load_problems, mkdocs_build, project_config

from generator import pipeline
from generator.addresses import page_file as page_path
from generator.errors import DataErrors
from generator.outputs import Output, clashes, folded
from generator.site.plugin import THEME

NEWS = """\
---
title: 甲单位开展主题党日活动
date: {date}
category: 工作动态
---

正文。
"""
CASE = ("要写到网站的 {a}、{b}，在 Windows 服务器（IIS）和 macOS 上是同一个文件（它们不区分字母大小写和 Unicode 的不同写法，"
        "Windows 还忽略名字末尾的点和空格），一个会覆盖另一个")


def project(tmp_path: Path, pictures: dict[str, tuple[int, int, int]] | None = None, posts: dict[str, str] | None = None) -> Path:
    """The mini data with a brand showing each of ``pictures`` (a plain colour each) and the news ``posts``."""
    from PIL import Image

    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    for n, (name, colour) in enumerate((pictures or {}).items()):
        Image.new("RGB", (900, 600), colour).save(data / "media" / "brands" / name, "PNG" if name.endswith(".png") else "JPEG")
        (data / "brands" / f"pic-{n}.yml").write_text(MINI_BRAND + f"cover: media/brands/{name}\n", encoding="utf-8")
    folder = tmp_path / "content" / "news" / "posts"
    folder.mkdir(parents=True)
    for name, text in (posts or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return data


def test_pictures_named_alike_but_for_case_are_refused_by_check_at_both_files(tmp_path):
    data = project(tmp_path, {"Clash.jpg": (200, 0, 0), "clash.jpg": (0, 0, 200)})
    why = CASE.format(a="media/brands/Clash.jpg", b="media/brands/clash.jpg")
    assert load_problems(data) == [
        f"data/media/brands/Clash.jpg:1:1: data/media/brands/Clash.jpg 与 data/media/brands/clash.jpg {why}："
        "请把 data/media/brands/Clash.jpg 改名或移走。",
        f"data/media/brands/clash.jpg:1:1: data/media/brands/clash.jpg 与 data/media/brands/Clash.jpg {why}："
        "请把 data/media/brands/clash.jpg 改名或移走。",
    ]


def test_a_jpg_and_a_png_of_one_name_each_keep_their_own_picture(tmp_path):
    from PIL import Image

    data = project(tmp_path, {"dup.jpg": (200, 0, 0), "dup.png": (0, 0, 200)})
    catalog = pipeline.load(data, data.parent)
    library = pipeline.pictures(catalog, tmp_path / "cache")
    files = pipeline.assets(catalog, library)
    for size in ("thumb", "card", "page", "full"):
        jpg, png = (library.uri(f"media/brands/dup.{ext}", size) for ext in ("jpg", "png"))
        assert jpg.startswith("media/brands/dup.jpg~") and png.startswith("media/brands/dup.png~"), (jpg, png)
        with Image.open(files[jpg]) as red, Image.open(files[png]) as blue:
            assert red.getpixel((10, 10))[0] > 150 and blue.getpixel((10, 10))[2] > 150, size
    pages = pipeline.render(pipeline.complete(catalog, library=library))
    assert clashes(pipeline.outputs(catalog, list(pages), library=library)) == []


def test_a_news_item_named_like_a_year_is_refused(tmp_path):
    data = project(tmp_path, posts={"999.md": NEWS.format(date="0999-05-12")})
    assert load_problems(data) == ["content/news/posts/999.md:1:1: “999”全是数字，是按年份列出动态的页面用的名字："
                              "请在后面加上说明，例如 999-zhuti-dangri.md。"]


def test_a_generated_page_that_would_replace_an_entry_is_found_among_the_rendered_pages(tmp_path):
    """Even where no id rule stops it: an item whose page is its year's listing (news/999/)."""
    data = project(tmp_path, posts={"x.md": NEWS.format(date="0999-05-12")})
    catalog = pipeline.load(data, data.parent)
    catalog.records["news"][0].id = "999"  # as if the id rules let "999.md" through
    found = [str(p) for p in clashes(pipeline.outputs(catalog, list(pipeline.render(catalog))))]
    assert found == ["content/news/posts/x.md:1:1: content/news/posts/x.md 与网站生成的页面 news/999/index.md "
                     "都要写到网站的 news/999/index.html，一个会覆盖另一个：请把 content/news/posts/x.md 改名或移走。"]


def test_a_news_item_in_a_subfolder_is_a_located_error(tmp_path):
    data = project(tmp_path, posts={"ok.md": NEWS.format(date="2023-05-12")})
    nested = tmp_path / "content" / "news" / "posts" / "2023"
    nested.mkdir()
    (nested / "x.md").write_text(NEWS.format(date="2023-06-01"), encoding="utf-8")
    assert load_problems(data) == ["content/news/posts/2023/x.md:1:1: 动态只能直接放在 content/news/posts/ 里，"
                              "子文件夹 content/news/posts/2023/ 里的文件既不检查也不发布："
                              "请把它移到 content/news/posts/x.md（文件名就是标识，重名时请改名）。"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_page_paths_are_where_mkdocs_writes_them(tmp_path, directory_urls):
    from mkdocs.structure.files import File

    for uri in ["index.md", "a.md", "a/index.md", "a/b.md", "README.md", "a/README.md", "news/999.md", "中文/页.md"]:
        assert page_path(uri, directory_urls) == File(uri, str(tmp_path), str(tmp_path / "site"), directory_urls).dest_uri, uri


def test_names_fold_as_case_insensitive_normalising_hosts_fold_them():
    assert folded("Media/Clash.JPG") == folded("media/clash.jpg")
    assert folded("x/e\u0301.jpg") == folded("x/\u00e9.jpg")          # macOS: one Unicode form
    assert folded("x/STRASSE.svg") == folded("x/straße.svg")
    assert folded("x/a.") == folded("x/a") == folded("x/a ")             # Windows drops them
    assert folded("x/a.jpg") != folded("x/a.png") and folded("x/a~b") != folded("x/ab")


def test_every_clash_is_reported_at_once_at_the_editors_files():
    found = [str(p) for p in clashes([
        Output("brands/index.html", "content/brands.md"), Output("brands/index.html", "brands/index.md", "网站生成的页面"),
        Output("x/e\u0301.svg", "content/x/e\u0301.svg"), Output("x/\u00e9.svg", "data/media/x/\u00e9.svg"),
        Output("search/", "search/", "搜索索引"), Output("search/a.txt", "content/search/a.txt"),
        Output("notes", "content/notes"), Output("Notes/index.html", "content/Notes.md"),
        Output("assets/app.js", "content/assets/app.js"), Output("assets/app.js", "theme/assets/app.js", "主题文件"),
        Output("media/a.jpg~card.jpg", "data/media/a.jpg"), Output("media/a.jpg~card.jpg", "data/media/a.jpg"),  # once
    ])]
    assert [line.split(":")[0] for line in found] == [
        "content/Notes.md", "content/assets/app.js", "content/brands.md", "content/notes", "content/search/a.txt",
        "content/x/e\u0301.svg", "data/media/x/\u00e9.svg"]
    assert found[1] == ("content/assets/app.js:1:1: content/assets/app.js 与主题文件 theme/assets/app.js 都要写到网站的 "
                        "assets/app.js，一个会覆盖另一个：请把 content/assets/app.js 改名或移走。")
    assert found[4] == ("content/search/a.txt:1:1: content/search/a.txt 与搜索索引 search/ 要写到网站的 search/a.txt，"
                        "而网站的 search/ 整个文件夹归搜索索引使用，不能放别的文件：请把 content/search/a.txt 改名或移走。")
    assert found[3] == ("content/notes:1:1: content/notes 与 content/Notes.md 分别要写到网站的 notes 和 Notes/index.html，"
                        "notes 不能既是文件又是文件夹（Windows 服务器（IIS）和 macOS 不区分字母大小写）："
                        "请把 content/notes 改名或移走。")


def test_the_plugin_counts_the_theme_the_search_index_the_feed_and_the_pictures(tmp_path):
    """Files in content/ against what else the build writes, as the plugin lists it before
    writing anything: here without the checks load() makes of content/, which may refuse some
    of these files on their own."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    data = project(tmp_path)
    config = load_config(str(project_config(tmp_path, data)))
    extra = {"Units/index.md": "# 单位\n", "media/brands/QingFeng.svg": "<svg/>", "assets/javascripts/search-engine.js": "",
             "search/notes.txt": "x", "news/feed.xml": "<feed/>", "404.html": "x"}
    for name, text in extra.items():
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text(text, encoding="utf-8")
    plugin = config.plugins["showcase"]
    config.theme.dirs.insert(0, str(THEME))  # as on_config puts the package's theme before Material
    plugin.catalog = pipeline.load(data, tmp_path, content_dir=tmp_path / "none")
    plugin.library = pipeline.pictures(plugin.catalog, tmp_path / "cache")
    pipeline.assets(plugin.catalog, plugin.library)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    with pytest.raises(DataErrors) as exc:
        plugin._refuse_clashes(files, list(pipeline.render(plugin.catalog)), config)
    lines = [line for line in str(exc.value).splitlines() if line.startswith("content/")]
    assert [line.split(":")[0] for line in lines] == [
        "content/404.html", "content/Units/index.md", "content/assets/javascripts/search-engine.js",
        "content/media/brands/QingFeng.svg", "content/news/feed.xml", "content/search/notes.txt"], str(exc.value)
    why = CASE.format(a="media/brands/QingFeng.svg", b="media/brands/qingfeng.svg")
    assert lines[3] == (f"content/media/brands/QingFeng.svg:1:1: content/media/brands/QingFeng.svg 与 data/media/brands/qingfeng.svg "
                        f"{why}：请把 content/media/brands/QingFeng.svg 改名或移走。")
    assert lines[2] == ("content/assets/javascripts/search-engine.js:1:1: content/assets/javascripts/search-engine.js 与主题文件 "
                        "assets/javascripts/search-engine.js 都要写到网站的 assets/javascripts/search-engine.js，"
                        "一个会覆盖另一个：请把 content/assets/javascripts/search-engine.js 改名或移走。")
    assert lines[4] == ("content/news/feed.xml:1:1: content/news/feed.xml 与动态订阅 news/feed.xml 都要写到网站的 news/feed.xml，"
                        "一个会覆盖另一个：请把 content/news/feed.xml 改名或移走。")
    assert " 与网站生成的页面 units/index.md 要写到网站的 Units/index.html、units/index.html，" in lines[1], lines[1]
    assert "网站生成的文件 404.html 都要写到网站的 404.html，" in lines[0], lines[0]


def test_the_build_stops_before_writing_when_two_pages_are_one(tmp_path):
    """``about.md`` and ``about/index.md`` both become about/index.html: MkDocs would write one."""
    data = project(tmp_path)
    config = project_config(tmp_path, data, pages={"about.md": "# 关于\n"})
    (tmp_path / "content" / "about").mkdir()
    (tmp_path / "content" / "about" / "index.md").write_text("# 关于本站\n", encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert ("content/about.md:1:1: content/about.md 与 content/about/index.md 都要写到网站的 about/index.html，"
            "一个会覆盖另一个：请把 content/about.md 改名或移走。") in result.stderr.splitlines(), result.stderr
    assert ("content/about/index.md:1:1: content/about/index.md 与 content/about.md 都要写到网站的 about/index.html，"
            "一个会覆盖另一个：请把 content/about/index.md 改名或移走。") in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site" / "index.html").exists()
