"""Command line: the same pipeline as the site build, for editors and CI."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import pipeline
from .errors import DataErrors


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """党建展示站数据工具：检查数据、生成页面。"""


data_option = click.option("--data", "data_dir", default="data", show_default=True,
                           type=click.Path(path_type=Path), help="数据目录")


@main.command()
@data_option
def check(data_dir: Path) -> None:
    """检查 data/ 下的全部数据，列出所有问题。"""
    catalog = _load(data_dir)
    points = sum(len(p.points()) for p in catalog.workplans.values())
    counts = "、".join(f"{kind.label} {len(catalog.records[kind.key])} 项" for kind in catalog.kinds)
    click.echo(f"检查通过：{len(catalog.workplans)} 份年度工作要点（{points} 条要点），"
               f"{len(catalog.units)} 个单位，{counts}。")


@main.command()
@data_option
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="输出目录")
def render(data_dir: Path, out_dir: Path) -> None:
    """把数据生成的 Markdown 页面写到 --out 目录（与网站构建所用完全相同）。"""
    pages = pipeline.render(_load(data_dir))
    for uri, markdown in pages.items():
        target = out_dir / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(markdown.encode("utf-8"))
    click.echo(f"已生成 {len(pages)} 个页面：{out_dir}")


def _load(data_dir: Path):
    try:
        return pipeline.load(data_dir, Path.cwd())
    except DataErrors as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
