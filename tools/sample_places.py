"""Places of the sample units and scenes of the forums: each one its own, none a real office.

Four units drawn as one building in four colours read as one picture; here each unit has a
building of its own shape (a service hall, an office among fields, a glass tower, a hall with
eaves), and each forum session its own room.
"""

from __future__ import annotations

import random

from PIL import Image, ImageDraw
from sample_shapes import RED, H, W, person, vertical

GREY = (150, 150, 146)


def _sky(d: ImageDraw.ImageDraw, top, bottom, ground=GREY, horizon=700) -> None:
    vertical(d, (0, 0, W, horizon), top, bottom)
    d.rectangle([0, horizon, W, H], fill=ground)


def _tree(d: ImageDraw.ImageDraw, x: int, y: int, size: int, leaf=(60, 120, 60)) -> None:
    d.rectangle([x - size // 10, y - size, x + size // 10, y], fill=(90, 64, 40))
    d.ellipse([x - size // 2, y - 2 * size, x + size // 2, y - size // 2], fill=leaf)


def service_hall(rng: random.Random, image: Image.Image) -> None:
    """A long low hall with columns and a wide glass front."""
    d = ImageDraw.Draw(image)
    _sky(d, (150, 196, 236), (226, 238, 246))
    d.rectangle([80, 300, 1120, 700], fill=(226, 214, 196))
    d.rectangle([60, 270, 1140, 310], fill=(190, 176, 158))
    d.rectangle([250, 420, 950, 700], fill=(120, 160, 190))                 # the glass front
    for i in range(8):
        x = 120 + i * 140
        d.rectangle([x, 320, x + 36, 700], fill=(244, 236, 222))            # columns
    d.rectangle([200, 330, 1000, 380], fill=RED)                            # a plain red band
    for i in range(6):
        person(d, rng, 300 + i * 110, 760, 0.55)
    _tree(d, 40, 720, 160)


def field_office(rng: random.Random, image: Image.Image) -> None:
    """A three-storey office behind green fields, hills behind."""
    d = ImageDraw.Draw(image)
    _sky(d, (170, 206, 232), (232, 240, 236), (110, 160, 70), 600)
    d.polygon([(0, 420), (260, 300), (560, 400), (860, 280), (1200, 380), (1200, 600), (0, 600)], fill=(120, 150, 110))
    d.rectangle([380, 330, 820, 600], fill=(236, 232, 220))
    d.polygon([(360, 330), (600, 250), (840, 330)], fill=(150, 60, 50))     # a pitched roof
    for row in range(3):
        for col in range(5):
            d.rectangle([410 + col * 84, 360 + row * 76, 460 + col * 84, 410 + row * 76], fill=(110, 140, 160))
    for i in range(-14, 15):                                                 # rows of crops
        d.line([(600 + i * 30, 605), (600 + i * 110, H)], fill=(70, 120, 40), width=8)
    for x in (250, 950, 1080):
        _tree(d, x, 600, 110 + rng.randrange(0, 40))


def glass_tower(rng: random.Random, image: Image.Image) -> None:
    """A tall tower of glass at dusk, its windows lit."""
    d = ImageDraw.Draw(image)
    _sky(d, (40, 60, 110), (230, 150, 110), (70, 70, 76))
    d.rectangle([420, 60, 780, 700], fill=(50, 80, 110))
    d.rectangle([780, 260, 1000, 700], fill=(64, 92, 120))
    for row in range(20):
        for col in range(6):
            lit = rng.random() < 0.45
            d.rectangle([440 + col * 56, 80 + row * 30, 484 + col * 56, 100 + row * 30],
                        fill=(250, 220, 140) if lit else (90, 130, 170))
    for row in range(13):
        for col in range(4):
            d.rectangle([800 + col * 50, 280 + row * 30, 836 + col * 50, 298 + row * 30], fill=(100, 140, 176))
    d.rectangle([0, 700, W, 712], fill=(200, 200, 190))


def hall_with_eaves(rng: random.Random, image: Image.Image) -> None:
    """A cultural centre: a wide roof with upturned eaves over red columns, steps in front."""
    d = ImageDraw.Draw(image)
    _sky(d, (180, 214, 240), (240, 240, 236), (196, 186, 170))
    d.polygon([(120, 300), (300, 200), (900, 200), (1080, 300), (1140, 270), (1110, 330), (90, 330), (60, 270)],
              fill=(60, 70, 80))                                            # the roof and its eaves
    d.rectangle([200, 330, 1000, 620], fill=(236, 226, 206))
    for i in range(7):
        x = 230 + i * 122
        d.rectangle([x, 340, x + 30, 620], fill=(170, 40, 40))
    d.rectangle([520, 460, 680, 620], fill=(110, 70, 50))                   # the door
    for i in range(4):                                                        # the steps
        d.rectangle([380 - i * 40, 620 + i * 20, 820 + i * 40, 640 + i * 20], fill=(220, 214, 204))
    for i in range(3):
        person(d, rng, 200 + i * 420 + rng.randrange(-40, 40), 860, 1.0, back=True)


def podium(rng: random.Random, image: Image.Image) -> None:
    """A speaker at a lectern on a stage, the audience seen from behind."""
    d = ImageDraw.Draw(image)
    vertical(d, (0, 0, W, 480), (150, 30, 36), (110, 20, 26))                # a red backdrop
    d.rectangle([0, 470, W, 520], fill=(120, 84, 60))                        # the stage's edge
    vertical(d, (0, 520, W, H), (96, 90, 88), (60, 56, 54))
    d.rectangle([250, 60, 950, 130], fill=(236, 196, 90))                    # a plain gold band
    person(d, rng, 600, 420, 1.2, vest=(40, 44, 60))
    d.polygon([(520, 330), (680, 330), (660, 480), (540, 480)], fill=(150, 100, 70))   # the lectern
    for row in range(2):
        for i in range(7):
            person(d, rng, 90 + i * 170 + row * 85, 720 + row * 110, 1.1 + row * 0.3, back=True)


def round_table(rng: random.Random, image: Image.Image) -> None:
    """Secretaries talking round an oval table, seen from above the far end."""
    d = ImageDraw.Draw(image)
    vertical(d, (0, 0, W, 360), (230, 228, 220), (210, 206, 196))
    vertical(d, (0, 360, W, H), (170, 150, 126), (130, 112, 92))
    for i in range(3):
        d.rectangle([150 + i * 340, 70, 390 + i * 340, 250], fill=(180, 210, 230))   # windows
    d.ellipse([200, 430, 1000, 720], fill=(120, 82, 56))
    d.ellipse([230, 450, 970, 700], fill=(140, 98, 66))
    for i in range(5):                                                           # the far side
        person(d, rng, 300 + i * 150, 470, 0.8)
    for i in range(4):                                                           # the near side
        person(d, rng, 320 + i * 190, 900, 1.3, back=True)
    for i in range(6):
        d.rectangle([330 + i * 100, 540, 380 + i * 100, 570], fill=(240, 240, 236))   # papers


def bamboo_corridor(rng: random.Random, image: Image.Image) -> None:
    """A corridor of integrity panels with bamboo painted on the wall (清风)."""
    d = ImageDraw.Draw(image)
    vertical(d, (0, 0, W, 560), (238, 240, 232), (220, 226, 214))
    vertical(d, (0, 560, W, H), (170, 176, 166), (130, 136, 128))
    for i in range(9):                                                        # bamboo stalks
        x = 60 + i * 130 + rng.randrange(-20, 20)
        d.rectangle([x, 40, x + 16, 560], fill=(70, 130, 80))
        for y in range(90, 540, 90):
            d.rectangle([x - 3, y, x + 19, y + 6], fill=(50, 100, 60))
            d.polygon([(x + 16, y), (x + 80, y - 30), (x + 20, y + 12)], fill=(90, 150, 90))
    for i in range(3):                                                        # display panels
        x = 120 + i * 360
        d.rectangle([x, 180, x + 260, 420], fill=(250, 248, 240))
        d.rectangle([x, 180, x + 260, 220], fill=(40, 90, 70))
        for line in range(5):
            d.rectangle([x + 20, 250 + line * 30, x + 200 - (line % 2) * 60, 262 + line * 30], fill=(150, 150, 146))
    for i in range(3):
        person(d, rng, 260 + i * 350, 860, 1.3, back=True)
