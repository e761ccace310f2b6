#!/usr/bin/env python3
"""Draw the MilkyWay app icons and home glyphs from scratch (no third-party art).

The picture is a drop of milk with a small spiral galaxy inside: the drop for
"milk", the spiral for "way". Run it from the repository root:

    python3 icons/make_icons.py

It rewrites every file listed in SIZES. The outputs are committed, so the build
does not need to run this; run it only when the design changes.
Sizes follow Ledger's requirements: 14x14 (Nano S+/X app icon and home glyph),
32x32 (Stax app icon), 40x40 (Flex app icon), 32x32 PNG (Apex P app icon),
64x64 home glyph (Stax/Flex) and 48x48 home glyph (Apex P).
"""
import math
import os
from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))


def drop_mask(size: int, scale: int = 8) -> Image.Image:
    """A milk-drop silhouette, supersampled then reduced to 1 bit."""
    big = size * scale
    img = Image.new("L", (big, big), 0)
    d = ImageDraw.Draw(img)
    cx = big / 2
    r = big * 0.36
    cy = big - r - big * 0.04
    # round bottom
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=255)
    # pointed top: triangle tangent to the circle
    top = big * 0.03
    ang = math.asin(r / (cy - top))
    tx = r * math.cos(ang)
    ty = cy - r * math.sin(ang)
    d.polygon([(cx, top), (cx - tx, ty), (cx + tx, ty)], fill=255)
    return img


def spiral(img: Image.Image, size: int, scale: int = 8) -> None:
    """Carve a two-armed spiral (the galaxy) out of the drop."""
    big = size * scale
    d = ImageDraw.Draw(img)
    cx = big / 2
    r = big * 0.36
    cy = big - r - big * 0.04
    width = max(scale, int(big * 0.07))
    for arm in (0, math.pi):
        pts = []
        for i in range(60):
            t = i / 59
            a = arm + t * 2.6 * math.pi / 2
            rr = r * (0.12 + 0.68 * t)
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
        d.line(pts, fill=0, width=width)
    c = big * 0.07
    d.ellipse([cx - c, cy - c, cx + c, cy + c], fill=0)


def render(size: int, with_spiral: bool) -> Image.Image:
    scale = 8
    img = drop_mask(size, scale)
    if with_spiral:
        spiral(img, size, scale)
    img = img.resize((size, size), Image.LANCZOS)
    return img.point(lambda v: 255 if v >= 128 else 0).convert("1")


def save(img: Image.Image, name: str, inverted: bool) -> None:
    """Black shape on white for wallet icons, white on black for Nano glyphs."""
    out = img.convert("L")
    if not inverted:
        out = out.point(lambda v: 255 - v)
    path = os.path.join(HERE, name)
    if name.endswith(".gif"):
        out.convert("P").save(path)
    else:
        # A 1-bit PNG: Ledger's icon check (check_icons.sh in LedgerHQ/ledger-app-workflows)
        # wants a bilevel glyph of depth 1 for the monochrome Apex P; an 8-bit grayscale
        # PNG with only black and white pixels is refused for its depth.
        out.convert("1").save(path)


SIZES = [
    # (file, size, spiral?, white-on-black?)
    ("milkyway_14x14.gif", 14, False, True),   # Nano S+ / Nano X app icon and home glyph
    ("milkyway_32x32.gif", 32, True, False),   # Stax app icon
    ("milkyway_40x40.gif", 40, True, False),   # Flex app icon
    ("milkyway_32x32.png", 32, True, False),   # Apex P app icon
    ("milkyway_64x64.gif", 64, True, False),   # Stax / Flex home glyph
    ("milkyway_48x48.png", 48, True, False),   # Apex P home glyph
]

if __name__ == "__main__":
    for name, size, sp, inv in SIZES:
        save(render(size, sp), name, inv)
        print("wrote", name)
