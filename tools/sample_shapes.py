"""Shapes the sample pictures are drawn from: gradients, people from the chest up, lamps.

Shared by ``draw_samples.py`` (the scenes) and the modules of portraits and places it uses.
"""

from __future__ import annotations

from PIL import ImageDraw

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
