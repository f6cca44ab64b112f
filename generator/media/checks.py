"""Pictures under data/media/: typed by content, size-limited, re-encoded, published only if used.

A raster picture is decoded in full (which proves it is one) and refused when it is broken,
truncated, too big or not what its extension says; ``renditions`` then writes it in the sizes
pages use, upright and without metadata. An SVG is published only when it holds nothing but
drawing: no script, no event handler, no ``foreignObject`` and no reference outside itself.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

MAX_RASTER_BYTES = 20 * 1024 * 1024
MAX_SVG_BYTES = 512 * 1024
# A 50-megapixel phone photo (8160×6120) passes; a 7740×7740 PNG, or a decompression bomb, does
# not. The check decodes a picture whole, so this also bounds its memory (4 bytes a pixel at most).
MAX_PIXELS = 52_000_000
# Every picture one entry shows, together: two dozen 12-megapixel phone photos pass.
MAX_ENTRY_PIXELS = 400_000_000


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
# What a drawing's CSS needs (its style attributes and presentation attributes, which browsers
# read as CSS): colours, numbers, lengths, keywords and font names, in any script, and these
# functions, url() only to the file's own shapes (url(#id)). Nothing else, so no escape
# ("\75rl("), at-rule (@import), image-set(), src() or any function a browser adds later.
CSS_FUNCTIONS = frozenset({"url", "rgb", "rgba", "hsl", "hsla", "matrix", "translate", "scale", "rotate", "skewx", "skewy"})
_NOT_CSS = re.compile(r"[^\w\s#%.,:;()+\-'\"!/\u0080-\U0010ffff]")
_FUNCTION = re.compile(r"([A-Za-z_-][\w-]*)\s*\(")


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


@contextmanager
def strict_decoding() -> Iterator[None]:
    """Pillow as it decodes by default: a truncated file is an error. Another library in the
    process may have relaxed that for everyone (WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES
    when it is imported), and a picture must not pass the check because the PDFs are on."""
    from PIL import ImageFile

    relaxed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = relaxed


def raster_problem(path: Path, shown: str, expected: str) -> str | None:
    """Decode the whole picture: a broken, truncated, oversized or misnamed file is refused."""
    from PIL import Image

    try:
        with strict_decoding(), Image.open(path) as image:
            found = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                return (f"图片“{shown}”像素过多（{width}×{height}，约 {megapixels(width * height)} 百万像素）："
                        f"请缩小到 {MAX_PIXELS // 1_000_000} 百万像素以内，例如长边不超过 6000 像素。")
            if found != expected:
                name = FORMAT_NAMES.get(found or "", found or "未知")
                return (f"“{shown}”的扩展名是 {path.suffix}，内容却是 {name} 格式：请把文件另存为真正的 "
                        f"{FORMAT_NAMES[expected]}，或把扩展名改成与内容一致。")
            image.load()
    except Image.DecompressionBombError as bomb:
        # Pillow refuses it before we see its size; its message holds the count ("(520000000 pixels)").
        found = re.search(r"(\d+) pixels", str(bomb))
        count = f"（约 {megapixels(int(found.group(1)))} 百万像素）" if found else ""
        return f"图片“{shown}”像素过多{count}：请缩小到 {MAX_PIXELS // 1_000_000} 百万像素以内，例如长边不超过 6000 像素。"
    except Exception:  # noqa: BLE001 - Pillow raises many types for a broken file; all mean the same
        return f"“{shown}”不是完好的图片（无法解码，可能已损坏或只传了一部分）：请重新导出或重新拷贝这张图片。"
    return None


def pixels(path: Path) -> int:
    """How many pixels a raster picture has, read from its header; 0 for a drawing or a broken file."""
    if path.suffix.lower() not in RASTER_FORMATS:
        return 0
    from PIL import Image

    try:
        with Image.open(path) as image:
            return image.width * image.height
    except Exception:  # noqa: BLE001 - a broken file is refused by raster_problem
        return 0


def megapixels(count: int) -> str:
    """``59907600`` -> ``"59.9"``: how the messages say a count of pixels."""
    return f"{count / 1_000_000:.1f}".removesuffix(".0")


def svg_problem(data: bytes, shown: str) -> str | None:
    """Why an SVG cannot be published as it is: anything but drawing is refused."""
    head = f"SVG 图片“{shown}”"
    lowered = data.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        return f"{head}含有 DOCTYPE 或实体声明：请删除文件开头的 <!DOCTYPE …> 部分后再放入。"
    # A parser that reports processing instructions: ElementTree's own drops them silently, and
    # <?xml-stylesheet href="…"?> makes a browser load a style sheet. (The XML declaration
    # <?xml version…?> is not one: the parser reads it and reports nothing.)
    parser: Any = ET.XMLPullParser(events=("start", "pi"))
    try:
        parser.feed(data)
        parser.close()
    except ET.ParseError:
        return f"{head}不是完好的 SVG 文件（无法解析）：请用绘图软件重新导出。"
    root = True
    for event, node in parser.read_events():
        if event == "pi":
            return (f"{head}含有处理指令“<?{(node.text or '')[:40]}?>”：SVG 里只能有图形，这类指令（如 xml-stylesheet）"
                    "会让浏览器从别处加载样式。请删除这一行，或把图片另存为 PNG。")
        if root and node.tag != _SVG_NS + "svg":
            return f"{head}的最外层不是 <svg>：请用绘图软件重新导出为 SVG。"
        root = False
        problem = _element_problem(node, head)
        if problem:
            return problem
    return None


def _element_problem(element: ET.Element, head: str) -> str | None:
    """Why one element of an SVG is not plain drawing: its name, an event handler, a reference outside."""
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
        # Attributes of other namespaces are drawing programs' notes (inkscape:label); browsers
        # read only those without one as CSS.
        problem = None if attribute.startswith("{") else _css_problem(value)
        if problem:
            return (f"{head}的 <{name}> 的 {local} 属性{problem}：SVG 的样式只能写颜色、数字、字体名和 url(#…) 等绘图所需的写法，"
                    "请删除它，或把图片另存为 PNG。")
    return None


def _css_problem(value: str) -> str | None:
    """What in one attribute's value a drawing's CSS does not need (see ``CSS_FUNCTIONS``), or None."""
    bad = _NOT_CSS.search(value)
    if bad:
        return f"含有绘图用不到的“{bad.group(0)}”（在“{value[max(0, bad.start() - 10):bad.start() + 10]}”中，可能是转义或 @import）"
    for m in _FUNCTION.finditer(value):
        if m.group(1).lower() not in CSS_FUNCTIONS:
            return f"用了 {m.group(1)}(…)，它可能从别处加载内容"
    return None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"
