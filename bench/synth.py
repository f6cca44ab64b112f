"""Write a large, valid, fictional data/ folder for benchmarks: ``synth.py --entries N --out DIR``.

Every entry's text is built from whole clauses of the 2023 work points, recombined, so the
pages read like the site's real Chinese (about 1,200 characters each) without being official
text. The same N always gives byte-identical files. Every unit and entry is marked
``sample: true``: the people, units and brands are invented.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

import yaml
from from_model import PLACEHOLDER, Maker

from generator.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "workplans" / "2023.yml"

# Weight of each kind among the entries; a kind not named here (one added to the registry)
# weighs OTHER. After rounding, the rest goes to members (or to the last kind).
MIX = {"brands": 3, "innovations": 2, "forums": 1, "members": 4}
OTHER = 1
# Chinese characters of body text per entry: the page adds headings and facts around it.
TARGET_CHARS = 950
YEARS = range(2019, 2025)
WUXING = ["政治型", "服务型", "实干型", "文明型", "廉洁型"]

SURNAMES = "林马何秦苏唐杨赵周罗韩高郭谢宋许邓冯曹彭曾萧田董潘袁蔡蒋余杜叶程魏吕丁沈任姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "晓岚建国文静浩然书敏宇航志强海燕丽华明远春燕立新红梅秀英国平玉兰振华俊杰思远雅琴卫东小军淑芬建华佳怡子涵梓萱一鸣晨曦欣然宏伟永强桂兰德明丽娟少华"
FIELDS = ["政务服务", "农业农村", "数据资源", "文化旅游", "财政", "人力资源", "生态环境", "住房建设",
          "交通运输", "水利", "商务", "卫生健康", "市场监管", "统计", "医疗保障", "审计", "档案", "机关事务"]
ORGANS = ["局", "中心", "委员会", "办公室", "研究院", "服务站"]
NUMERALS = "一二三四五六七八九十"
BRAND_WORDS = ["红色", "先锋", "连心", "清风", "暖心", "匠心", "星火", "初心", "同心", "青松", "磐石", "领航"]
BRAND_TAILS = ["驿站", "课堂", "服务岗", "工作室", "桥", "行动", "讲堂", "直通车", "联盟", "计划"]
POSTS = ["科长", "副科长", "科员", "主任", "副主任", "工程师", "讲解员", "窗口受理员", "党务干事", "办公室主任"]
HONOURS = ["优秀共产党员", "优秀党务工作者", "服务之星", "岗位能手", "最美党务工作者", "先进工作者"]
AWARDS = ["一等奖", "二等奖", "三等奖", "优秀案例"]
VENUES = ["三楼第一会议室", "党员活动室", "多功能厅", "机关党校报告厅", "五楼会议室"]


def clauses() -> list[str]:
    """Every clause of the work points' text, without its closing punctuation."""
    plan = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    texts = [plan["overall"]] + [p["text"] for s in plan["sections"] for p in s["points"]]
    out = []
    for text in texts:
        out += [c for c in re.split(r"[，。；]", text) if len(c) >= 4 and _balanced(c)]
    return out


def _balanced(clause: str) -> bool:
    """A clause cut out of a quotation would leave a lone “ or 《 behind."""
    return all(clause.count(a) == clause.count(b) for a, b in ("“”", "《》", "（）"))


def point_titles() -> list[str]:
    plan = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    return [p["title"] for s in plan["sections"] for p in s["points"]]


def han(text: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", text))


class Writer:
    """Draws deterministic fictional content; one instance per data folder."""

    def __init__(self, entries: int):
        self.rng = random.Random(f"synth-{entries}")
        self.clauses = clauses()
        self.titles = point_titles()

    def sentence(self) -> str:
        return "，".join(self.rng.sample(self.clauses, self.rng.randint(2, 4))) + "。"

    def paragraph(self, chars: int) -> str:
        out = ""
        while han(out) < chars:
            out += self.sentence()
        return out

    def paragraphs(self, chars: int, lead: str = "") -> str:
        """Markdown paragraphs of about ``chars`` Chinese characters, the first opening with ``lead``."""
        parts: list[str] = []
        total = 0
        while total < chars:
            part = self.paragraph(self.rng.randint(120, 260))
            if not parts and lead:
                part = lead + part
            parts.append(part)
            total += han(part)
        return "\n\n".join(parts)

    def bullets(self, count: int) -> str:
        lines = []
        for _ in range(count):
            head = self.rng.choice(self.titles)
            lines.append(f"- **{head}**：{self.sentence()}")
        return "\n".join(lines)

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.randint(1, 2)))

    def refs(self) -> tuple[list[str], list[str]]:
        points = sorted(self.rng.sample(range(1, 26), self.rng.randint(1, 3)))
        wuxing = self.rng.sample(WUXING, self.rng.randint(0, 2))
        return [f"2023-{n}" for n in points], wuxing


def units(w: Writer, entries: int) -> list[dict]:
    out = []
    for i in range(1, max(4, entries // 40) + 1):
        field = FIELDS[(i - 1) % len(FIELDS)]
        organ = ORGANS[(i - 1) // len(FIELDS) % len(ORGANS)]
        branches = [{"id": f"unit-{i:03d}-b{j}", "name": f"第{NUMERALS[j - 1]}党支部"}
                    for j in range(1, w.rng.randint(2, 5) + 1)]
        out.append({"id": f"unit-{i:03d}", "name": f"示例第{i}{field}{organ}", "sample": True,
                    "branches": branches})
    return out


def brand(w: Writer, branch: dict) -> dict:
    name = w.rng.choice(BRAND_WORDS) + w.rng.choice(BRAND_TAILS)
    points, wuxing = w.refs()
    return {"sample": True, "name": name, "branch": branch["id"], "year": w.rng.choice(YEARS),
            "summary": w.sentence(), "slogan": w.rng.choice(w.clauses),
            "background": w.paragraphs(TARGET_CHARS // 4, f"“{name}”品牌由{branch['name']}创建。"),
            "practices": w.bullets(4),
            "results": w.paragraphs(TARGET_CHARS // 4),
            "wuxing": wuxing, "points": points}


def member(w: Writer, branch: dict) -> dict:
    name = w.name()
    points, wuxing = w.refs()
    honours = [{"year": w.rng.choice(YEARS), "title": w.rng.choice(HONOURS)} for _ in range(w.rng.randint(0, 3))]
    return {"sample": True, "name": name, "branch": branch["id"], "post": w.rng.choice(POSTS),
            "year": w.rng.choice(YEARS), "category": w.rng.choice(["党员风采展", "最美党务工作者"]),
            "honours": honours, "quote": w.rng.choice(w.clauses) + "。",
            "story": w.paragraphs(TARGET_CHARS, f"{name}同志是{branch['name']}党员。"),
            "wuxing": wuxing, "points": points}


def forum(w: Writer, session: int, unit: dict, branches: list[dict]) -> dict:
    points, wuxing = w.refs()
    year = w.rng.choice(YEARS)
    speakers = [{"name": w.name(), "branch": b["id"], "title": w.rng.choice(w.titles),
                 "summary": w.paragraph(60)} for b in w.rng.sample(branches, 3)]
    return {"sample": True, "session": session, "date": f"{year}-{w.rng.randint(1, 12):02d}-{w.rng.randint(1, 28):02d}",
            "theme": w.rng.choice(w.titles), "venue": unit["name"] + w.rng.choice(VENUES),
            "host_unit": unit["id"], "speakers": speakers,
            "summary": w.paragraphs(TARGET_CHARS - 450) + "\n\n" + w.bullets(3),
            "wuxing": wuxing, "points": points}


def innovation(w: Writer, rank: int, unit: dict) -> dict:
    points, wuxing = w.refs()
    return {"sample": True, "title": w.rng.choice(w.titles) + w.rng.choice(["工作法", "项目", "机制", "平台"]),
            "unit": unit["id"], "year": w.rng.choice(YEARS), "award": w.rng.choice(AWARDS),
            "rank": rank, "summary": w.sentence(),
            "work": w.paragraphs(TARGET_CHARS - 150) + "\n\n" + w.bullets(3),
            "wuxing": wuxing, "points": points}


def news_item(w: Writer, unit: dict) -> dict:
    points, wuxing = w.refs()
    year = w.rng.choice(YEARS)
    return {"title": unit["name"] + w.rng.choice(w.titles), "date": f"{year}-{w.rng.randint(1, 12):02d}-{w.rng.randint(1, 28):02d}",
            "category": w.rng.choice(["工作动态", "通知公告"]), "units": [unit["id"]], "points": points,
            "wuxing": wuxing, "summary": w.sentence(), "event": w.rng.random() < 0.2, "sample": True}


def news_count(entries: int) -> int:
    """News items beside ``entries`` entries: one for every five."""
    return max(1, entries // 5)


try:  # libyaml's dumper when PyYAML was built with it: the same output, several times faster
    from yaml import CSafeDumper as _BaseDumper
except ImportError:
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class _Dumper(_BaseDumper):
    """Block style for text with line breaks, as editors write it."""


_Dumper.add_representer(str, lambda d, s: d.represent_scalar(
    "tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))


def dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)


def data_kinds() -> dict[str, str]:
    """The registry's kinds kept under data/: key -> singular name (entries' file names)."""
    return {kind.key: kind.name for kind in KINDS if kind.in_data}


def counts(entries: int) -> dict[str, int]:
    """How many entries of each kind make up ``entries``: every kind of the registry kept under
    data/, the ones named in MIX first."""
    keys = [k for k in MIX if k in data_kinds()] + [k for k in data_kinds() if k not in MIX]
    weights = {k: MIX.get(k, OTHER) for k in keys}
    rest = "members" if "members" in weights else keys[-1]
    out = {k: max(1, round(entries * w / sum(weights.values()))) for k, w in weights.items() if k != rest}
    out[rest] = max(1, entries - sum(out.values()))  # every kind gets one, however few entries
    return out


def write(out: Path, entries: int) -> Path:
    """Write ``out/data`` for ``entries`` entries and ``out/content/news/posts`` for their news
    (replacing both) and return the data folder."""
    data = out / "data"
    posts = out / "content" / "news" / "posts"
    for folder in (data, posts):
        if folder.exists():
            shutil.rmtree(folder)
    (data / "workplans").mkdir(parents=True)
    shutil.copyfile(PLAN, data / "workplans" / PLAN.name)
    seal = PLAN.with_name(PLAN.stem + ".seal.json")
    shutil.copyfile(seal, data / "workplans" / seal.name)
    w = Writer(entries)
    all_units = units(w, entries)
    (data / "units.yml").write_text("# 基准测试数据：单位、人物、品牌均为虚构。\n" + dump({"units": all_units}), encoding="utf-8")
    branches = [b for u in all_units for b in u["branches"]]
    makers = {
        "brands": lambda i: brand(w, w.rng.choice(branches)),
        "members": lambda i: member(w, w.rng.choice(branches)),
        "forums": lambda i: forum(w, i, *_host(w, all_units)),
        "innovations": lambda i: innovation(w, i, w.rng.choice(all_units)),
    }
    # A kind without a writer here: entries drawn from its model (bench/from_model.py).
    generic = Maker(w, all_units, branches, YEARS)
    models = {kind.key: kind.model for kind in KINDS}
    for kind, count in counts(entries).items():
        folder = data / kind
        folder.mkdir()
        width = max(4, len(str(count)))
        stem = data_kinds()[kind]
        for i in range(1, count + 1):
            entry = makers[kind](i) if kind in makers else generic.entry(models[kind], TARGET_CHARS)
            (folder / f"{stem}-{i:0{width}d}.yml").write_text(dump(entry), encoding="utf-8")
    if generic.pictures:
        (data / PLACEHOLDER).parent.mkdir(parents=True)
        shutil.copyfile(ROOT / "generator" / "assets" / "picture-placeholder.svg", data / PLACEHOLDER)
    posts.mkdir(parents=True)
    for i in range(1, news_count(entries) + 1):
        front = dump(news_item(w, w.rng.choice(all_units)))
        body = w.paragraphs(TARGET_CHARS // 2)
        (posts / f"news-{i:04d}.md").write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
    return data


def _host(w: Writer, all_units: list[dict]) -> tuple[dict, list[dict]]:
    unit = w.rng.choice(all_units)
    others = [b for u in w.rng.sample(all_units, 3) for b in u["branches"]]
    return unit, others


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成基准测试用的虚构数据目录 DIR/data/")
    parser.add_argument("--entries", type=int, required=True, help="条目总数（各类合计）")
    parser.add_argument("--out", type=Path, required=True, help="输出目录，数据写入 DIR/data/")
    args = parser.parse_args(argv)
    if args.entries < len(data_kinds()):
        parser.error(f"--entries 至少为 {len(data_kinds())}（每类至少一项）")
    data = write(args.out, args.entries)
    shown = "、".join(f"{kind} {n}" for kind, n in counts(args.entries).items())
    print(f"已生成 {data}：{shown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
