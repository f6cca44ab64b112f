"""Command line: the same pipeline as the site build, for editors and CI."""

from __future__ import annotations

import datetime
import errno
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__, pipeline, starter
from .edit import changes, ci_report
from .errors import DataErrors
from .guide import scaffold, schema
from .kinds import RESERVED, by_name
from .model import seal
from .model.fields import ID_PATTERN
from .model.safety import reserved_id_problem
from .model.validate import validate
from .model.workplan import WorkPlan
from .source import loader


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """党建展示站数据工具：检查数据、生成页面。"""


data_option = click.option("--data", "data_dir", default="data", show_default=True,
                           type=click.Path(path_type=Path), help="数据目录")


@main.command()
@data_option
@click.option("--format", "output", type=click.Choice(["text", "github", "gitlab"]), default="text", show_default=True,
              help="text：逐行的说明；github：GitHub/Gitea Actions 的 ::error 命令，问题标在拉取请求改动的行上；"
                   "gitlab：GitLab 代码质量报告（JSON，写到标准输出）")
def check(data_dir: Path, output: str) -> None:
    """检查 data/ 下的全部数据，列出所有问题。"""
    try:
        catalog = pipeline.load(data_dir, Path.cwd())
    except DataErrors as exc:
        if output == "github":
            click.echo(ci_report.github(exc.problems))
        elif output == "gitlab":
            click.echo(ci_report.gitlab(exc.problems))
        click.echo(exc.report() if output != "github" else exc.report().rpartition("\n")[2], err=True)
        sys.exit(1)
    points = sum(len(p.points()) for p in catalog.workplans.values())
    counts = "、".join(f"{kind.label} {len(catalog.records[kind.key])} 项" for kind in catalog.kinds)
    if output == "gitlab":
        click.echo(ci_report.gitlab([]))
    click.echo(f"检查通过：{len(catalog.workplans)} 份年度工作要点（{points} 条要点），"
               f"{len(catalog.units)} 个单位，{counts}。", err=output == "gitlab")


@main.command()
@click.option("--base", required=True, help="比较的起点：目标分支（如 origin/main）或提交")
@click.option("--status", default=None, help="检查的结果（success、failure），写在摘要的开头")
def summary(base: str, status: str | None) -> None:
    """用中文列出与 --base 相比新增、修改了哪些条目和页面（持续集成的任务摘要用）。"""
    click.echo(changes.summary(Path.cwd(), base, status))


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


@main.command()
@click.argument("kind", required=False)
@click.argument("entry_id", metavar="ID", required=False)
@data_option
def new(kind: str | None, entry_id: str | None, data_dir: Path) -> None:
    """新建一个待填写的条目文件，例如：new brand hongqi（写到 data/brands/hongqi.yml）。"""
    kinds = by_name()
    usage = f"用法：python -m generator new 类别 标识，类别可选 {'、'.join(kinds)}，例如 new brand hongqi。"
    if kind is None or kind not in kinds or not entry_id:
        _fail((f"没有“{kind}”这个类别。" if kind and kind not in kinds else "") + usage)
    assert kind is not None and entry_id is not None  # _fail above has left otherwise
    chosen = kinds[kind]
    problem = chosen.id_problem(entry_id) if chosen.id_problem else None
    if problem:
        _fail(problem.replace(f"文件名“{entry_id}.md”", f"标识“{entry_id}”"))
    if not re.fullmatch(ID_PATTERN, entry_id):
        _fail(f"标识“{entry_id}”不能用：只能用小写英文字母、数字和连字符（-），例如 hongse-yizhan。")
    problem = reserved_id_problem(entry_id, chosen.label, RESERVED)
    if problem:
        _fail(problem)
    folder, _, pattern = chosen.pattern.rpartition("/")
    # data/… follows --data; other folders (content/) sit beside it.
    base = data_dir / folder.removeprefix("data/") if chosen.in_data else data_dir.parent / folder
    target = base / f"{entry_id}{pattern.removeprefix('*')}"
    shown = target.as_posix()
    if target.exists():
        _fail(f"{shown} 已经存在：请换一个标识，或直接编辑这个文件。")
    model = chosen.model
    if chosen.body:
        filled = {"date": datetime.date.today()} if "date" in model.model_fields else {}
        text = scaffold.front_matter_template(model, title=chosen.label, path=shown, filled=filled)
        done = "请填写标题、类别和正文"
    else:
        schema_path = os.path.relpath(str(Path.cwd() / "schemas" / schema.schema_file(kind)), str(target.parent))
        text = scaffold.template(model, title=str(model.model_config["title"]), path=shown, schema=Path(schema_path).as_posix())
        done = "请填写标有“必填”的字段"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode("utf-8"))
    click.echo(f"已新建 {shown}：{done}，再运行 python -m generator check 检查。")


@main.command("seal")
@click.argument("year", type=int)
@data_option
def seal_command(year: int, data_dir: Path) -> None:
    """封存某年工作要点的原文（例如 seal 2023）：只在有意更正原文时运行，并把生成的文件一并提交。"""
    path = data_dir / "workplans" / f"{year}.yml"
    if not path.is_file() or path.is_symlink():
        _fail(f"找不到 {path.as_posix()}：请确认年份，工作要点文件应放在 data/workplans/ 下。")
    try:
        source = loader.read_yaml(path, Path.cwd())
    except DataErrors as exc:
        _fail(exc.report())
    plan, problems = validate(WorkPlan, source)
    if plan is None or problems:
        _fail(DataErrors(problems).report() + "\n请先改正这些问题，再封存。")
    assert plan is not None  # _fail above has left otherwise
    target = seal.seal_path(path)
    before = target.read_text(encoding="utf-8") if target.is_file() else None
    after = seal.seal(plan)
    target.write_bytes(after.encode("utf-8"))
    if before == after:
        click.echo(f"{target.as_posix()} 没有变化：原文与封存的一致。")
    else:
        click.echo(f"已封存 {year} 年工作要点：{target.as_posix()}。请在提交说明中写明更正原文的依据，"
                   "审核人会在拉取请求中看到这个文件的改动。")


@main.command("schema")
@click.option("--out", "out_dir", default="schemas", show_default=True, type=click.Path(path_type=Path),
              help="输出目录")
@click.option("--check", "check_only", is_flag=True, help="只比较不写：有文件与数据模型不一致时列出它们，退出码为 1")
def schema_command(out_dir: Path, check_only: bool) -> None:
    """由数据模型生成各类数据文件的 JSON Schema，以及旁边 .vscode/ 中 VS Code 的设置（哪个 Schema 用于哪些文件）。"""
    if check_only:
        stale = schema.stale(out_dir)
        if stale:
            _fail("\n".join(f"{p.as_posix()}:1:1: {'与数据模型不一致' if p.exists() else '缺少这个文件'}："
                            f"请运行 python -m generator schema --out {out_dir.as_posix()} 重新生成，并提交改动。" for p in stale))
        click.echo(f"{out_dir.as_posix()}/ 中的 JSON Schema 和 VS Code 设置与数据模型一致。")
        return
    written = schema.write_all(out_dir)
    click.echo(f"已写出 {sum(p.parent == out_dir for p in written)} 个 JSON Schema 到 {out_dir.as_posix()}/，"
               f"VS Code 设置到 {(out_dir.parent / '.vscode').as_posix()}/。")


@main.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--samples", is_flag=True, help="另外写入每类一项示例条目（标有 sample: true，页面上显示“示例”）")
@click.option("--year", type=click.IntRange(2000, 2100), default=lambda: datetime.date.today().year,
              show_default="今年", help="第一份年度工作要点的年份")
def init_command(directory: Path, samples: bool, year: int) -> None:
    """在一个新的空文件夹中建立网站仓库：数据、手写页面、mkdocs.yml、Makefile、持续集成示例、编辑器设置和 JSON Schema。"""
    problem = starter.refusal(directory)
    if problem:
        _fail(problem)
    try:
        written = starter.write(directory, __version__, year, samples)
    except OSError as exc:  # a read-only disk, a full one, no permission: not a traceback
        code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
        place = Path(exc.filename).as_posix() if exc.filename else directory.as_posix()
        _fail(f"{place}：无法写入（{exc.strerror}，{code}）：请换一个有写入权限、磁盘有空间的位置，"
              f"删除写了一半的 {directory.as_posix()} 后重新运行 init。")
    shown = directory.as_posix()
    click.echo(f"已在 {shown}/ 建立网站（{len(written)} 个文件，生成器 {__version__}）。接下来：\n"
               f"1. 把 data/workplans/{year}.yml 换成正式文件的原文，运行 python -m generator seal {year} 封存；\n"
               "2. 在 data/units.yml 中写明本机关的单位和党支部，在 mkdocs.yml 中改网站名称和主办单位；\n"
               f"3. 在 {shown}/ 中运行 make site 构建网站，make check 检查数据（第一次运行会安装 dangjian-showcase=={__version__}）。")


@main.command()
@click.option("--addr", default="127.0.0.1:8001", show_default=True, help="监听地址 主机:端口；不是 127.0.0.1 时需要口令")
@click.option("--token", default=None, help="口令（监听其他地址时使用；不给则自动生成并显示）")
@click.option("--no-browser", is_flag=True, help="只启动服务器，不打开浏览器")
def edit(addr: str, token: str | None, no_browser: bool) -> None:
    """启动表单编辑器：在浏览器里新增、修改条目，保存时自动检查。"""
    from .edit import run

    host, _, port = addr.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        _fail(f"地址“{addr}”的格式不对：请写成 主机:端口，例如 127.0.0.1:8001。")
    try:
        run.serve(Path.cwd(), host.strip("[]"), int(port), token, browser=not no_browser)
    except OSError as exc:
        _fail(f"无法在 {addr} 启动编辑服务器（{exc.strerror or exc}）：这个端口可能已被占用，请换一个，例如 --addr 127.0.0.1:8002。")


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)


def _load(data_dir: Path):
    try:
        return pipeline.load(data_dir, Path.cwd())
    except DataErrors as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
