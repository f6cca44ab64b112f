"""A query set of our own, typed into the real search box in headless Chromium: which of them
bring the right place into the top 3 (issue 22). ``search_answers.py [SITE]`` (default: site/,
``make site`` over the shipped data, whose pages the expectations name).

The queries are written from the classes of docs/search-index.md (not the tests' examples): a
brand named in part or with a typo, words apart, an item quoted by listings, numbers as people
say them, short names, pinyin, slogans, a word the site lacks. Prints each query, the first
three results and whether the expected place is among them; asserts nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import probe  # noqa: E402  (bench/probe.py)

ROOT = Path(__file__).resolve().parent.parent
# (class, query, the place expected in the top 3: a page, or page#section; "" for no result)
QUERIES = [
    ("ranking", "红色书香", "brands/hongse-shuxiang/"),
    ("ranking", "服务驿站", "brands/hongse-yizhan/"),
    ("ranking", "清风护行", "brands/qingfeng-shuju/"),
    ("ranking", "廉洁 展廊", "innovations/wenlv-lianjie-wenhua-zhanlang/"),
    ("ranking", "先锋岗 积分", "innovations/zhengwu-xianfenggang-jifen/"),
    ("ranking", "数据共享 难题", "brands/shuju-xianfeng/"),
    ("listing", "同台展示", "news/2023-wenlv-jiangjie/"),
    ("listing", "走进田间开展技术服务", "news/2023-nongye-tianjian/"),
    ("numbers", "第十二条", "workplan/2023/#point-12"),
    ("numbers", "第 8 条", "workplan/2023/#point-8"),
    ("numbers", "2023年第二十条", "workplan/2023/#point-20"),
    ("numbers", "18条", "workplan/2023/#point-18"),
    ("numbers", "十五条", "workplan/2023/#point-15"),
    ("names", "政务局", "units/zhengwu/"),
    ("names", "市数据局", "units/shuju/"),
    ("names", "窗口支部", "units/zhengwu/"),
    ("pinyin", "qinlei", "members/qin-lei/"),
    ("pinyin", "hjg", "members/he-jianguo/"),
    ("pinyin", "gpxd", "glossary/#guangpan-xingdong"),
    ("pinyin", "sanhuiyike", "glossary/#sanhui-yike"),
    ("pinyin", "tjdk", "brands/tianjian-dangke/"),
    ("pinyin", "he jianguo", "members/he-jianguo/"),
    ("pinyin", "tianjiandan", "brands/tianjian-dangke/"),
    ("pinyin", "nongfazhongxin", "units/nongye/"),
    ("slogans", "两个维护", "glossary/#liangge-weihu"),
    ("slogans", "四警六廉", "workplan/2023/#point-16"),
    ("slogans", "双报到", "workplan/2023/#point-7"),
    ("empty", "人工智能 党建", ""),
]

LINKS = """() => [...document.querySelectorAll(".md-search-result__item")].map(
    item => [...item.querySelectorAll("a.md-search-result__link")].map(a => a.href))"""
NOTICE = """() => { const n = document.getElementById("search-notice"); return n && !n.hidden ? n.textContent : ""; }"""


def place(url: str, root: str) -> str:
    parts = urlsplit(url)
    return parts.path[len(urlsplit(root).path):] + (f"#{parts.fragment}" if parts.fragment else "")


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    site = Path((argv or sys.argv[1:] or [str(ROOT / "site")])[0])
    hits = 0
    with probe.Server(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=probe.CHROMIUM, args=probe.ARGS)
        page = browser.new_context(locale="zh-CN").new_page()
        page.add_init_script(probe.WATCH)
        page.goto(server.url, wait_until="load")
        for kind, query, expected in QUERIES:
            probe.answer(page, query, page.evaluate(probe.ASK, query))
            groups = [[place(link, server.url) for link in group] for group in page.evaluate(LINKS)]
            top = groups[:3]
            ok = not groups if not expected else any(expected in group for group in top)
            hits += ok
            shown = " | ".join(group[1] if len(group) > 1 and "#" in expected else group[0] for group in top)
            notice = page.evaluate(NOTICE)
            print(f"{'✓' if ok else '✗'} {kind:8} {query:14} -> {shown or '(none)'}{'  [' + notice + ']' if notice else ''}")
        browser.close()
    print(f"{hits}/{len(QUERIES)} queries bring the expected place into the top 3")
    return 0


if __name__ == "__main__":
    sys.exit(main())
