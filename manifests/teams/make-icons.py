#!/usr/bin/env python3
"""Writes color.png (192x192, full colour) and outline.png (32x32, white on transparent) for the Teams app package.
Plain zlib + struct so it runs anywhere python3 does. Re-run after changing the drawing; commit the PNGs."""
import struct
import zlib
from pathlib import Path


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def key(x, y, size):
    """A simple key: ring (bow) on the left, shaft and two teeth to the right. Coordinates in a 32-unit grid."""
    u, v = x * 32 / size, y * 32 / size
    ring = 4.0 <= ((u - 10) ** 2 + (v - 16) ** 2) ** 0.5 <= 7.0
    shaft = 16 <= u <= 28 and 14.5 <= v <= 17.5
    teeth = (21 <= u <= 23 or 25.5 <= u <= 27.5) and 17.5 <= v <= 21
    return ring or shaft or teeth


def color(x, y, size):
    return (255, 255, 255, 255) if key(x, y, size) else (35, 47, 62, 255)  # white key on AWS-console navy


def outline(x, y, size):
    return (255, 255, 255, 255) if key(x, y, size) else (0, 0, 0, 0)  # white on transparent, as Teams requires


here = Path(__file__).parent
png(here / "color.png", 192, color)
png(here / "outline.png", 32, outline)
