"""Pictures under data/media/: typed by content, size-limited, re-encoded, published only if used.

A raster picture is decoded in full (which proves it is one) and refused when it is broken,
truncated, too big or not what its extension says; ``renditions`` then writes it in the sizes
pages use, upright and without metadata. An SVG is published only when it holds nothing but
drawing: no script, no event handler, no ``foreignObject`` and no reference outside itself.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

MAX_RASTER_BYTES = 20 * 1024 * 1024
MAX_SVG_BYTES = 512 * 1024
MAX_PIXELS = 60_000_000   # a 50-megapixel phone photo passes; a decompression bomb does not

RASTER_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
FORMAT_NAMES = {"JPEG": "JPG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF", "BMP": "BMP", "TIFF": "TIFF"}

# SVG elements that only draw. Anything else (script, foreignObject, a, image, animate, set,
# style...) is refused: each can run script, load something from outside, or restyle the page.
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "title", "desc", "metadata", "symbol", "use", "path", "rect", "circle",
    "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient",
    "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "filter", "feGaussianBlur",
    "feOffset", "feBlend", "feColorMatrix", "feFlood", "feComposite", "feMerge", "feMergeNode",
    "feDropShadow",
})
_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.I)


def file_problem(path: Path, shown: str) -> str | None:
    """Why the file at ``path`` (named ``shown`` to the editor) cannot be published, or None."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError:
        return f"无法读取图片“{shown}”：请确认它是普通文件并且有读取权限。"
    if suffix == ".svg":
        if size > MAX_SVG_BYTES:
            return f"SVG 图片“{shown}”过大（{_mb(size)}，上限 {_mb(MAX_SVG_BYTES)}）：请简化图形，或另存为 JPG、PNG。"
        return svg_problem(path.read_bytes(), shown)
    if suffix not in RASTER_FORMATS:
        return (f"“{shown}”不是支持的图片格式：只支持 .jpg、.jpeg、.png、.webp 图片和不含脚本的 .svg 图片，"
                "请另存为 JPG 或 PNG，或从 data/media/ 中删除这个文件。")
    if size > MAX_RASTER_BYTES:
        return f"图片“{shown}”过大（{_mb(size)}，上限 {_mb(MAX_RASTER_BYTES)}）：请用看图软件缩小后再放入。"
    return raster_problem(path, shown, RASTER_FORMATS[suffix])


def raster_problem(path: Path, shown: str, expected: str) -> str | None:
    """Decode the whole picture: a broken, truncated, oversized or misnamed file is refused."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            found = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                return (f"图片“{shown}”像素过多（{width}×{height}）：请缩小到 {MAX_PIXELS // 1_000_000} 百万像素以内，"
                        "例如长边不超过 6000 像素。")
            if found != expected:
                name = FORMAT_NAMES.get(found or "", found or "未知")
                return (f"“{shown}”的扩展名是 {path.suffix}，内容却是 {name} 格式：请把文件另存为真正的 "
                        f"{FORMAT_NAMES[expected]}，或把扩展名改成与内容一致。")
            image.load()
    except Image.DecompressionBombError:
        return f"图片“{shown}”像素过多：请缩小到 {MAX_PIXELS // 1_000_000} 百万像素以内。"
    except Exception:  # noqa: BLE001 - Pillow raises many types for a broken file; all mean the same
        return f"“{shown}”不是完好的图片（无法解码，可能已损坏或只传了一部分）：请重新导出或重新拷贝这张图片。"
    return None


def svg_problem(data: bytes, shown: str) -> str | None:
    """Why an SVG cannot be published as it is: anything but drawing is refused."""
    head = f"SVG 图片“{shown}”"
    lowered = data.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        return f"{head}含有 DOCTYPE 或实体声明：请删除文件开头的 <!DOCTYPE …> 部分后再放入。"
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return f"{head}不是完好的 SVG 文件（无法解析）：请用绘图软件重新导出。"
    if root.tag != _SVG_NS + "svg":
        return f"{head}的最外层不是 <svg>：请用绘图软件重新导出为 SVG。"
    for element in root.iter():
        name = element.tag.removeprefix(_SVG_NS) if isinstance(element.tag, str) else "?"
        if name not in SVG_ELEMENTS:
            return (f"{head}含有 <{name.rsplit('}', 1)[-1]}> 元素：网站只接受纯图形的 SVG（不能有脚本、链接、嵌入的图片或网页内容），"
                    "请删除这个元素，或把图片另存为 PNG。")
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                return f"{head}的 <{name}> 带有事件属性“{local}”：这会在网页里运行脚本，请删除它或另存为 PNG。"
            if attribute in ("href", _XLINK_HREF) and not value.strip().startswith("#"):
                return f"{head}引用了外部资源“{value[:40]}”：SVG 只能引用文件内部的图形（# 开头），请删除这个引用或另存为 PNG。"
            for target in _URL.findall(value):
                if not target.startswith("#"):
                    return f"{head}引用了外部资源“{target[:40]}”：SVG 只能引用文件内部的图形（url(#…)），请删除这个引用或另存为 PNG。"
    return None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"
