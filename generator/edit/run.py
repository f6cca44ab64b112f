"""Starting the editing server from the command line: the address to open, then serve until Ctrl+C."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

import click

from .server import make_server


def serve(root: Path, host: str, port: int, token: str | None, *, browser: bool) -> None:
    """Serve the project at ``root`` on ``host:port`` until interrupted."""
    if not (root / "data").is_dir():
        raise click.ClickException("当前文件夹里没有 data/：请在网站项目的文件夹里运行 make edit。")
    server = make_server(root, host, port, token)
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{server.server_address[1]}/"
    click.echo("正在读取并检查全部数据……")
    server.app.start()
    if server.guard.token:
        address += f"?token={server.guard.token}"
        click.echo("编辑服务器监听的不是本机地址：打开时需要口令，下面的地址里已经带上。只把它告诉需要编辑的同事。")
    click.echo(f"表单编辑器已启动：{address}\n按 Ctrl+C 停止。")
    if browser:
        threading.Timer(0.5, webbrowser.open, [address]).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("\n编辑服务器已停止。")
    finally:
        server.server_close()
        server.app.preview.stop()
