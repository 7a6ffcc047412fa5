"""The /dates timeline picture, drawn with Pillow: the key dates in time order on one axis.

Pure rendering: it takes the core's KeyDates and returns PNG bytes. Dates sit at even steps (readable even
when two fall in the same month), labels alternate above and below the axis, inferred years carry a '*'.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Collection, Sequence

from PIL import Image, ImageDraw, ImageFont

from bot.core.knowledge.faq import KeyDate

STEP = 150  # pixels between two dates
MARGIN = 90
HEIGHT = 440
AXIS_Y = HEIGHT // 2
BACKGROUND = (255, 255, 255)
AXIS = (110, 116, 125)
INK = (32, 34, 37)
MUTED = (150, 155, 162)
ACCENT = (201, 162, 39)
HIGHLIGHT = (46, 158, 91)


def short_date(key_date: KeyDate) -> str:
    parts = [int(p) for p in key_date.date.split("-")]
    if key_date.precision == "day":
        text = f"{dt.date(*parts):%b} {parts[2]}, {parts[0]}"
    elif key_date.precision == "month":
        text = f"{dt.date(parts[0], parts[1], 1):%b} {parts[0]}"
    else:
        text = str(parts[0])
    return text + ("*" if key_date.year_inferred else "")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)  # Pillow's bundled font (needs FreeType)
    except (TypeError, OSError):
        return ImageFont.load_default()


def render_timeline(dates: Sequence[KeyDate], highlight: Collection[str] = (), *, title: str = "Key dates") -> bytes:
    """A PNG of `dates` (already in time order); ids in `highlight` are drawn in colour, the rest muted
    (when nothing is highlighted, all are in colour)."""
    width = max(900, MARGIN * 2 + STEP * max(len(dates) - 1, 1))
    image = Image.new("RGB", (width, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    title_font, date_font, text_font = _font(22), _font(15), _font(13)
    draw.text((24, 16), title, fill=INK, font=title_font)
    draw.line([(MARGIN - 40, AXIS_Y), (width - MARGIN + 40, AXIS_Y)], fill=AXIS, width=3)
    for index, key_date in enumerate(dates):
        x = MARGIN + index * STEP if len(dates) > 1 else width // 2
        lit = not highlight or key_date.id in highlight
        dot = (HIGHLIGHT if highlight else ACCENT) if lit else MUTED
        draw.ellipse([(x - 8, AXIS_Y - 8), (x + 8, AXIS_Y + 8)], fill=dot, outline=INK if lit else MUTED, width=2)
        above = index % 2 == 0
        lines = textwrap.wrap(key_date.event, width=24, max_lines=4, placeholder="...")
        label = [short_date(key_date)] + lines
        line_height = 18
        block = line_height * len(label)
        top = AXIS_Y - 24 - block if above else AXIS_Y + 24
        draw.line([(x, AXIS_Y - 10 if above else AXIS_Y + 10), (x, top + block if above else top)],
                  fill=dot, width=1)
        for number, text in enumerate(label):
            font = date_font if number == 0 else text_font
            colour = (INK if number == 0 else AXIS) if lit else MUTED
            left = x - draw.textlength(text, font=font) / 2
            draw.text((left, top + number * line_height), text, fill=colour, font=font)
    if any(d.year_inferred for d in dates):
        draw.text((24, HEIGHT - 28), "* year inferred from context (the article gives no year)", fill=AXIS,
                  font=text_font)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
