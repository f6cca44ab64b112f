"""Portraits of the sample members: fictional people drawn from shapes, each one different.

A member card is a face: eight members with one shared silhouette read as "no photo". Each
portrait here has its own background, clothes, hair, and details (glasses, a tie, the party
badge), so the grid shows eight different people, none of them real.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter
from sample_shapes import RED, vertical

SIZE = (720, 900)
GOLD = (236, 190, 60)


@dataclass(frozen=True)
class Look:
    """What makes one portrait someone: where they sit, what they wear, how they look."""

    background: tuple[int, int, int]
    clothes: tuple[int, int, int]
    hair: str = "short"         # short, side, long, bun, receding
    hair_colour: tuple[int, int, int] = (32, 28, 26)
    skin: tuple[int, int, int] = (228, 188, 156)
    shirt: tuple[int, int, int] = (240, 240, 236)
    tie: tuple[int, int, int] | None = None
    glasses: bool = False
    badge: bool = True          # the party badge on the left of the chest
    scene: str = "plain"        # plain, window, shelves, banner


def portrait(look: Look, seed: int) -> Image.Image:
    """A head-and-shoulders portrait in ``SIZE``."""
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE)
    _background(image, look, rng)
    d = ImageDraw.Draw(image)
    w, h = SIZE
    cx = w // 2 + rng.randrange(-30, 30)
    _body(d, look, cx, h)
    _head(d, look, cx, 360)
    return image


def _background(image: Image.Image, look: Look, rng: random.Random) -> None:
    d = ImageDraw.Draw(image)
    w, h = image.size
    vertical(d, (0, 0, w, h), look.background, tuple(max(0, c - 60) for c in look.background))
    if look.scene == "window":
        for i in range(3):
            d.rectangle([40 + i * 230, 60, 220 + i * 230, 460], fill=tuple(min(255, c + 50) for c in look.background))
            d.line([(130 + i * 230, 60), (130 + i * 230, 460)], fill=look.background, width=8)
    elif look.scene == "shelves":
        for row in range(4):
            y = 60 + row * 150
            x = 20
            while x < w - 20:
                bw = rng.randrange(18, 40)
                d.rectangle([x, y, x + bw, y + 120], fill=rng.choice([(150, 50, 40), (50, 80, 120), (190, 160, 90)]))
                x += bw + 4
            d.rectangle([0, y + 120, w, y + 134], fill=(110, 76, 50))
    elif look.scene == "banner":
        d.rectangle([0, 90, w, 190], fill=RED)
        d.rectangle([0, 190, w, 200], fill=GOLD)
    image.paste(image.filter(ImageFilter.GaussianBlur(10)))


def _body(d: ImageDraw.ImageDraw, look: Look, cx: int, h: int) -> None:
    d.rectangle([cx - 55, 430, cx + 55, 560], fill=look.skin)                       # the neck
    d.rounded_rectangle([cx - 300, 560, cx + 300, h + 200], radius=170, fill=look.clothes)
    d.polygon([(cx - 80, 560), (cx + 80, 560), (cx, 700)], fill=look.shirt)           # the collar's V
    if look.tie:
        d.polygon([(cx - 22, 575), (cx + 22, 575), (cx + 34, 800), (cx, 840), (cx - 34, 800)], fill=look.tie)
    if look.badge:
        d.ellipse([cx - 200, 650, cx - 160, 690], fill=RED)
        d.ellipse([cx - 188, 662, cx - 172, 678], fill=GOLD)


def _head(d: ImageDraw.ImageDraw, look: Look, cx: int, cy: int) -> None:
    if look.hair == "long":                                                          # behind the head
        d.rounded_rectangle([cx - 150, cy - 170, cx + 150, cy + 230], radius=120, fill=look.hair_colour)
    d.ellipse([cx - 125, cy - 160, cx + 125, cy + 150], fill=look.skin)
    _hair(d, look, cx, cy)
    for side in (-1, 1):
        ex = cx + side * 50
        d.ellipse([ex - 14, cy - 8, ex + 14, cy + 12], fill=(40, 32, 30))             # eyes
        d.line([(ex - 26, cy - 34), (ex + 24, cy - 38 + side * 2)], fill=look.hair_colour, width=7)  # brows
        if look.glasses:
            d.ellipse([ex - 40, cy - 32, ex + 40, cy + 34], outline=(50, 50, 56), width=6)
    if look.glasses:
        d.line([(cx - 10, cy - 2), (cx + 10, cy - 2)], fill=(50, 50, 56), width=6)
    d.line([(cx, cy + 20), (cx - 8, cy + 60)], fill=tuple(c - 40 for c in look.skin), width=5)   # the nose
    d.arc([cx - 45, cy + 60, cx + 45, cy + 110], 20, 160, fill=(150, 70, 64), width=7)       # a smile


def _hair(d: ImageDraw.ImageDraw, look: Look, cx: int, cy: int) -> None:
    c = look.hair_colour
    if look.hair == "receding":
        d.chord([cx - 130, cy - 175, cx + 130, cy - 20], 200, 340, fill=c)
        for side in (-1, 1):
            d.ellipse([cx + side * 125 - 25, cy - 90, cx + side * 125 + 25, cy + 10], fill=c)
    elif look.hair == "side":
        d.chord([cx - 132, cy - 180, cx + 132, cy - 10], 180, 360, fill=c)
        d.polygon([(cx - 132, cy - 90), (cx + 40, cy - 175), (cx - 20, cy - 60)], fill=c)
    else:
        d.chord([cx - 132, cy - 180, cx + 132, cy - 30], 180, 360, fill=c)
        if look.hair == "bun":
            d.ellipse([cx - 60, cy - 250, cx + 60, cy - 140], fill=c)
        if look.hair == "long":
            d.polygon([(cx - 132, cy - 100), (cx + 10, cy - 170), (cx - 60, cy - 60)], fill=c)


LOOKS = {
    "members/su-wenjing.jpg": (Look((120, 150, 190), (40, 60, 110), "long", scene="window"), 111),
    "members/zhao-yuhang.jpg": (Look((170, 150, 120), (60, 60, 66), "short", tie=RED, glasses=True, scene="shelves"), 112),
    "members/he-jianguo.jpg": (Look((110, 140, 120), (34, 42, 64), "receding", (120, 116, 112), (214, 172, 140),
                                    tie=(40, 60, 120)), 113),
    "members/qin-lei.jpg": (Look((200, 176, 150), (230, 230, 236), "side", (46, 36, 30), shirt=(200, 214, 236),
                                 scene="window"), 114),
    "members/tang-haoran.jpg": (Look((150, 126, 168), (70, 90, 80), "short", (20, 18, 18), (236, 196, 166),
                                      glasses=True, scene="banner"), 115),
    "members/yang-shumin.jpg": (Look((214, 194, 160), (150, 40, 46), "bun", (40, 30, 28), (232, 194, 164),
                                      scene="shelves"), 116),
}
