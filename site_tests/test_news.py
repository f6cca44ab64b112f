"""News and notices: front matter checked like data, listings with pages and filters,
backlinks, what's new, the timeline, related reading, last-commit dates and the feed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from conftest import MINI, ROOT, build_project, load_problems
from mkdocs.structure.files import File

from generator import pipeline
from generator.kinds import news
from generator.pages import feed, updates
from generator.pages import news as news_pages

ITEM = """\
---
title: 甲单位开展主题党日活动
date: 2023-05-12
category: 工作动态
units: [alpha]
points: [2023-2]
summary: 支部党员重温入党誓词。
---

正文第一段。

正文第二段。
"""


def project(tmp_path: Path, posts: dict[str, str]) -> Path:
    """The mini data with ``content/news/posts`` holding ``posts``; returns the data folder."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    folder = tmp_path / "content" / "news" / "posts"
    folder.mkdir(parents=True)
    for name, text in posts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return data


SHOWN = "content/news/posts/x.md"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("date: 2023-05-12", "date: 2023-02-30", f"{SHOWN}:3:7: date: 日期“2023-02-30”不存在：请写成 YYYY-MM-DD 格式的真实日期。"),
    ("date: 2023-05-12", "date: 五月十二日", f"{SHOWN}:3:7: date: 应为日期，格式 YYYY-MM-DD，现在是“五月十二日”。"),
    ("category: 工作动态", "category: 新闻",
     f"{SHOWN}:4:11: category: 未知的类别“新闻”：只能是 工作动态、通知公告 之一（类别在 mkdocs.yml 中 showcase 插件的 news_categories 里设置）。"),
    ("units: [alpha]", "units: [gamma]", f"{SHOWN}:5:9: units[0]: 未知的单位“gamma”。可选的有：alpha, beta。"),
    ("points: [2023-2]", "points: [2023-9]", f"{SHOWN}:6:10: points[0]: 未知的工作要点“2023-9”：请写成“年份-序号”，现有：2023（1-3）。"),
    ("title: 甲单位开展主题党日活动\n", "", f"{SHOWN}:2:1: title: 缺少必填字段“title”（标题）：请补上。"),
    ("summary: 支部党员重温入党誓词。", "sumary: 支部党员重温入党誓词。",
     f"{SHOWN}:7:1: sumary: 未知字段“sumary”：是不是想写“summary”（摘要）？"),
    ("正文第二段。", "正文第二段。<div style=\"color:red\">红字</div>",
     f"{SHOWN}:10:1: body: 这段文字带有从微信公众号编辑器或 Word 复制来的排版代码（<div>等）：网页会按本站样式排版，不需要这些代码。"
     "请在原文中选中文字，用“粘贴为纯文本”（Ctrl+Shift+V）重新粘贴，再用空行分段、用 **加粗** 和“- ”列表标出重点。"),
    ("正文第二段。", "正文第二段，见[品牌](brand:nope)。",
     f"{SHOWN}:12:13: body: 找不到链接“brand:nope”指向的内容：请核对标识（文件名，不含 .yml），"
     "工作要点写成 point:年份-序号（如 point:2023-9），提法写 term: 加提法原文。"),
    ("---\ntitle", "title", f"{SHOWN}:1:1: 文件开头缺少以“---”括起来的基本信息（标题、日期、类别）：第一行写 ---，"
     "下面逐行写 title: 标题、date: 日期、category: 类别，再写一行 ---，然后写正文。可以用 python -m generator new news 标识 生成模板。"),
    ("category: 工作动态", "category：工作动态",
     f"{SHOWN}:4:9: YAML 格式错误：这一行的冒号是全角“：”：字段名后面要用半角冒号加空格“: ”（切换到英文输入法再输入）。"),
])
def test_front_matter_mistakes_get_the_same_messages_as_data(tmp_path, old, new, expected):
    assert old in ITEM
    data = project(tmp_path, {"x.md": ITEM.replace(old, new, 1)})
    assert load_problems(data) == [expected]


@pytest.mark.parametrize(("name", "expected"), [
    ("2023.md", "“2023”全是数字，是按年份列出动态的页面用的名字：请在后面加上说明，例如 2023-zhuti-dangri.md。"),
    ("index.md", "“index”是网站保留的名称（用于列表页或网站文件夹），不能作动态的标识，否则会顶替那个页面：请把文件改名，例如 index-1。"),
    ("Zhuti.md", "文件名“Zhuti.md”不能作标识：只能用小写英文字母、数字和连字符，例如 2023-zhuti-dangri.md，请改名。"),
    ("note.txt", "content/news/posts/ 里只能放 .md 文件：请把“note.txt”改成 .md 文件或移走。"),
])
def test_file_names_follow_the_id_rules(tmp_path, name, expected):
    data = project(tmp_path, {name: ITEM})
    assert load_problems(data) == [f"content/news/posts/{name}:1:1: {expected}"]


def many(count: int) -> dict[str, str]:
    out = {}
    for n in range(count):
        year = 2023 - n % 2
        category = "通知公告" if n % 3 == 0 else "工作动态"
        out[f"item-{n:02d}.md"] = (ITEM.replace("date: 2023-05-12", f"date: {year}-{1 + n % 12:02d}-{1 + n % 28:02d}")
                                   .replace("category: 工作动态", f"category: {category}")
                                   .replace("title: 甲单位开展主题党日活动", f"title: 第{n}条动态"))
    return out


def test_listings_are_paged_by_twenty_and_filtered_by_category_and_year(tmp_path):
    data = project(tmp_path, many(45))
    catalog = pipeline.load(data, data.parent)
    pages = pipeline.render(catalog)
    listed = {}
    for path, text in pages.items():
        if path.startswith("news/") and (path.endswith("/index.md") or "/page/" in path):
            listed[path] = [line for line in text.splitlines() if line.startswith("### [")]
    # The shared pager's addresses (news/page/2/ as every long listing's second page) and links.
    assert [len(listed[p]) for p in ("news/index.md", "news/page/2.md", "news/page/3.md")] == [20, 20, 5]
    assert "news/page/4.md" not in pages
    assert "[下一页](page/2.md)" in pages["news/index.md"] and "[3](page/3.md)" in pages["news/index.md"]
    assert "[上一页](2.md)" in pages["news/page/3.md"] and '<span class="pager-current" aria-current="page">3</span>' in pages["news/page/3.md"]
    assert "[1](../index.md)" in pages["news/page/3.md"]
    assert "第 2 页" in pages["news/page/2.md"].partition("\n# ")[2].splitlines()[0]
    notices = sum(len(v) for k, v in listed.items() if k.startswith("news/category/2/"))
    assert notices == 15 and all("通知公告" in pages[k] for k in listed if k.startswith("news/category/2/"))
    in_2022 = [line for k, v in listed.items() if k.startswith("news/2022/") for line in v]
    assert len(in_2022) == 22
    newest = [r.entry.date for r in catalog.records["news"]]
    assert newest == sorted(newest, reverse=True)


def test_points_and_units_link_back_to_the_news_citing_them(tmp_path):
    data = project(tmp_path, {"x.md": ITEM})
    pages = pipeline.render(pipeline.load(data, data.parent))
    assert "[甲单位开展主题党日活动](../news/x.md)" in pages["workplan/2023.md"]
    assert "[甲单位开展主题党日活动](../news/x.md)" in pages["units/alpha.md"]
    item = pages["news/x.md"]
    assert "[甲单位](../units/alpha.md)" in item and "(../workplan/2023.md#point-2)" in item


def test_related_reading_never_lists_the_page_itself_and_is_stable(tmp_path):
    data = project(tmp_path, many(12))
    first = pipeline.render(pipeline.load(data, data.parent))
    again = pipeline.render(pipeline.load(data, data.parent))
    assert first == again
    build = pipeline.complete(pipeline.load(data, data.parent))
    catalog = build.catalog
    for kind in catalog.kinds:
        for record in catalog.records[kind.key]:
            found = build.related_to(record)
            assert record not in found and len(found) <= 5
            assert len({(r.kind.key, r.id) for r in found}) == len(found)
    shared = build.related_to(catalog.records["brands"][0])
    assert shared and all(set(r.entry.points) & {"2023-1", "2023-3"} or "alpha" in catalog.units_of(r) for r in shared[:3])


def test_timeline_and_updates_list_what_they_should(tmp_path):
    event = ITEM.replace("summary:", "event: true\nsummary:")
    data = project(tmp_path, {"event.md": event, "plain.md": ITEM.replace("title: 甲单位", "title: 乙单位")})
    pages = pipeline.render(pipeline.load(data, data.parent))
    assert "甲单位开展主题党日活动" in pages["timeline/2023/index.md"]
    assert "乙单位开展主题党日活动" not in pages["timeline/2023/index.md"]
    assert "第1期：如何当好党支部书记" in pages["timeline/2023/index.md"]  # a forum session
    updates = pages["updates/index.md"]
    assert updates.index("甲单位开展主题党日活动") < updates.index("林甲")  # 2023-05-12 before a 2022 entry


def git(cwd: Path, *args: str, date: str = "2024-01-02T10:00:00+08:00") -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="测试",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="测试", GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_updated_dates_come_from_full_history_and_never_from_a_shallow_clone(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    data = project(repo, {"x.md": ITEM})
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "第一次")
    (data / "brands" / "qingfeng.yml").write_text((data / "brands" / "qingfeng.yml").read_text(encoding="utf-8") + "\n",
                                                  encoding="utf-8")
    git(repo, "commit", "-qam", "第二次", date="2024-03-05T10:00:00+08:00")
    pages = pipeline.render(pipeline.load(data, repo))
    assert "更新于 2024年3月5日" in pages["brands/qingfeng.md"]
    # What's new goes by what happened: the 2023 brand changed in 2024 stays after the news of
    # 2023-05-12 (a year-only entry after its year's dated items), whatever the commits say.
    updates = pages["updates/index.md"]
    assert updates.index("甲单位开展主题党日活动") < updates.index("清风") and "| 2023 年 | 支部品牌 |" in updates
    # The news item's file was only imported (its own date is 2023-05-12): its date alone.
    assert "更新于" not in pages["news/x.md"]
    post = data.parent / "content" / "news" / "posts" / "x.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    git(repo, "commit", "-qam", "改正", date="2024-01-05T10:00:00+08:00")
    assert "更新于" not in pipeline.render(pipeline.load(data, repo))["news/x.md"]  # three days after import: part of it
    post.write_text(post.read_text(encoding="utf-8") + "\n再补充。\n", encoding="utf-8")
    git(repo, "commit", "-qam", "补充", date="2024-02-20T10:00:00+08:00")
    assert "· 更新于 2024年2月20日" in pipeline.render(pipeline.load(data, repo))["news/x.md"]
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True, capture_output=True)
    pages = pipeline.render(pipeline.load(shallow / "data", shallow))
    assert "更新于" not in pages["brands/qingfeng.md"] and "更新于" not in pages["news/x.md"]
    not_a_repo = tmp_path / "plain"
    shutil.copytree(repo, not_a_repo, ignore=shutil.ignore_patterns(".git"))
    assert "更新于" not in pipeline.render(pipeline.load(not_a_repo / "data", not_a_repo))["brands/qingfeng.md"]


@pytest.fixture(scope="module")
def news_site(tmp_path_factory):
    """The shipped data and news, built with a site_url and without."""
    out = {}
    for url in ("https://dangjian.example.org/sub/", None):
        tmp = tmp_path_factory.mktemp("feed")
        shutil.copytree(ROOT / "content" / "news" / "posts", tmp / "content" / "news" / "posts")
        result, site = build_project(tmp, ROOT / "data", site_url=url)
        assert result.returncode == 0, result.stderr
        out[url] = site
    return out


def test_the_feed_has_absolute_links_when_site_url_is_set(news_site):
    site = news_site["https://dangjian.example.org/sub/"]
    tree = ET.parse(site / "news" / "feed.xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = tree.getroot().findall("a:entry", ns)
    assert len(entries) == len(list((ROOT / "content" / "news" / "posts").glob("*.md")))
    links = [e.find("a:link", ns).get("href") for e in entries]
    assert all(link.startswith("https://dangjian.example.org/sub/news/") and link.endswith("/") for link in links)
    for link in links:
        assert (site / link.removeprefix("https://dangjian.example.org/sub/") / "index.html").is_file()
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one('link[type="application/atom+xml"]')["href"].endswith("news/feed.xml")


def test_no_feed_and_no_link_to_one_without_site_url(news_site):
    site = news_site[None]
    assert not (site / "news" / "feed.xml").exists()
    assert "atom+xml" not in (site / "index.html").read_text(encoding="utf-8")
    assert "atom+xml" not in (site / "news" / "index.html").read_text(encoding="utf-8")


def test_the_home_page_lists_what_is_new(news_site):
    home = BeautifulSoup((news_site[None] / "index.html").read_text(encoding="utf-8"), "html.parser")
    latest = next(h for h in home.select("article h2") if h.get_text(strip=True).rstrip("¶") == "最新")
    items = latest.find_next("ul").find_all("li")
    assert len(items) == 8
    newest = sorted((ROOT / "content" / "news" / "posts").glob("*.md"))
    assert any("示例市文化旅游服务中心举办党员讲解员展示活动" in li.get_text() for li in items) or newest


def test_samples_false_drops_the_sample_news_and_builds_strictly(tmp_path):
    shutil.copytree(ROOT / "content" / "news" / "posts", tmp_path / "content" / "news" / "posts")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    result, site = build_project(tmp_path, data, samples=False)
    assert result.returncode == 0, result.stderr
    assert not list((site / "news").glob("2023-*"))
    assert "暂无动态" in (site / "news" / "index.html").read_text(encoding="utf-8")


def test_new_news_writes_a_file_that_check_accepts_once_filled(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    result = subprocess.run([sys.executable, "-m", "generator", "new", "news", "2026-test"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "content" / "news" / "posts" / "2026-test.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "\ndate: 20" in text
    unfilled = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert unfilled.returncode == 1
    assert [line.split(": ")[1] for line in unfilled.stderr.splitlines()[:-1]] == ["title", "category"]
    path.write_text(text.replace("title:\n", "title: 新动态\n").replace("category:\n", "category: 工作动态\n"), encoding="utf-8")
    filled = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert filled.returncode == 0, filled.stderr


def test_news_pages_under_the_listing_size_cap_at_scale(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    data = synth.write(tmp_path, 1000)
    pages = pipeline.render(pipeline.load(data, tmp_path))
    listing = [p for p in pages if p.startswith("news/") and (p.endswith("/index.md") or "/page/" in p)]
    assert len(listing) > 10
    assert max(len(pages[p].encode("utf-8")) for p in listing) < 40_000  # Markdown; HTML stays far under 150 KB
    assert news_pages.PER_PAGE == 20


def titled(title: str, summary: str = "支部党员重温入党誓词。") -> str:
    """ITEM with its title and summary written as YAML double-quoted strings (escapes allowed)."""
    return (ITEM.replace("title: 甲单位开展主题党日活动", f"title: {json.dumps(title)}")
            .replace("summary: 支部党员重温入党誓词。", f"summary: {json.dumps(summary)}"))


NONCHARACTER = "（Unicode 规定不用于文字的非字符）：这类字符常在复制粘贴或转换编码时混入，网页和动态订阅（news/feed.xml）都无法保存它。请删除这段文字后重新输入。"
CONTROL = "：这类字符常在复制粘贴时混入，会让文字显示错乱或伪装成别的内容。请删除这段文字后重新输入。"


@pytest.mark.parametrize(("char", "expected"), [
    ("\ufffe", f"第 2 个字处有无效字符 U+FFFE{NONCHARACTER}"),
    ("\uffff", f"第 2 个字处有无效字符 U+FFFF{NONCHARACTER}"),
    ("\ufdd0", f"第 2 个字处有无效字符 U+FDD0{NONCHARACTER}"),
    ("\ufdef", f"第 2 个字处有无效字符 U+FDEF{NONCHARACTER}"),
    ("\x01", f"第 2 个字处有看不见的控制字符 U+0001{CONTROL}"),
    ("\x1b", f"第 2 个字处有看不见的控制字符 U+001B{CONTROL}"),
])
def test_a_title_with_a_character_xml_cannot_hold_is_refused_at_its_place(tmp_path, char, expected):
    data = project(tmp_path, {"x.md": titled(f"甲{char}乙单位开展主题党日活动")})
    assert load_problems(data) == [f"{SHOWN}:2:8: title: {expected}"]


def test_a_lone_surrogate_in_a_title_is_refused_at_its_line(tmp_path):
    from generator.model import safety

    data = project(tmp_path, {"x.md": titled("甲\ud800乙")})  # YAML's "\ud800": half a character
    found = load_problems(data)
    assert len(found) == 1 and found[0].startswith(f"{SHOWN}:2:"), found
    # Read by any other YAML reader, the text check refuses it as well.
    assert safety.plain_text_problem("甲\udfff乙") == ("第 2 个字处有无效字符 U+DFFF（不成对的代理码位，只是半个字）："
                                                     "这类字符常在复制粘贴或转换编码时混入，网页和动态订阅（news/feed.xml）都无法保存它。"
                                                     "请删除这段文字后重新输入。")


def test_the_feed_is_xml_that_gives_back_every_title_as_written(tmp_path):
    titles = ["甲 & 乙：<b>不是粗体</b>", "“引号” \"quoted\" 'single' ]]> <![CDATA[x]]>", "党建引领 &amp; 不是实体 &#60;"]
    posts = {f"item-{n}.md": titled(title, f"摘要 {n}：< & > \" '") for n, title in enumerate(titles)}
    data = project(tmp_path, posts)
    catalog = pipeline.load(data, data.parent)
    def url(path):  # as the plugin gives it: MkDocs' own URL of the page
        return File(path, str(data.parent), str(tmp_path / "site"), True).url
    text = feed.atom(pipeline.complete(catalog), news.KIND, "https://dangjian.example.org/sub", url, "机关 & <党建>\ufffe站")
    root = ET.fromstring(text.encode("utf-8"))  # expat: a real XML parser, strict about XML 1.0
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.tag == "{http://www.w3.org/2005/Atom}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    assert root.find("a:title", ns).text == "机关 & <党建>站：动态与通知"  # what XML cannot hold is dropped
    entries = root.findall("a:entry", ns)
    assert sorted(e.find("a:title", ns).text for e in entries) == sorted(titles)
    assert sorted(e.find("a:summary", ns).text for e in entries) == [f"摘要 {n}：< & > \" '" for n in range(3)]
    assert {e.find("a:category", ns).get("term") for e in entries} == {"工作动态"}
    assert sorted(e.find("a:link", ns).get("href") for e in entries) == [
        f"https://dangjian.example.org/sub/news/item-{n}/" for n in range(3)]
    assert [link.get("href") for link in root.findall("a:link", ns)] == [
        "https://dangjian.example.org/sub/news/feed.xml", "https://dangjian.example.org/sub/news/"]


def test_the_timeline_is_one_line_by_date_with_kind_unit_and_picture(tmp_path):
    event = ITEM.replace("summary:", "event: true\ncover: media/brands/qingfeng.svg\nsummary:")
    data = project(tmp_path, {"event.md": event})
    page = pipeline.render(pipeline.load(data, data.parent))["timeline/2023/index.md"]
    items = page.split('<div class="timeline" markdown>')[1].split("\n-   ")[1:]
    # The forum of 2023-06-28, the news of 2023-05-12, then the year-only brand and innovation.
    whens = [re.search(r'<span class="timeline-when">([^<]+)</span> <span class="timeline-kind">([^<]+)</span>', i).groups()
             for i in items]
    assert whens == [("6月28日", "书记论坛"), ("5月12日", "动态与通知"), ("2023 年", "党建创新榜"), ("2023 年", "支部品牌")]
    assert "甲单位开展主题党日活动" in items[1] and "{ .timeline-picture }" in items[1]
    assert '<span class="timeline-units">[甲单位]' in items[1]


def test_a_month_alone_is_shown_as_the_month():
    record = SimpleNamespace(year=2023, kind=None, entry=SimpleNamespace(day=None, month=6, picture=None))
    catalog = SimpleNamespace(units_of=lambda r: [])
    assert updates.moment(catalog, record).when == "6月"
    record.entry.month = None
    assert updates.moment(catalog, record).when == "2023 年"


def test_a_long_year_of_the_timeline_comes_in_pages(tmp_path, monkeypatch):
    from generator.pages import paging

    monkeypatch.setattr(paging, "PER_PAGE", 2)
    data = project(tmp_path, {"event.md": ITEM.replace("summary:", "event: true\nsummary:")})
    pages = pipeline.render(pipeline.load(data, data.parent))
    # 2023: the forum, the news item, the innovation and the brand: two pages of two.
    first, second = pages["timeline/2023/index.md"], pages["timeline/2023/page/2.md"]
    assert "## 2023 年（4 项）" in first and "第1期" in first and "清风" not in first
    assert "清风" in second and "第1期" not in second and 'title: "大事记：2023 年（第 2 页）"' in second
    assert "[2](page/2.md)" in first and "[1](../index.md)" in second
    assert "[2](2023/page/2.md)" in pages["timeline/index.md"]  # the newest year's first page, from /timeline/
