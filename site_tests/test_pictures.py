"""Pictures: a phone photo in the sizes pages use, without its metadata; pictures in text and
galleries as the built pages show them; the cache; the settings that publish originals."""

from __future__ import annotations

import io
import json
import random
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import MINI, MINI_BRAND, ROOT, build_project

from generator import pipeline
from generator.errors import DataErrors
from generator.media import figures, renditions

GPS_LATITUDE = (39.0, 54.0, 26.0)


def phone_photo(width=4000, height=3000, target_mb=10.0) -> bytes:
    """A JPEG as a phone writes it: about ``target_mb`` MB of detail, stored sideways with an EXIF
    rotation tag, the camera's name, GPS coordinates and an XMP packet."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(7)
    image = Image.new("RGB", (width, height), (120, 150, 170))
    draw = ImageDraw.Draw(image)
    for _ in range(400):  # shapes of every size, like a scene
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(20, 600)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    image = image.filter(ImageFilter.GaussianBlur(2))
    noise = Image.frombytes("RGB", image.size, rng.randbytes(width * height * 3))  # sensor grain
    image = Image.blend(image, noise, 0.22)
    exif = Image.Exif()
    exif[0x0112] = 6                       # stored sideways: turn 90° clockwise to view
    exif[0x010F] = "示例手机厂"
    exif[0x8825] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (116.0, 23.0, 29.0)}
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="39,54.26N"/></rdf:RDF></x:xmpmeta>'
    for quality in (97, 95, 92, 90, 88, 85):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality, subsampling=0, exif=exif.tobytes(), xmp=xmp)
        if out.tell() <= target_mb * 1024 * 1024 * 1.1:
            break
    return out.getvalue()


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    """The phone photo in data/media, with a brand showing it, and what the pipeline made of it."""
    tmp = tmp_path_factory.mktemp("photo")
    data = tmp / "data"
    shutil.copytree(MINI, data)
    raw = phone_photo()
    (data / "media" / "brands" / "phone.jpg").write_bytes(raw)
    (data / "brands" / "new.yml").write_text(MINI_BRAND + "cover: media/brands/phone.jpg\n", encoding="utf-8")
    catalog = pipeline.load(data, tmp)
    library = pipeline.pictures(catalog, tmp / "cache")
    files = pipeline.assets(catalog, library)
    return {"raw": raw, "files": files, "catalog": catalog, "library": library, "data": data, "cache": tmp / "cache"}


def test_the_test_photo_is_a_real_phone_sized_jpeg(photo):
    from PIL import Image

    raw = photo["raw"]
    assert 8 * 1024 * 1024 <= len(raw) <= 12 * 1024 * 1024, len(raw)
    with Image.open(io.BytesIO(raw)) as image:
        assert image.size == (4000, 3000)
        exif = image.getexif()
        assert exif[0x0112] == 6 and exif.get_ifd(0x8825)[2] == GPS_LATITUDE


def test_a_phone_photo_becomes_small_upright_sizes(photo):
    from PIL import Image

    files = photo["files"]
    sizes = {name: files[f"media/brands/phone.jpg~{name}.jpg"] for name in renditions.SIZES}
    assert sizes["thumb"].stat().st_size <= 30 * 1024
    assert sizes["card"].stat().st_size <= 60 * 1024
    assert sizes["page"].stat().st_size <= 250 * 1024
    for name, path in sizes.items():
        with Image.open(path) as image:
            edge = renditions.SIZES[name].edge
            assert image.format == "JPEG"
            assert image.size == (edge * 3 // 4, edge), name  # turned upright: portrait
    print({name: f"{path.stat().st_size / 1024:.0f} KB" for name, path in sizes.items()})


def test_no_published_size_keeps_exif_gps_or_xmp(photo):
    from PIL import Image

    assert "media/brands/phone.jpg" not in photo["files"], "the original is not published by default"
    for uri, path in photo["files"].items():
        raw = path.read_bytes()
        for marker in (b"Exif\x00\x00", b"GPS", b"xmpmeta", "示例手机厂".encode()):
            assert marker not in raw, (uri, marker)
        if uri.endswith(".jpg"):
            with Image.open(path) as image:
                assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
                assert "icc_profile" not in image.info


def test_a_rebuild_reads_the_cache_and_encodes_nothing(photo, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("encoded again although the cache holds this picture")

    monkeypatch.setattr(renditions, "_encode", refuse)
    again = pipeline.assets(photo["catalog"], pipeline.pictures(photo["catalog"], photo["cache"]))
    assert again == photo["files"]
    manifest = json.loads(next(photo["cache"].glob("*.json")).read_text(encoding="utf-8"))
    assert manifest["sizes"]["page"] == [960, 1280]


def test_originals_are_published_only_when_asked_and_are_stripped_too(photo, tmp_path):
    from PIL import Image

    catalog = pipeline.load(photo["data"], photo["data"].parent)
    library = pipeline.pictures(catalog, tmp_path / "cache", originals=True)
    files = pipeline.assets(catalog, library)
    original = files["media/brands/phone.jpg"]
    with Image.open(original) as image:
        assert image.size == (3000, 4000) and not image.getexif()
    assert b"GPS" not in original.read_bytes()
    assert library.uri("media/brands/phone.jpg", "original") == "media/brands/phone.jpg"
    assert photo["library"].uri("media/brands/phone.jpg", "original") == "media/brands/phone.jpg~full.jpg"


def test_a_transparent_png_stays_png_and_an_opaque_one_becomes_jpeg(tmp_path):
    from PIL import Image, ImageCms

    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    clear = Image.new("RGBA", (1600, 900), (200, 30, 30, 255))
    clear.paste((0, 0, 0, 0), (0, 0, 400, 300))
    clear.save(data / "media" / "brands" / "logo.png")
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (1600, 900), (20, 90, 160)).save(data / "media" / "brands" / "shot.png", icc_profile=srgb)
    text = "![透明标志](media/brands/logo.png)\n\n![截图](media/brands/shot.png)"
    (data / "brands" / "new.yml").write_text(MINI_BRAND.replace("做法。", json.dumps(text, ensure_ascii=False)), encoding="utf-8")
    catalog = pipeline.load(data, tmp_path)
    files = pipeline.assets(catalog, pipeline.pictures(catalog, tmp_path / "cache"))
    with Image.open(files["media/brands/logo.png~card.png"]) as image:
        assert image.mode == "RGBA" and image.size == (720, 405)
    with Image.open(files["media/brands/shot.png~page.jpg"]) as image:
        assert image.format == "JPEG" and "icc_profile" not in image.info


def test_a_small_picture_is_never_enlarged_and_one_file_serves_equal_sizes(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    from PIL import Image

    Image.new("RGB", (600, 400), (90, 90, 90)).save(data / "media" / "brands" / "small.jpg")
    (data / "brands" / "new.yml").write_text(MINI_BRAND + "cover: media/brands/small.jpg\n", encoding="utf-8")
    catalog = pipeline.load(data, tmp_path)
    library = pipeline.pictures(catalog, tmp_path / "cache")
    pipeline.assets(catalog, library)
    picture = library.get("media/brands/small.jpg")
    assert {name: (r.uri, r.width, r.height) for name, r in picture.sizes.items()} == {
        "thumb": ("media/brands/small.jpg~thumb.jpg", 480, 320), "card": ("media/brands/small.jpg~card.jpg", 600, 400),
        "page": ("media/brands/small.jpg~card.jpg", 600, 400), "full": ("media/brands/small.jpg~card.jpg", 600, 400)}


def test_a_picture_with_too_many_pixels_is_a_located_error(tmp_path):
    from PIL import Image

    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    Image.new("L", (7740, 7740)).save(data / "media" / "brands" / "huge.png")
    (data / "brands" / "new.yml").write_text(MINI_BRAND + "cover: media/brands/huge.png\n", encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        pipeline.load(data, tmp_path)
    assert [str(p) for p in exc.value.problems] == [
        "data/brands/new.yml:8:8: cover: 图片“data/media/brands/huge.png”像素过多（7740×7740，约 59.9 百万像素）："
        "请缩小到 52 百万像素以内，例如长边不超过 6000 像素。"]


@pytest.mark.parametrize("photos, expected", [
    ("  - file: media/brands/qingfeng.svg\n",
     "data/brands/new.yml:9:5: photos[0].caption: 缺少必填字段“caption”（说明）：请补上。"),
    ("  - file: media/brands/qingfeng.svg\n    caption: 标志\n  - file: media/brands/none.jpg\n    caption: 现场\n",
     "data/brands/new.yml:11:11: photos[1].file: 找不到图片“media/brands/none.jpg”：请把图片放到 data/media/brands/none.jpg，或删去这一项。"),
])
def test_a_gallery_photo_needs_a_caption_and_an_existing_file(tmp_path, photos, expected):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "brands" / "new.yml").write_text(MINI_BRAND + "photos:\n" + photos, encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        pipeline.load(data, tmp_path)
    assert [str(p) for p in exc.value.problems] == [expected]


# --- the HTML step: sizes, srcset, lazy loading, captions -----------------------------------

def picture(uri="media/a.jpg", vector=False) -> renditions.Picture:
    if vector:
        same = renditions.Rendition(uri, 640, 360, None)
        return renditions.Picture(uri, {n: same for n in renditions.SIZES})
    stem = uri.rsplit(".", 1)[0]
    sizes = {"thumb": (480, 320), "card": (720, 480), "page": (1280, 853), "full": (2048, 1365)}
    return renditions.Picture(uri, {n: renditions.Rendition(f"{stem}~{n}.jpg", w, h, None) for n, (w, h) in sizes.items()})


def published(*pictures) -> dict:
    lib = renditions.Library(None, None)
    for p in pictures:
        lib.pictures[p.uri] = p
    return lib.by_published()


def test_pictures_get_their_size_srcset_and_lazy_loading_after_the_first():
    index = published(picture(), picture("media/b.svg", vector=True))
    html = ('<p><img alt="封面" class="entry-cover" src="../../media/a~page.jpg" /></p>'
            '<p><img alt="图" class="card-picture" src="../../media/a~card.jpg"></p>'
            '<p><img alt="矢量" class="card-picture" src="../../media/b.svg"></p>'
            '<p><img alt="别处" src="../../assets/x.png"></p>')
    out = BeautifulSoup(figures.dress(html, "brands/x/", index), "html.parser").select("img")
    assert out[0]["loading"] == "eager" and [i.get("loading") for i in out[1:]] == ["lazy", "lazy", None]
    assert out[0]["fetchpriority"] == "high" and not out[1].has_attr("fetchpriority")
    assert (out[0]["width"], out[0]["height"]) == ("1280", "853")
    assert out[0]["srcset"] == "../../media/a~card.jpg 720w, ../../media/a~page.jpg 1280w, ../../media/a~full.jpg 2048w", \
        "a cover at 1920 px on a 2x screen is about 1,500 px wide"
    assert out[0]["sizes"] == figures.PAGE_SIZES and out[1]["sizes"] == figures.SIZES_BY_CLASS["card-picture"]
    assert out[1]["srcset"] == "../../media/a~thumb.jpg 480w, ../../media/a~card.jpg 720w, ../../media/a~page.jpg 1280w", \
        "a card offers up to the page's file (about 750 px at 1920 px on a 2x screen), never the largest"
    # In `sizes` a rem is 16 px whatever the page's root font (Material's is 20 px or more).
    assert "rem" not in out[0]["sizes"] + out[1]["sizes"]
    assert (out[2]["width"], out[2]["height"]) == ("640", "360") and not out[2].has_attr("srcset")
    assert not out[3].has_attr("width"), "a file that is not a published picture is left alone"


def test_a_lone_picture_in_text_becomes_a_figure_with_its_caption_as_text():
    index = published(picture())
    hostile = '&lt;script&gt;alert(1)&lt;/script&gt; 现场'
    html = f'<p>文字</p>\n<p><img alt="{hostile}" src="../../media/a~page.jpg" /></p>\n<p>行内 <img alt="小图" src="../../media/a~page.jpg"> 图片</p>'
    out = figures.dress(html, "brands/x/", index)
    soup = BeautifulSoup(out, "html.parser")
    figure = soup.select_one("figure.text-figure")
    assert figure.img["alt"] == "<script>alert(1)</script> 现场"
    assert figure.figcaption.get_text() == "<script>alert(1)</script> 现场"
    assert "<script>" not in out
    assert soup.select("p img"), "a picture inside a sentence stays in its sentence"


def test_a_gallery_photo_links_its_largest_size_under_its_caption():
    index = published(picture())
    html = '<p><a href="../../media/a~full.jpg"><img alt="说明" class="gallery-thumb" src="../../media/a~card.jpg" /></a></p>'
    soup = BeautifulSoup(figures.dress(html, "brands/x/", index), "html.parser")
    item = soup.select_one("figure.gallery-item")
    assert item.a["href"] == "../../media/a~full.jpg" and item.figcaption.get_text() == "说明"


def test_cover_and_card_pictures_get_no_caption():
    index = published(picture())
    html = '<p><img alt="封面" class="entry-cover" src="media/a~page.jpg"></p>'
    assert "<figure" not in figures.dress(html, "", index)


# --- through the whole build -----------------------------------------------------------------

@pytest.fixture(scope="module")
def pictured_site(tmp_path_factory):
    from PIL import Image

    tmp = tmp_path_factory.mktemp("pictured")
    data = tmp / "data"
    shutil.copytree(MINI, data)
    Image.new("RGB", (2400, 1600), (150, 40, 40)).save(data / "media" / "brands" / "scene.jpg")
    text = "第一段。\n\n![窗口党员为群众办事](media/brands/scene.jpg)\n\n[看大图](media/brands/scene.jpg)"
    brand = MINI_BRAND.replace("做法。", json.dumps(text, ensure_ascii=False))
    brand += "photos:\n  - file: media/brands/scene.jpg\n    caption: 活动现场\n  - file: media/brands/qingfeng.svg\n    caption: 标志\n"
    (data / "brands" / "new.yml").write_text(brand, encoding="utf-8")
    result, site = build_project(tmp, data)
    assert result.returncode == 0, result.stderr
    return site


def test_a_picture_in_text_is_sized_and_captioned_on_the_built_page(pictured_site):
    page = BeautifulSoup((pictured_site / "brands" / "new" / "index.html").read_text(encoding="utf-8"), "html.parser")
    figure = page.select_one("article figure.text-figure")
    img = figure.img
    assert img["src"] == "../../media/brands/scene.jpg~page.jpg"
    assert (img["width"], img["height"]) == ("1280", "853")
    assert img["srcset"] == ("../../media/brands/scene.jpg~card.jpg 720w, ../../media/brands/scene.jpg~page.jpg 1280w, "
                             "../../media/brands/scene.jpg~full.jpg 2048w")
    assert figure.figcaption.get_text() == "窗口党员为群众办事"
    assert page.find("a", string="看大图")["href"] == "../../media/brands/scene.jpg~full.jpg"
    for uri in ("scene.jpg~thumb.jpg", "scene.jpg~card.jpg", "scene.jpg~page.jpg", "scene.jpg~full.jpg"):
        assert (pictured_site / "media" / "brands" / uri).is_file()
    assert not (pictured_site / "media" / "brands" / "scene.jpg").exists()


def test_a_gallery_is_built_with_captions_and_the_script_that_opens_it(pictured_site):
    page = BeautifulSoup((pictured_site / "brands" / "new" / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = page.select("article .gallery figure.gallery-item")
    assert [i.figcaption.get_text() for i in items] == ["活动现场", "标志"]
    assert items[0].a["href"] == "../../media/brands/scene.jpg~full.jpg"
    assert items[1].a["href"] == "../../media/brands/qingfeng.svg"
    assert page.select_one('script[src$="assets/javascripts/gallery.js"]') is not None
    other = BeautifulSoup((pictured_site / "brands" / "qingfeng" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert other.select_one('script[src$="gallery.js"]') is None, "pages without a gallery do not load its script"


# --- the shipped site ------------------------------------------------------------------------

def test_no_published_file_of_the_site_carries_exif_or_gps(built_site):
    """The sample data holds a photo stored sideways with a rotation tag and GPS coordinates."""
    from PIL import Image

    with Image.open(ROOT / "data" / "media" / "brands" / "hongse-yizhan-1.jpg") as source:
        assert source.getexif().get_ifd(0x8825), "the sample photo carries GPS in data/"
    published = [p for p in (built_site / "media").rglob("*") if p.is_file()]
    assert len(published) > 20
    for path in published:
        raw = path.read_bytes()
        assert b"Exif\x00\x00" not in raw and b"GPS" not in raw, path
    assert not (built_site / "media" / "brands" / "hongse-yizhan-1.jpg").exists()


def test_every_picture_of_every_page_is_sized_and_raster_ones_offer_a_srcset(built_site):
    checked = 0
    for page in built_site.rglob("*.html"):
        for img in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("img"):
            where = f"{page.relative_to(built_site)}: {img.get('src')}"
            assert img.get("width") and img.get("height"), where
            assert img.get("alt") is not None, where
            if img["src"].endswith((".jpg", ".png", ".webp")):
                assert img.get("srcset") and img.get("sizes"), where
            checked += 1
    assert checked > 100
