"""The sample pictures show the design: every member, unit and forum session of the sample
data has a drawn picture of its own, and no two of them look alike."""

from __future__ import annotations

import itertools

import yaml
from conftest import ROOT
from PIL import Image, ImageChops, ImageStat

from generator.kinds import KINDS

DATA = ROOT / "data"
# Mean difference (0-255) of two pictures shrunk to 24 x 24 grey: the old units, one building in
# four colours, differed by under 1, two forums' meeting rooms by 6; different scenes by 25 or more.
DISTINCT = 18
SMALL = 120_000  # bytes: a sample picture stays a small download


def pictures() -> dict[str, str]:
    """{who: picture file} for each member, forum session and unit of the sample data."""
    found = {}
    for kind in KINDS:
        if kind.key in ("members", "forums"):
            for path in sorted((DATA / kind.key).glob("*.yml")):
                record = kind.model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
                found[f"{kind.key}/{path.stem}"] = record.picture
    for unit in yaml.safe_load((DATA / "units.yml").read_text(encoding="utf-8"))["units"]:
        found[f"units/{unit['id']}"] = unit.get("picture")
    return found


def test_each_member_unit_and_forum_has_a_picture_of_its_own():
    found = pictures()
    assert len(found) >= 15 and all(found.values()), [who for who, file in found.items() if not file]
    assert len(set(found.values())) == len(found)


def shrunk(file: str) -> Image.Image:
    return Image.open(DATA / file).convert("L").resize((24, 24), Image.Resampling.BOX)


def test_no_two_sample_pictures_look_alike():
    drawn = {who: file for who, file in pictures().items() if not file.endswith(".svg")}
    small = {who: shrunk(file) for who, file in drawn.items()}
    for (a, pa), (b, pb) in itertools.combinations(small.items(), 2):
        if pa.size == pb.size:
            difference = ImageStat.Stat(ImageChops.difference(pa, pb)).mean[0]
            assert difference > DISTINCT, (a, b, difference)
    for file in drawn.values():
        assert (DATA / file).stat().st_size < SMALL, file
