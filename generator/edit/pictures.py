"""Pictures sent from the form: typed by content, checked by the media rules, given a safe name.

The editor never names a file: an upload becomes ``data/media/<kind>/<id>-<n>.<ext>`` (the
extension the content has, whatever the sent name said), is checked by ``media.checks`` exactly
as ``check`` checks a file someone copied there, and is kept only if it passes. The form then
shows the card thumbnail the site will show (``media.renditions``).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from ..media import checks, renditions
from ..model.fields import ID_PATTERN
from ..model.safety import media_path_problem
from .places import Refused, inside

# What the content of an upload starts with -> the extension it is stored under.
_SIGNATURES = ((b"\xff\xd8\xff", ".jpg"), (b"\x89PNG\r\n\x1a\n", ".png"))
MAX_BYTES = checks.MAX_RASTER_BYTES


def extension(head: bytes) -> str | None:
    """The extension the picture's content calls for (its first bytes), or None if it is none we publish."""
    for signature, ext in _SIGNATURES:
        if head.startswith(signature):
            return ext
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    text = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) and b"<svg" in head.lower():
        return ".svg"
    return None


def store(root: Path, folder: str, ident: str, data: bytes, sent_name: str) -> str:
    """Check ``data`` and keep it under data/media/<folder>/: returns its path as entries write it."""
    shown = _shown_name(sent_name)
    if len(data) > MAX_BYTES:
        raise Refused(f"图片“{shown}”过大（上限 {MAX_BYTES // (1024 * 1024)} MB）：请用看图软件缩小后再上传。", 413)
    ext = extension(data[:2048])
    if ext is None:
        raise Refused(f"“{shown}”不是网站能用的图片：只支持 JPG、PNG、WebP 图片和不含脚本的 SVG 图片，请另存为 JPG 或 PNG 后再上传。", 415)
    if ext == ".svg" and len(data) > checks.MAX_SVG_BYTES:
        raise Refused(f"SVG 图片“{shown}”过大（上限 {checks.MAX_SVG_BYTES // 1024} KB）：请简化图形，或另存为 JPG、PNG。", 413)
    if not re.fullmatch(r"[a-z]+", folder):
        raise Refused("上传的位置不对：请从表单里的“上传图片”按钮上传。", 400)
    target_dir = inside(root, root / "data" / "media" / folder)
    target_dir.mkdir(parents=True, exist_ok=True)
    trial = target_dir / f".upload-{secrets.token_hex(6)}{ext}"
    trial.write_bytes(data)
    try:
        problem = checks.file_problem(trial, shown)
        if problem:
            raise Refused(problem, 422)
        return _keep(trial, target_dir, folder, ident if re.fullmatch(ID_PATTERN, ident or "") else "tupian", ext)
    finally:
        trial.unlink(missing_ok=True)


def _keep(trial: Path, target_dir: Path, folder: str, stem: str, ext: str) -> str:
    """Give the checked file the first free name ``<stem>-<n><ext>``: never over another file."""
    for number in range(1, 10_000):
        name = f"{stem[:80]}-{number}{ext}"
        try:
            os.link(trial, target_dir / name)  # fails if the name is taken, even by a racing upload
        except FileExistsError:
            continue
        uri = f"media/{folder}/{name}"
        if media_path_problem(uri):  # cannot happen with these names; never store what check refuses
            (target_dir / name).unlink()
            raise Refused(media_path_problem(uri) or "", 422)
        return uri
    raise Refused("这个文件夹里的图片太多了：请联系管理员整理 data/media/。", 507)


def _shown_name(name: str) -> str:
    """The sent file name as a message quotes it: its last part, short, without control characters."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(c for c in name if c.isprintable())[:60]
    return name or "上传的文件"


def thumbnail(root: Path, uri: str, cache: Path) -> Path:
    """The card-size file of the picture at ``uri`` (a path under data/, as entries write it)."""
    problem = media_path_problem(uri)
    if problem:
        raise Refused(problem, 400)
    source = inside(root, root / "data" / uri)
    if not source.is_file():
        raise Refused(f"找不到图片“{uri}”：请重新上传。", 404)
    problem = checks.file_problem(source, f"data/{uri}")
    if problem:
        raise Refused(problem, 422)
    library = renditions.Library(root / "data", cache)
    return library.get(uri).sizes["card"].file
