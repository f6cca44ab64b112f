"""Draws the sample photos under data/media/: fictional scenes made of shapes, nothing real.

The sample entries need pictures that behave like phone photos (JPEG, a few hundred
kilobytes, grain the encoder has to work at) without showing any real person or place.
Each scene is drawn from rectangles, ellipses and gradients with a fixed random seed, so the
same command always writes the same files:

    .venv/bin/python tools/draw_samples.py

One of them (the first gallery photo of 红色服务驿站) is stored sideways with an EXIF rotation
tag and made-up GPS coordinates (0°, 0°), as a phone would write it: the build turns it upright
and publishes none of that metadata.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

MEDIA = Path(__file__).resolve().parent.parent / "data" / "media"
W, H = 1200, 800
SKIN = [(238, 200, 170), (224, 180, 148), (210, 165, 130)]
HAIR = [(30, 26, 24), (52, 40, 34), (70, 60, 55)]
CLOTHES = [(40, 60, 110), (60, 60, 66), (230, 230, 236), (120, 30, 36), (34, 90, 70), (150, 120, 90)]
RED = (186, 28, 32)


def vertical(draw: ImageDraw.ImageDraw, box, top, bottom) -> None:
    x0, y0, x1, y1 = box
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0 - 1)
        draw.line([(x0, y), (x1, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))


def person(draw, rng, x, y, scale, back=False, vest=None) -> None:
    """A figure from the chest up at (x, y) (the bottom centre), facing us or turned away."""
    r = 34 * scale
    body = vest or rng.choice(CLOTHES)
    draw.rounded_rectangle([x - 2.2 * r, y - 2.6 * r, x + 2.2 * r, y + 2 * r], radius=1.4 * r, fill=body)
    draw.ellipse([x - r, y - 4.6 * r, x + r, y - 2.3 * r], fill=rng.choice(SKIN))
    hair = rng.choice(HAIR)
    if back:
        draw.ellipse([x - 1.05 * r, y - 4.75 * r, x + 1.05 * r, y - 2.5 * r], fill=hair)
    else:
        draw.chord([x - 1.05 * r, y - 4.75 * r, x + 1.05 * r, y - 3.2 * r], 180, 360, fill=hair)


def lamps(draw, y, n=5) -> None:
    for i in range(n):
        x = (i + 0.5) * W / n
        draw.ellipse([x - 70, y - 10, x + 70, y + 10], fill=(255, 250, 230))


def window_service(rng, image) -> None:
    d = ImageDraw.Draw(image)
    vertical(d, (0, 0, W, 470), (236, 232, 222), (214, 208, 196))
    vertical(d, (0, 470, W, H), (190, 178, 160), (150, 138, 122))
    lamps(d, 40)
    d.rectangle([120, 110, 1080, 170], fill=RED)                       # a plain red banner
    for i in range(4):
        d.rectangle([140 + i * 240, 200, 320 + i * 240, 300], fill=(70, 110, 150))  # screens
    for i in range(3):
        person(d, rng, 260 + i * 340, 470, 1.0, vest=RED)
    d.rectangle([60, 440, 1140, 560], fill=(120, 80, 56))              # the counter
    d.rectangle([60, 430, 1140, 450], fill=(160, 116, 84))
    for i in range(4):
        person(d, rng, 190 + i * 280 + rng.randrange(-30, 30), 860, 1.6, back=True)


def meeting(rng, image) -> None:
    d = ImageDraw.Draw(image)
    vertical(d, (0, 0, W, 420), (222, 226, 232), (200, 204, 212))
    vertical(d, (0, 420, W, H), (150, 120, 96), (110, 84, 64))
    d.rectangle([360, 60, 840, 300], fill=(40, 70, 120))                # the screen
    for i in range(5):
        d.rectangle([400 + i * 85, 240 - i * 30, 450 + i * 85, 270], fill=(120, 170, 220))
    d.rectangle([100, 20, 1100, 50], fill=RED)
    d.polygon([(420, 430), (780, 430), (1100, H), (100, H)], fill=(96, 64, 44))   # the table
    for i in range(4):
        person(d, rng, 330 - i * 70, 470 + i * 90, 0.9 + i * 0.25)
        person(d, rng, 870 + i * 70, 470 + i * 90, 0.9 + i * 0.25)
    for i in range(3):
        d.rectangle([470 + i * 90, 520 + i * 70, 560 + i * 100, 560 + i * 75], fill=(240, 240, 236))


def field(rng, image) -> None:
    d = ImageDraw.Draw(image)
    vertical(d, (0, 0, W, 330), (150, 196, 236), (214, 232, 244))
    d.ellipse([930, 50, 1030, 150], fill=(255, 244, 200))
    d.polygon([(0, 330), (300, 250), (620, 320), (900, 240), (1200, 310), (1200, 340), (0, 340)], fill=(110, 140, 120))
    vertical(d, (0, 330, W, H), (120, 170, 70), (70, 120, 40))
    for i in range(-12, 13):                                            # rows of crops
        d.line([(600 + i * 20, 335), (600 + i * 150, H)], fill=(60, 100, 36), width=6)
    for i in range(5):
        x = 200 + i * 200 + rng.randrange(-40, 40)
        person(d, rng, x, 560 + (i % 2) * 40, 0.8 + (i % 2) * 0.15)
        d.ellipse([x - 44, 395 + (i % 2) * 40, x + 44, 425 + (i % 2) * 40], fill=(222, 196, 120))  # straw hats


def shelves(rng, image) -> None:
    d = ImageDraw.Draw(image)
    vertical(d, (0, 0, W, H), (232, 222, 204), (206, 192, 170))
    for row in range(4):
        y = 60 + row * 120
        d.rectangle([40, y + 100, 1160, y + 112], fill=(120, 80, 50))
        x = 50
        while x < 1150:
            w = rng.randrange(14, 30)
            h = rng.randrange(60, 98)
            colour = rng.choice([(150, 40, 40), (40, 80, 120), (200, 170, 90), (60, 110, 70), (220, 220, 210)])
            d.rectangle([x, y + 100 - h, x + w, y + 100], fill=colour)
            x += w + 2
    d.rectangle([0, 560, W, H], fill=(160, 120, 84))
    for i in range(3):
        person(d, rng, 250 + i * 350, 700, 1.1)
    d.rectangle([100, 660, 1100, 720], fill=(130, 92, 60))


def hall(rng, image) -> None:
    d = ImageDraw.Draw(image)
    vertical(d, (0, 0, W, 520), (242, 236, 226), (226, 218, 204))
    vertical(d, (0, 520, W, H), (176, 160, 140), (132, 118, 100))
    for i in range(4):                                                  # framed panels
        x = 80 + i * 280
        d.rectangle([x, 120, x + 220, 380], fill=(110, 70, 50))
        vertical(d, (x + 12, 132, x + 208, 368), (200, 60, 50), (120, 30, 30))
    person(d, rng, 200, 640, 1.2, vest=RED)
    for i in range(4):
        person(d, rng, 520 + i * 170, 760, 1.3, back=True)


def data_room(rng, image) -> None:
    d = ImageDraw.Draw(image)
    vertical(d, (0, 0, W, H), (24, 34, 56), (12, 18, 30))
    for i in range(3):
        x = 100 + i * 350
        d.rectangle([x, 80, x + 300, 330], fill=(30, 70, 120))
        for b in range(8):
            h = rng.randrange(40, 200)
            d.rectangle([x + 20 + b * 34, 310 - h, x + 44 + b * 34, 310], fill=(90, 200, 230))
    blur = image.filter(ImageFilter.GaussianBlur(18))
    image.paste(Image.blend(image, blur, 0.45))
    d = ImageDraw.Draw(image)
    for i in range(4):
        person(d, rng, 180 + i * 280, 820, 1.5, back=True)


def building(rng, image, colour) -> None:
    d = ImageDraw.Draw(image)
    vertical(d, (0, 0, W, H), (160, 200, 236), (226, 238, 246))
    d.rectangle([200, 140, 1000, 700], fill=colour)
    for row in range(6):
        for col in range(9):
            d.rectangle([240 + col * 84, 180 + row * 80, 290 + col * 84, 230 + row * 80], fill=(90, 120, 150))
    d.rectangle([520, 600, 680, 700], fill=(70, 60, 56))
    d.rectangle([0, 700, W, H], fill=(150, 150, 146))
    for x in (90, 1110):
        d.rectangle([x - 8, 560, x + 8, 720], fill=(90, 64, 40))
        d.ellipse([x - 80, 430, x + 80, 620], fill=(60, 120, 60))


def portrait(rng, image, background) -> None:
    d = ImageDraw.Draw(image)
    w, h = image.size
    vertical(d, (0, 0, w, h), background, tuple(max(0, c - 50) for c in background))
    image.paste(image.filter(ImageFilter.GaussianBlur(8)))
    d = ImageDraw.Draw(image)
    person(d, rng, w // 2, h + 40, 4.2)


def grain(image: Image.Image, rng: random.Random) -> Image.Image:
    """Soft edges and sensor-like noise: the encoder sees a photo, not a flat drawing."""
    soft = image.filter(ImageFilter.GaussianBlur(1.2))
    noise = Image.frombytes("RGB", image.size, rng.randbytes(image.width * image.height * 3))
    return Image.blend(soft, noise, 0.05)


SCENES = {
    "brands/hongse-yizhan-1.jpg": (window_service, 11),
    "brands/hongse-yizhan-2.jpg": (window_service, 12),
    "brands/hongse-yizhan-3.jpg": (hall, 13),
    "brands/tianjian-dangke-1.jpg": (field, 21),
    "brands/tianjian-dangke-2.jpg": (field, 22),
    "brands/hongse-shuxiang.jpg": (shelves, 31),
    "brands/lianxin-qiao.jpg": (field, 41),
    "brands/shuju-xianfeng.jpg": (data_room, 51),
    "brands/wenming-jiangjie.jpg": (hall, 61),
    "brands/yici-banhao.jpg": (window_service, 71),
    "forums/luntan-1-1.jpg": (meeting, 81),
    "forums/luntan-1-2.jpg": (meeting, 82),
    "forums/luntan-1-3.jpg": (shelves, 83),
    "forums/luntan-2.jpg": (meeting, 91),
    "units/zhengwu.jpg": (lambda r, i: building(r, i, (214, 200, 182)), 101),
    "units/nongye.jpg": (lambda r, i: building(r, i, (196, 210, 190)), 102),
    "units/shuju.jpg": (lambda r, i: building(r, i, (200, 204, 214)), 103),
    "units/wenlv.jpg": (lambda r, i: building(r, i, (222, 196, 176)), 104),
}
PORTRAITS = {"members/su-wenjing.jpg": ((120, 150, 190), 111), "members/zhao-yuhang.jpg": ((170, 150, 120), 112)}
SIDEWAYS = "brands/hongse-yizhan-1.jpg"


def save(image: Image.Image, name: str) -> None:
    target = MEDIA / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if name != SIDEWAYS:
        image.save(target, "JPEG", quality=84, optimize=True)
        return
    exif = Image.Exif()
    exif[0x0112] = 6                                             # "turn 90° clockwise to view"
    exif[0x010F] = "示例相机"
    exif[0x8825] = {1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}   # made up: 0°, 0°
    image.transpose(Image.Transpose.ROTATE_90).save(target, "JPEG", quality=84, optimize=True, exif=exif.tobytes())


def main() -> None:
    for name, (scene, seed) in SCENES.items():
        rng = random.Random(seed)
        image = Image.new("RGB", (W, H))
        scene(rng, image)
        save(grain(image, rng), name)
    for name, (background, seed) in PORTRAITS.items():
        rng = random.Random(seed)
        image = Image.new("RGB", (720, 900))
        portrait(rng, image, background)
        save(grain(image, rng), name)
    print(f"drew {len(SCENES) + len(PORTRAITS)} pictures under {MEDIA}")


if __name__ == "__main__":
    main()
