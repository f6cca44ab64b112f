"""Every kind of bad input an editor can submit, and the exact lines `check` prints for it.

Each case starts from the small fixture data set, changes one thing, and expects the whole
report: the lines are written out by hand here, never taken from the code under test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, WAITING

from generator import pipeline
from generator.errors import DataErrors

MINI = FIXTURES / "mini"

# A valid brand case; the cases below change one line of it. Line numbers matter.
BRAND = """\
name: 新品牌
branch: alpha-first
year: 2023
summary: 一句话简介
background: 背景。
practices: |-
  - 做法一
  - 做法二
results: 成效。
wuxing: [服务型]
points: [2023-1]
"""
NEW = "brands/new.yml"
SHOWN = "data/brands/new.yml"

SAVE_AS = ("请用编辑器“另存为”并选择 UTF-8 编码（记事本：编码选“UTF-8”；WPS/Word：另存为纯文本并选 UTF-8；"
           "VS Code：右下角点编码 -> 通过编码保存 -> UTF-8）。")
TAB = "这一行用了 Tab 缩进：YAML 只能用空格缩进，请把 Tab 换成空格。"
FULL_COLON = "这一行的冒号是全角“：”：字段名后面要用半角冒号加空格“: ”（切换到英文输入法再输入）。"
FULL_SPACE = "这一行有全角空格（　）：YAML 的缩进和“: ”后面必须是半角空格，请换成半角空格（切换到英文输入法再输入）。"
ALIAS = "不支持 YAML 锚点和别名（& 与 *）：请把被引用的内容直接写在这里，并检查文件里其他以“*”开头的值。"
BRANCHES = "alpha-first, alpha-second, beta-first"


def brand(old: str = "", new: str = "") -> str:
    assert old in BRAND
    return BRAND.replace(old, new, 1)


# Operations on the copied data folder.
def add(path: str, content: str | bytes):
    def op(data: Path):
        target = data / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return op


def edit(path: str, old: str, new: str):
    def op(data: Path):
        target = data / path
        text = target.read_text(encoding="utf-8")
        assert old in text, (path, old)
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return op


def rename(path: str, new_name: str):
    def op(data: Path):
        (data / path).rename((data / path).with_name(new_name))
    return op


def symlink(path: str, target: str):
    def op(data: Path):
        (data / path).symlink_to(target)
    return op


def billion_laughs() -> str:
    """The classic: nine levels of nine aliases, 10^9 "lol" if expanded."""
    lines = ["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"lol{level}: &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


CASES = [
    # --- reading the file -------------------------------------------------------------
    pytest.param([add(NEW, BRAND.encode("gbk"))], [
        f"{SHOWN}:1:7: 文件不是 UTF-8 编码。看起来是 GBK（GB2312/GB18030）编码，Windows 中文版的记事本和 WPS 常用这种编码保存。" + SAVE_AS,
    ], id="saved-as-gbk"),
    pytest.param([add(NEW, BRAND.encode("utf-16"))], [
        f"{SHOWN}:1:1: 文件是 UTF-16 编码（记事本里叫“Unicode”）。" + SAVE_AS,
    ], id="saved-as-utf16"),
    pytest.param([add(NEW, "x" * (1024 * 1024 + 1))], [
        f"{SHOWN}:1:1: 文件过大（1048577 字节，上限 1048576 字节）：请把内容拆成多个条目文件，图片放进 data/media/。",
    ], id="over-1-mib"),
    pytest.param([lambda data: (data / NEW).mkdir()], [
        f"{SHOWN}:1:1: 无法读取这个文件：请确认它是普通的文本文件，没有被其他程序占用，并且有读取权限。",
    ], id="not-a-file"),
    pytest.param([add(NEW, "")], [
        f"{SHOWN}:1:1: 文件是空的：请按模板填写内容，或删除这个文件。",
    ], id="empty"),
    pytest.param([add(NEW, "# yaml-language-server: $schema=../../schemas/brand.schema.json\n\n# 待填写\n")], [
        f"{SHOWN}:1:1: 文件是空的：请按模板填写内容，或删除这个文件。",
    ], id="only-comments"),
    pytest.param([add(NEW, "- name: 新品牌\n- branch: alpha-first\n")], [
        f"{SHOWN}:1:1: 文件最外层应是“字段: 值”的键值对，现在不是。请按模板写成每行“字段: 值”的形式。",
    ], id="top-level-list"),
    pytest.param([add(NEW, "name：新品牌\n")], [
        f"{SHOWN}:1:1: 文件最外层应是“字段: 值”的键值对，现在不是。" + FULL_COLON,
    ], id="top-level-text-full-width-colon"),
    pytest.param([add(NEW, BRAND + "---\nname: 另一个\n")], [
        f"{SHOWN}:12:1: 一个文件只能写一份数据，这里出现了第二个“---”：请删除这一行及多余的内容，或把它拆成另一个文件。",
    ], id="two-documents"),
    # --- YAML syntax slips -------------------------------------------------------------
    pytest.param([add(NEW, brand("year: 2023", "\tyear: 2023"))], [
        f"{SHOWN}:3:1: YAML 格式错误：" + TAB,
    ], id="tab-indent"),
    pytest.param([add(NEW, brand("summary: 一句话简介", "summary：一句话简介"))], [
        f"{SHOWN}:4:8: YAML 格式错误：" + FULL_COLON,
    ], id="full-width-colon"),
    pytest.param([edit("forums/first.yml", "  - name: 周乙", "  - name：周乙")], [
        "data/forums/first.yml:7:9: YAML 格式错误：" + FULL_COLON,
    ], id="full-width-colon-in-list-item"),
    pytest.param([add(NEW, brand("year: 2023", "year:\u30002023"))], [
        f"{SHOWN}:3:6: YAML 格式错误：" + FULL_SPACE,
    ], id="full-width-space-after-colon"),
    pytest.param([edit("forums/first.yml", "    branch: alpha-second", "  \u3000branch: alpha-second")], [
        "data/forums/first.yml:8:3: YAML 格式错误：" + FULL_SPACE,
    ], id="full-width-space-indent"),
    pytest.param([add(NEW, brand("year: 2023", "year:2023"))], [
        f"{SHOWN}:3:6: YAML 格式错误：冒号后面少了空格：请写成“字段: 值”，半角冒号后面加一个空格。",
    ], id="no-space-after-colon"),
    pytest.param([add(NEW, brand("summary: 一句话简介", "summary: 目标: 服务群众"))], [
        f"{SHOWN}:4:12: YAML 格式错误：值里有“: ”（冒号加空格）：请给整个值加上引号，例如 title: \"甲: 乙\"。",
    ], id="colon-space-inside-value"),
    pytest.param([add(NEW, brand("summary: 一句话简介", 'summary: "一句话简介'))], [
        f"{SHOWN}:4:10: YAML 格式错误：文件在引号或括号里就结束了：请补上配对的引号或括号。",
    ], id="unclosed-quote"),
    pytest.param([add(NEW, brand("wuxing: [服务型]", "wuxing: [服务型"))], [
        f"{SHOWN}:10:9: YAML 格式错误：方括号没有成对：写在一行的列表以“[”开始、以“]”结束，各项之间用半角逗号“,”分隔。",
    ], id="unclosed-bracket"),
    pytest.param([add(NEW, brand("summary: 一句话简介", 'summary: "一句话" 简介'))], [
        f"{SHOWN}:4:16: YAML 格式错误：引号结束后还有多余的文字：请把整段文字都写在一对引号里。",
    ], id="text-after-quote"),
    pytest.param([add(NEW, brand("summary: 一句话简介", "summary: *重点*简介"))], [
        f"{SHOWN}:4:10: YAML 格式错误：以“*”或“&”开头的值会被当成 YAML 别名：请给整个值加上引号。",
    ], id="value-starting-with-star"),
    pytest.param([add(NEW, brand("summary: 一句话简介", 'summary: "见 C:\\资料"'))], [
        f"{SHOWN}:4:15: YAML 格式错误：双引号里的反斜杠“\\”有特殊含义：请改用单引号括起这段文字，或把“\\”写成“\\\\”。",
    ], id="backslash-in-double-quotes"),
    pytest.param([add(NEW, brand("summary: 一句话简介", "summary: 一句话\x07简介"))], [
        f"{SHOWN}:4:13: YAML 格式错误：文件里有看不见的控制字符：请删除这个位置的字符（常见于从网页或 Word 复制来的文字）。",
    ], id="control-character"),
    pytest.param([add(NEW, brand("year: 2023", "  year: 2023"))], [
        f"{SHOWN}:3:7: YAML 格式错误：这里不应出现“: ”：如果值里本身有“: ”，请给整个值加上引号；否则请检查缩进是否和上一行对齐。",
    ], id="bad-indent"),
    # --- safe loading --------------------------------------------------------------------
    pytest.param([add(NEW, brand("year: 2023\nsummary: 一句话简介\n", "year: 2023\n") + "year: 2024\n")], [
        f"{SHOWN}:1:1: summary: 缺少必填字段“summary”（一句话简介）：请补上。",
        f"{SHOWN}:11:1: year: 字段重复：第 3 行已经写过“year”，请删除其中一个。",
    ], id="duplicate-key-and-missing-field-together"),
    pytest.param([add(NEW, brand("background: 背景。", "background: &bg 背景。").replace("results: 成效。", "results: *bg"))], [
        f"{SHOWN}:9:10: results: " + ALIAS,
    ], id="alias"),
    pytest.param([add(NEW, billion_laughs())], [
        f"{SHOWN}:2:12: lol1[0]: " + ALIAS,
    ], id="billion-laughs"),
    pytest.param([add(NEW, brand("year: 2023", "year: !!python/object/apply:os.system [ls]"))], [
        f"{SHOWN}:3:7: year: 不支持 YAML 标签“!!python/object/apply:os.system”：请删除它。",
    ], id="python-tag"),
    pytest.param([add(NEW, brand("wuxing: [服务型]", "wuxing: " + "[" * 25 + "]" * 25))], [
        f"{SHOWN}:10:28: wuxing" + "[0]" * 19 + ": 嵌套超过 20 层：数据不需要这么深的层次，请检查缩进和括号。",
    ], id="nesting-too-deep"),
    # --- fields --------------------------------------------------------------------------
    pytest.param([add(NEW, brand("branch: alpha-first", "brnach: alpha-first"))], [
        f"{SHOWN}:1:1: branch: 缺少必填字段“branch”（所属党支部）：请补上。",
        f"{SHOWN}:2:1: brnach: 未知字段“brnach”：是不是想写“branch”（所属党支部）？",
    ], id="unknown-field-closest-name"),
    pytest.param([add(NEW, brand("summary: 一句话简介\n", "summary: 一句话简介\nmood: 好\n"))], [
        f"{SHOWN}:5:1: mood: 未知字段“mood”：可用的字段有：background, branch, cover, featured, name, photos, "
        "points, practices, results, sample, slogan, summary, wuxing, year。",
    ], id="unknown-field-no-close-name"),
    pytest.param([add(NEW, brand("summary: 一句话简介", "summary:"))], [
        f"{SHOWN}:4:1: summary: 不能为空：请填写“一句话简介”。",
    ], id="empty-value"),
    pytest.param([add(NEW, brand("year: 2023", "year: 二〇二三"))], [
        f"{SHOWN}:3:7: year: 应为整数，现在是“二〇二三”。整数只写十进制阿拉伯数字，不加引号，例如 2023。",
    ], id="wrong-type-integer"),
    pytest.param([add(NEW, brand("summary: 一句话简介", "summary: 2023"))], [
        f"{SHOWN}:4:10: summary: 应为文字，现在是“2023”。YAML 把它读成了数字或日期：如果是文字，请给它加上引号。",
    ], id="wrong-type-number-for-text"),
    pytest.param([add(NEW, brand("summary: 一句话简介", "summary: true"))], [
        f"{SHOWN}:4:10: summary: 应为文字，现在是“true”。YAML 把 true、false 读成真假值：如果是文字，请给它加上引号。",
    ], id="wrong-type-true-for-text"),
    # YAML 1.1 forms the JSON Schema (YAML 1.2) reads otherwise: refused alike.
    pytest.param([add(NEW, BRAND + "sample: yes\n")], [
        f"{SHOWN}:12:9: sample: 应为 true 或 false，现在是“yes”。请写 true 或 false，不加引号。",
    ], id="yes-for-a-flag"),
    pytest.param([add(NEW, brand("year: 2023", "year: '2023'"))], [
        f"{SHOWN}:3:7: year: 应为整数，现在是“2023”。整数只写十进制阿拉伯数字，不加引号，例如 2023。",
    ], id="quoted-integer"),
    pytest.param([add(NEW, brand("year: 2023", "year: 2_023"))], [
        f"{SHOWN}:3:7: year: 应为整数，现在是“2_023”。整数只写十进制阿拉伯数字，不加引号，例如 2023。",
    ], id="integer-with-underscore"),
    pytest.param([edit("forums/first.yml", "session: 1", "session: 010")], [
        "data/forums/first.yml:1:10: session: 应为整数，现在是“010”。整数只写十进制阿拉伯数字，不加引号，例如 2023。",
    ], id="octal-looking-integer"),
    pytest.param([edit("innovations/smart.yml", "rank: 1", "rank: 0x1F")], [
        "data/innovations/smart.yml:5:7: rank: 应为整数，现在是“0x1F”。整数只写十进制阿拉伯数字，不加引号，例如 2023。",
    ], id="hex-integer"),
    pytest.param([add(NEW, brand("wuxing: [服务型]", "wuxing: 服务型"))], [
        f"{SHOWN}:10:9: wuxing: 应为列表（每项另起一行，以“- ”开头），现在是“服务型”。只有一项时也要写成列表：另起一行，写“- ”再写内容。",
    ], id="wrong-type-list"),
    pytest.param([edit("members/lin-a.yml", "  - year: 2021\n    title: 优秀共产党员", "  - 2021 优秀共产党员")], [
        "data/members/lin-a.yml:8:5: honours[0]: 应为“字段: 值”的键值对，现在是“2021 优秀共产党员”。请按模板写成“字段: 值”的形式（注意冒号后面的空格）。",
    ], id="wrong-type-mapping"),
    pytest.param([add(NEW, brand("wuxing: [服务型]", "wuxing: [服务性]"))], [
        f"{SHOWN}:10:10: wuxing[0]: “服务性”不是可选的值：只能是 政治型、服务型、实干型、文明型、廉洁型 之一。是不是想写“服务型”？",
    ], id="not-a-choice"),
    pytest.param([edit("forums/first.yml", "date: 2023-06-28", "date: 2023-02-30")], [
        "data/forums/first.yml:2:7: date: 日期“2023-02-30”不存在：请写成 YYYY-MM-DD 格式的真实日期。",
    ], id="impossible-date"),
    pytest.param([edit("forums/first.yml", "date: 2023-06-28", 'date: "2023-02-30"')], [
        "data/forums/first.yml:2:7: date: 日期“2023-02-30”不存在：请写成 YYYY-MM-DD 格式的真实日期。",
    ], id="impossible-date-quoted"),
    pytest.param([add(NEW, brand("year: 2023", "year: 1999"))], [
        f"{SHOWN}:3:7: year: “1999”超出范围：应不小于 2000。",
    ], id="year-too-early"),
    pytest.param([add(NEW, brand("year: 2023", "year: 2123"))], [
        f"{SHOWN}:3:7: year: “2123”超出范围：应不大于 2100。",
    ], id="year-too-late"),
    pytest.param([add(NEW, brand("points: [2023-1]", "points: [2023年第1条]"))], [
        f"{SHOWN}:11:10: points[0]: “2023年第1条”格式不对：请写成“年份-序号”，例如 2023-10。",
    ], id="point-reference-format"),
    pytest.param([add(NEW, brand("branch: alpha-first", "branch: Alpha_First"))], [
        f"{SHOWN}:2:9: branch: “Alpha_First”格式不对：只能用小写英文字母、数字和连字符（-），例如 jiguan-first。",
    ], id="reference-not-an-id"),
    # --- ids -----------------------------------------------------------------------------
    pytest.param([add("brands/Hong Qi.yml", BRAND)], [
        "data/brands/Hong Qi.yml:1:1: 文件名“Hong Qi.yml”不能作标识：只能用小写英文字母、数字和连字符，例如 hongse-yizhan.yml，请改名。",
    ], id="file-name-not-an-id"),
    pytest.param([add("brands/HongQi.yml", brand("year: 2023", "year: 1999"))], [
        "data/brands/HongQi.yml:1:1: 文件名“HongQi.yml”不能作标识：只能用小写英文字母、数字和连字符，例如 hongse-yizhan.yml，请改名。",
        "data/brands/HongQi.yml:3:7: year: “1999”超出范围：应不小于 2000。",
    ], id="file-name-and-content-together"),
    pytest.param([add("brands/hongqi.yaml", BRAND)], [
        "data/brands/hongqi.yaml:1:1: 扩展名应为 .yml：请把文件改名为 hongqi.yml。",
    ], id="yaml-extension"),
    # The forum names alpha-second, gone with the rename: it waits for units.yml, with one note.
    pytest.param([edit("units.yml", "id: alpha-second", "id: alpha-first")], [
        "data/units.yml:1:1: " + WAITING.format(1),
        "data/units.yml:7:13: units[0].branches[1].id: 标识“alpha-first”重复：第 5 行已使用，单位和党支部的标识都必须唯一，请换一个。",
    ], id="same-branch-id-twice"),
    pytest.param([edit("units.yml", "  - id: beta", "  - id: alpha")], [
        "data/units.yml:1:1: " + WAITING.format(1),  # smart.yml names unit beta
        "data/units.yml:9:9: units[1].id: 标识“alpha”重复：第 2 行已使用，单位和党支部的标识都必须唯一，请换一个。",
    ], id="same-unit-id-twice"),
    # --- references ----------------------------------------------------------------------
    pytest.param([add(NEW, brand("branch: alpha-first", "branch: alpha-1"))], [
        f"{SHOWN}:2:9: branch: 未知的党支部“alpha-1”。可选的有：{BRANCHES}。",
    ], id="dangling-branch"),
    pytest.param([edit("innovations/smart.yml", "unit: beta", "unit: gamma")], [
        "data/innovations/smart.yml:2:7: unit: 未知的单位“gamma”。可选的有：alpha, beta。",
    ], id="dangling-unit"),
    pytest.param([add(NEW, brand("points: [2023-1]", "points: [2023-1, 2023-26]"))], [
        f"{SHOWN}:11:18: points[1]: 未知的工作要点“2023-26”：请写成“年份-序号”，现有：2023（1-3）。",
    ], id="dangling-work-point"),
    # --- media ---------------------------------------------------------------------------
    pytest.param([add(NEW, BRAND + "cover: media/brands/none.svg\n")], [
        f"{SHOWN}:12:8: cover: 找不到图片“media/brands/none.svg”：请把图片放到 data/media/brands/none.svg，或删去这一项。",
    ], id="media-missing"),
    pytest.param([add(NEW, BRAND + "cover: /home/user/a.jpg\n")], [
        f"{SHOWN}:12:8: cover: “/home/user/a.jpg”是绝对路径：请写相对于 data/ 的路径，例如 media/brands/hongqi.jpg。",
    ], id="media-absolute"),
    pytest.param([add(NEW, BRAND + "cover: D:/照片/a.jpg\n")], [
        f"{SHOWN}:12:8: cover: “D:/照片/a.jpg”是绝对路径：请写相对于 data/ 的路径，例如 media/brands/hongqi.jpg。",
    ], id="media-windows-drive"),
    pytest.param([add(NEW, BRAND + "cover: media/../../secret.svg\n")], [
        f"{SHOWN}:12:8: cover: “media/../../secret.svg”含有“..”：图片必须放在 data/media/ 下，路径里不能有“..”。",
    ], id="media-dot-dot"),
    pytest.param([add(NEW, BRAND + "cover: https://example.com/a.jpg\n")], [
        f"{SHOWN}:12:8: cover: “https://example.com/a.jpg”是网址：网站在内网使用，不能引用外部图片，"
        "请把图片下载后放到 data/media/ 下，这里写 media/... 路径。",
    ], id="media-url"),
    pytest.param([add(NEW, BRAND + "cover: 'media\\brands\\a.svg'\n")], [
        f"{SHOWN}:12:8: cover: “media\\brands\\a.svg”用了反斜杠“\\”：请用正斜杠“/”分隔，例如 media/brands/hongqi.jpg。",
    ], id="media-backslash"),
    pytest.param([symlink("media/brands/outside.svg", "/etc/hostname"), add(NEW, BRAND + "cover: media/brands/outside.svg\n")], [
        f"{SHOWN}:12:8: cover: “media/brands/outside.svg”是符号链接：请把图片文件本身放到 data/media/brands/outside.svg。",
        "data/media/brands/outside.svg:1:1: 这是符号链接（快捷方式）：data/ 下只能放文件本身，链接可能指向仓库以外或造成循环。"
        "请把它换成真正的文件或文件夹，或删除它。",
    ], id="media-link-leaving-repo"),
    # --- Markdown that would run in a reader's browser ------------------------------------
    pytest.param([add(NEW, brand("background: 背景。", "background: 背景。<script>alert(1)</script>"))], [
        f"{SHOWN}:5:13: background: 不能使用 HTML 标签 <script>（“<script>alert(1)</script”）：页面里不允许运行脚本、"
        "嵌入外部内容、提交表单或改变页面结构，请删除这段 HTML。字段里只能用 Markdown，以及 <br>、<sup>、<sub>、<u>、<mark> 等几个不带属性的文字标签。",
    ], id="markdown-script"),
    pytest.param([add(NEW, brand("  - 做法二", '  - 做法二 <img src="x.png" onerror="alert(1)">'))], [
        f"{SHOWN}:6:12: practices: 不能使用 HTML 标签 <img>（“<img src=\"x.png\" onerror”）：插图请写 ![图片说明](media/文件夹/文件名.jpg)。"
        "字段里只能用 Markdown，以及 <br>、<sup>、<sub>、<u>、<mark> 等几个不带属性的文字标签。",
    ], id="markdown-event-handler"),
    pytest.param([add(NEW, brand("results: 成效。", "results: '[详情](javascript:alert(1))'"))], [
        f"{SHOWN}:9:10: results: 不能包含 javascript: 链接：页面里不允许运行脚本，链接请写成 https:// 开头的网址或站内页面的路径。",
    ], id="markdown-javascript-link"),
    pytest.param([add(NEW, brand("results: 成效。", "results: '<a href=\"jav&#x61;script&#58;alert(1)\">详情</a>'"))], [
        f"{SHOWN}:9:10: results: 不能使用 HTML 标签 <a>（“<a href=\"jav&#x61;script”）：链接请写 [文字](https://网址) 或站内写法 [文字](brand:标识)。"
        "字段里只能用 Markdown，以及 <br>、<sup>、<sub>、<u>、<mark> 等几个不带属性的文字标签。",
    ], id="markdown-javascript-link-as-entities"),
    pytest.param([add(NEW, brand("results: 成效。", "results: '[详情](jav&#x61;script&#58;alert(1))'"))], [
        f"{SHOWN}:9:10: results: 不能包含 javascript: 链接：页面里不允许运行脚本，链接请写成 https:// 开头的网址或站内页面的路径。",
    ], id="markdown-javascript-markdown-link-as-entities"),
]


@pytest.mark.parametrize(("ops", "expected"), CASES)
def test_bad_input_is_reported_exactly(tmp_path, ops, expected):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    for op in ops:
        op(data)
    with pytest.raises(DataErrors) as exc:
        pipeline.load(data, tmp_path)
    assert [str(p) for p in exc.value.problems] == expected


def test_fixture_is_valid_and_a_new_brand_loads(tmp_path):
    """The cases above fail for their change alone: the base and the unchanged BRAND load."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    add(NEW, BRAND)(data)
    catalog = pipeline.load(data, tmp_path)
    assert [r.id for r in catalog.records["brands"]] == ["new", "qingfeng"]


def test_utf8_with_bom_is_fine(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    add(NEW, "\ufeff" + BRAND)(data)
    catalog = pipeline.load(data, tmp_path)
    assert any(r.id == "new" for r in catalog.records["brands"])


def test_plain_text_with_markup_characters_is_not_an_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    add(NEW, brand("summary: 一句话简介", "summary: '<b>不加粗</b> & A|B *星* # 井号'"))(data)
    catalog = pipeline.load(data, tmp_path)
    assert next(r for r in catalog.records["brands"] if r.id == "new").entry.summary == "<b>不加粗</b> & A|B *星* # 井号"


def test_markdown_may_mention_scripts_as_text(tmp_path):
    """Words such as "javascript" or "online" alone are not refused: only what would run."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    add(NEW, brand("results: 成效。", "results: 学习 JavaScript 和 online 课程，参见 `onclick` 说明。"))(data)
    pipeline.load(data, tmp_path)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="the system cannot make symbolic links")
def test_a_link_inside_the_repo_is_refused_too(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    symlink("media/brands/again.svg", str(data / "media" / "brands" / "qingfeng.svg"))(data)
    add(NEW, BRAND + "cover: media/brands/again.svg\n")(data)
    with pytest.raises(DataErrors) as exc:
        pipeline.load(data, tmp_path)
    assert [p.path for p in exc.value.problems] == [SHOWN, "data/media/brands/again.svg"]


def test_windows_line_endings_are_fine_and_lines_still_count(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    add(NEW, BRAND.replace("\n", "\r\n"))(data)
    pipeline.load(data, tmp_path)
    add(NEW, brand("year: 2023", "year: 1999").replace("\n", "\r\n"))(data)
    with pytest.raises(DataErrors) as exc:
        pipeline.load(data, tmp_path)
    assert [str(p) for p in exc.value.problems] == [f"{SHOWN}:3:7: year: “1999”超出范围：应不小于 2000。"]


def test_long_values_are_shortened_in_messages(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    add(NEW, brand("year: 2023", "year: " + "9" * 5000))(data)
    with pytest.raises(DataErrors) as exc:
        pipeline.load(data, tmp_path)
    assert [str(p) for p in exc.value.problems] == [
        f"{SHOWN}:3:7: year: 无法读取的值“{'9' * 30}…”：如果是文字，请用引号括起来。"]
