#!/usr/bin/python3
"""pngstat.py - what a PNG shows, for tests/perf-report-html.bats: its
size, the share of pixels that are not white, the number of colours, and
the rows that hold anything, and the coloured pixels
(so a test can tell a blank page from a page whose charts were laid out).  8-bit RGB or RGBA, not interlaced (what
Chromium's --screenshot writes).  Usage: pngstat.py FILE"""
import struct
import sys
import zlib

import numpy as np


def decode(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit(f'{path}: not a PNG')
    pos, idat = 8, b''
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit(f'{path}: depth {depth}, colour type {ctype}: not handled')
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    img = np.zeros((h, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = np.frombuffer(raw, dtype=np.uint8, count=stride,
                             offset=y * (stride + 1) + 1).astype(np.int32)
        if f == 0:
            cur = line
        elif f == 2:
            cur = (line + prev) & 0xff
        else:
            # Sub, Average, Paeth depend on the byte to the left: plain
            # Python ints are far quicker here than numpy scalars.
            ln, pv, cur = line.tolist(), prev.tolist(), [0] * stride
            for x in range(stride):
                a = cur[x - bpp] if x >= bpp else 0
                b = pv[x]
                if f == 1:
                    p = a
                elif f == 3:
                    p = (a + b) >> 1
                else:
                    c = pv[x - bpp] if x >= bpp else 0
                    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                    p = a if pa <= pb and pa <= pc else b if pb <= pc else c
                cur[x] = (ln[x] + p) & 0xff
            cur = np.array(cur, dtype=np.int32)
        img[y] = cur
        prev = cur
    return img.reshape(h, w, bpp)[:, :, :3]


img = decode(sys.argv[1])
h, w, _ = img.shape
nonwhite = np.any(img < 245, axis=2)
colours = len(np.unique(img.reshape(-1, 3), axis=0))
rows = int(np.count_nonzero(nonwhite.any(axis=1)))
# Coloured pixels (channels 40 or more apart): the page's text, tables
# and borders are grey, so these are what the charts painted.
spread = img.max(axis=2).astype(int) - img.min(axis=2).astype(int)
coloured = int(np.count_nonzero(spread >= 40))
print(w, h, f'{nonwhite.mean():.4f}', colours, rows, coloured)
