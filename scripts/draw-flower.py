#!/usr/bin/env python3
"""Draws examples/assets/flower.png: a five-petalled flower on a soft sky, anti-aliased by
supersampling. Standard library only; the output is the same bytes on every run."""

import math
import struct
import sys
import zlib

W, H, SS = 480, 320, 3  # size, and samples per pixel side


def colour_at(x, y):
    """The colour of point (x, y), in pixels of the final image."""
    # Sky: a vertical gradient; grass: a band at the bottom.
    t = y / H
    r, g, b = 196 - 60 * t, 224 - 30 * t, 247 - 20 * t
    if y > H * 0.78 + 6 * math.sin(x / 23):
        r, g, b = 96, 160, 86
    # Stem and a leaf.
    cx, cy = W * 0.5, H * 0.42
    if abs(x - cx - 4 * math.sin(y / 30)) < 4 and y > cy:
        r, g, b = 58, 128, 62
    lx, ly = x - (cx + 34), y - (cy + 120)
    if (lx * math.cos(0.6) + ly * math.sin(0.6)) ** 2 / 900 + (-lx * math.sin(0.6) + ly * math.cos(0.6)) ** 2 / 120 < 1:
        r, g, b = 70, 150, 70
    # Five petals: ellipses around the centre, shaded from the middle out.
    dx, dy = x - cx, y - cy
    for k in range(5):
        a = k * 2 * math.pi / 5 - math.pi / 2
        px, py = dx * math.cos(a) + dy * math.sin(a) - 46, -dx * math.sin(a) + dy * math.cos(a)
        d = px * px / 48**2 + py * py / 27**2
        if d < 1:
            shade = 1 - 0.25 * d
            r, g, b = 236 * shade, 92 * shade + 30, 150 * shade + 20
    # The heart of the flower, with a few seeds.
    dist = math.hypot(dx, dy)
    if dist < 24:
        r, g, b = 246, 190 - dist * 2, 60
        if (int(dx + 100) // 6 + int(dy + 100) // 6) % 3 == 0 and dist < 18:
            r, g, b = 214, 150, 40
    return r, g, b


def main(path):
    rows = []
    for y in range(H):
        row = bytearray([0])
        for x in range(W):
            acc = [0.0, 0.0, 0.0]
            for sy in range(SS):
                for sx in range(SS):
                    c = colour_at(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)
                    for i in range(3):
                        acc[i] += c[i]
            row += bytes(max(0, min(255, round(v / SS / SS))) for v in acc)
        rows.append(bytes(row))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as out:
        out.write(png)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples/assets/flower.png")
