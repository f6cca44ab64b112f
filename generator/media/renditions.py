"""Pictures in the sizes pages use: card thumbnails, a page image and a gallery's larger view.

Every raster picture an entry shows is decoded once, turned upright by its EXIF orientation,
converted to sRGB, stripped of all metadata (a new image holds only the pixels: no GPS, no
camera, no comments, no colour profile) and written in each size, never larger than the
source. Photos become JPEG; a picture with transparent parts stays PNG. A JPEG is written at
the best quality that fits its size's byte budget, so a 10 MB phone photo never makes a slow
page. The results and a small manifest of their pixel sizes are cached under the source's
content hash, outside ``site/``: a rebuild reads the manifest and encodes nothing.

A rendition is published as ``media/<folder>/<name>.<source ext>~<size>.<ext>``: the whole
source path, so ``a.jpg`` and ``a.png`` never share a rendition, and editors' paths cannot hold
``~``, so no rendition can take the name of a file in ``data/media/``. The source itself
is published (upright and stripped too) only when ``originals`` is on. SVG drawings are
published as they are, under their own path, in every size.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from . import checks


@dataclass(frozen=True)
class Size:
    """One size pages use: the longest side in pixels and the most bytes a JPEG of it may take."""

    edge: int
    budget: int


SIZES = {
    "thumb": Size(480, 30 * 1024),     # a card on an ordinary office screen (the browser picks it)
    "card": Size(720, 60 * 1024),      # cards and gallery thumbnails: a 20rem card on a 2x screen
    "page": Size(1280, 250 * 1024),    # pictures in a page's text column, covers
    "full": Size(2048, 900 * 1024),    # the gallery's larger view
}
QUALITIES = (84, 78, 72, 66, 60, 54, 48, 42)   # tried in turn until a JPEG fits its budget
ORIGINAL_QUALITY = 92
CACHE_VERSION = "6"  # bump when the encoding changes, so old cached files are not reused
_SVG_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")


@dataclass(frozen=True)
class Rendition:
    """One published file of a picture."""

    uri: str      # under the site root: "media/brands/a.jpg~card.jpg"
    width: int
    height: int
    file: Path    # the bytes to copy: the cached rendition, or the SVG itself


@dataclass(frozen=True)
class Picture:
    """A picture as the site publishes it: its renditions by size name, and the original if published."""

    uri: str                              # as written in data: "media/brands/a.jpg"
    sizes: dict[str, Rendition]
    original: Rendition | None = None

    @property
    def vector(self) -> bool:
        return self.uri.lower().endswith(".svg")

    def files(self) -> dict[str, Path]:
        """Published path -> file, each once."""
        found = {r.uri: r.file for r in self.sizes.values()}
        if self.original:
            found[self.original.uri] = self.original.file
        return found


def rendition_uri(uri: str, size: str, ext: str) -> str:
    """Where the ``size`` rendition of the picture written as ``uri`` is published: after the
    whole path, extension included, so that two sources never share a name."""
    return f"{uri}~{size}{ext}"


@dataclass
class Library:
    """The pictures of one build, each worked out once when a page first asks for it."""

    data_dir: Path
    cache: Path
    originals: bool = False
    pictures: dict[str, Picture] = field(default_factory=dict)

    def add_drawing(self, uri: str, source: Path) -> Picture:
        """An SVG of the site's own (a placeholder) published at ``uri``, sized like the rest."""
        self.pictures[uri] = _vector(uri, source)
        return self.pictures[uri]

    def get(self, uri: str) -> Picture:
        """The published picture for the path written in data (``media/...``)."""
        if uri not in self.pictures:
            source = self.data_dir / uri
            self.pictures[uri] = _vector(uri, source) if uri.lower().endswith(".svg") else \
                _raster(uri, source, self.cache, self.originals)
        return self.pictures[uri]

    def uri(self, uri: str, size: str) -> str:
        """The published path of one size of a picture (its own path for an SVG); ``original``:
        the source when originals are published, else the largest size."""
        picture = self.get(uri)
        if size == "original":
            return picture.original.uri if picture.original else picture.sizes["full"].uri
        return picture.sizes[size].uri

    def files(self) -> dict[str, Path]:
        """Every file to publish for the pictures asked for so far."""
        out: dict[str, Path] = {}
        for picture in self.pictures.values():
            out.update(picture.files())
        return dict(sorted(out.items()))

    def by_published(self) -> dict[str, tuple[Picture, str]]:
        """Published path -> (picture, size name): how a page's HTML finds the picture an <img> shows."""
        out: dict[str, tuple[Picture, str]] = {}
        for picture in self.pictures.values():
            for name, rendition in picture.sizes.items():
                out.setdefault(rendition.uri, (picture, name))
        return out


def _vector(uri: str, source: Path) -> Picture:
    width, height = svg_size(source.read_bytes())
    same = Rendition(uri, width, height, source)
    return Picture(uri, {name: same for name in SIZES})


def svg_size(data: bytes) -> tuple[int, int]:
    """The drawing's size in CSS pixels from width/height or the viewBox (300×150 as browsers assume)."""
    root = ET.fromstring(data)
    box = (root.get("viewBox") or "").replace(",", " ").split()
    width, height = (_SVG_LENGTH.match(root.get(a) or "") for a in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    if len(box) == 4:
        w, h = float(box[2]), float(box[3])
        if width:
            return round(float(width.group(1))), round(float(width.group(1)) * h / w)
        return round(w), round(h)
    return 300, 150


def _raster(uri: str, source: Path, cache: Path, originals: bool) -> Picture:
    data = source.read_bytes()
    digest = hashlib.sha256(data + f"{CACHE_VERSION}{originals}{sorted(SIZES.items())}".encode()).hexdigest()[:32]
    manifest = cache / f"{digest}.json"
    found = _read_manifest(manifest, cache)
    if found is None:
        cache.mkdir(parents=True, exist_ok=True)
        found = _encode(io.BytesIO(data), cache / digest, originals)
        _write_atomically(manifest, json.dumps(found, sort_keys=True).encode())
    ext, same = found["ext"], found.get("same", {})
    sizes = {name: Rendition(rendition_uri(uri, same.get(name, name), ext), w, h,
                             cache / f"{digest}~{same.get(name, name)}{ext}")
             for name, (w, h) in found["sizes"].items()}
    original = None
    if originals:
        w, h = found["original"]
        original = Rendition(uri, w, h, cache / f"{digest}~original{found['original_ext']}")
    return Picture(uri, sizes, original)


def _read_manifest(manifest: Path, cache: Path) -> dict | None:
    """A finished earlier run's manifest, if every file it names is still there."""
    try:
        found = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    stem = manifest.stem
    same = found.get("same", {})
    names = [f"{stem}~{same.get(n, n)}{found['ext']}" for n in found.get("sizes", {})]
    if "original" in found:
        names.append(f"{stem}~original{found['original_ext']}")
    return found if set(found.get("sizes", {})) == set(SIZES) and all((cache / n).is_file() for n in names) else None


def _encode(stream: io.BytesIO, stem: Path, originals: bool) -> dict:
    """Write every size of the picture in ``stream`` beside ``stem``; return the manifest."""
    from PIL import Image

    with checks.strict_decoding(), Image.open(stream) as opened:
        if not originals:
            # A JPEG decoded straight at 1/2, 1/4 or 1/8 of its size where the largest size
            # still fits (its decoder's own scaling): a 50-megapixel photo takes a quarter of
            # the memory and time. Other formats are decoded whole.
            edge = max(size.edge for size in SIZES.values())
            opened.draft(opened.mode, (edge, edge))
        opened.load()
        image = clean_pixels(opened)
        opened.close()  # its pixels, now copied: leaving ``with`` would keep them until we return
    alpha = image.mode in ("RGBA", "LA") and image.getchannel("A").getextrema()[0] < 255
    mode = "RGBA" if alpha else "RGB"
    image = image if image.mode == mode else image.convert(mode)  # no copy of a picture already so
    fmt, ext = ("PNG", ".png") if alpha else ("JPEG", ".jpg")
    manifest: dict = {"ext": ext, "sizes": {}}
    if originals:
        _save(image, Path(f"{stem}~original{ext}"), fmt, None, ORIGINAL_QUALITY)
        manifest.update(original=list(image.size), original_ext=ext)
    # Largest first, each from the one before: quicker than scaling the source every time.
    order = sorted(SIZES.items(), key=lambda item: -item[1].edge)
    for name, size in order:
        image = _fit(image, size.edge)
        _save(image, Path(f"{stem}~{name}{ext}"), fmt, size.budget)
        manifest["sizes"][name] = list(image.size)
    # A small source comes out the same size more than once: one file, the smaller size's
    # (it met the tighter byte budget), serves each of them.
    manifest["same"] = {}
    for (larger, _), (smaller, _) in reversed(list(zip(order, order[1:], strict=False))):
        if manifest["sizes"][larger] == manifest["sizes"][smaller]:
            manifest["same"][larger] = manifest["same"].get(smaller, smaller)
            Path(f"{stem}~{larger}{ext}").unlink()
    return manifest


def clean_pixels(image):
    """The picture upright, in sRGB, as a new image that carries none of the old one's metadata."""
    from PIL import Image, ImageOps

    # Turned only when its EXIF says so: a picture already upright is not copied for nothing.
    upright = ImageOps.exif_transpose(image) if image.getexif().get(0x0112, 1) != 1 else image
    upright = _to_srgb(upright)
    if upright.mode not in ("RGB", "RGBA", "L", "LA"):
        upright = upright.convert("RGBA" if "A" in upright.getbands() or "transparency" in upright.info else "RGB")
    clean = Image.new(upright.mode, upright.size)
    clean.paste(upright)
    return clean


def _to_srgb(image):
    """Colours as a screen without colour management shows them: a phone's wide-gamut profile applied."""
    profile = image.info.get("icc_profile")
    if not profile:
        return image
    from PIL import ImageCms

    try:
        mode = "RGBA" if "A" in image.getbands() else "RGB"
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: the pixels as they are, the profile dropped below


def _fit(image, edge: int):
    from PIL import Image

    if max(image.size) <= edge:
        return image
    scale = edge / max(image.size)
    target = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _save(image, target: Path, fmt: str, budget: int | None, quality: int | None = None) -> None:
    """Encode ``image``: a JPEG at the best quality within ``budget`` bytes (or at ``quality``)."""
    for q in ([quality] if quality else QUALITIES):
        out = io.BytesIO()
        if fmt == "JPEG":
            image.save(out, "JPEG", quality=q, optimize=True, progressive=True)
        else:
            image.save(out, fmt, optimize=True)
        if fmt != "JPEG" or budget is None or out.tell() <= budget:
            break
    _write_atomically(target, out.getvalue())


def _write_atomically(target: Path, data: bytes) -> None:
    # Written beside and renamed: two builds at once never see half a file.
    partial = target.with_name(f"{target.name}.{id(data)}.part")
    partial.write_bytes(data)
    partial.replace(target)


def srcset(picture: Picture, relative_to: str, names=("card", "page")) -> str:
    """``a.jpg~card.jpg 720w, a.jpg~page.jpg 1280w``: the sizes (``names``) a browser may choose between
    for one <img>.

    ``relative_to`` is the folder part of the <img>'s own src, so the set resolves as it does.
    """
    seen: dict[int, str] = {}
    for name in names:
        rendition = picture.sizes[name]
        seen.setdefault(rendition.width, rendition.uri.rsplit("/", 1)[-1])
    return ", ".join(f"{relative_to}{name} {width}w" for width, name in sorted(seen.items()))
