"""Draws the sample photos under data/media/: fictional scenes made of shapes, nothing real.

The sample entries need pictures that behave like phone photos (JPEG, a few hundred
kilobytes, grain the encoder has to work at) without showing any real person or place.
Each scene is drawn from rectangles, ellipses and gradients with a fixed random seed, so the
same command always writes the same files. Every member, unit and forum session has a picture
of its own (``sample_people.py``, ``sample_places.py``): a grid of cards shows the design, not
one picture repeated or a placeholder that reads as missing.

    .venv/bin/python tools/draw_samples.py

One of them (the first gallery photo of 红色服务驿站) is stored sideways with an EXIF rotation
tag and made-up GPS coordinates (0°, 0°), as a phone would write it: the build turns it upright
and publishes none of that metadata.
"""

from __future__ import annotations

import random
from pathlib import Path

import sample_people as people
import sample_places as places
from PIL import Image, ImageDraw, ImageFilter
from sample_shapes import RED, H, W, lamps, person, vertical

MEDIA = Path(__file__).resolve().parent.parent / "data" / "media"


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
    "forums/luntan-2.jpg": (places.podium, 91),
    "forums/luntan-3.jpg": (places.round_table, 92),
    "brands/qingfeng-shuju.jpg": (places.bamboo_corridor, 95),
    "units/zhengwu.jpg": (places.service_hall, 101),
    "units/nongye.jpg": (places.field_office, 102),
    "units/shuju.jpg": (places.glass_tower, 103),
    "units/wenlv.jpg": (places.hall_with_eaves, 104),
}
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
    for name, (look, seed) in people.LOOKS.items():
        save(grain(people.portrait(look, seed), random.Random(seed)), name)
    print(f"drew {len(SCENES) + len(people.LOOKS)} pictures under {MEDIA}")


if __name__ == "__main__":
    main()
