"""Text at an angle inside a scan (a note written across a page, a rotated stamp or paragraph).

Tesseract reads upright lines; a block of text at an angle is left unread, or read as a few
garbled words whose upright boxes are hundreds of points tall. Here the ink that no upright
word accounts for is grouped into blobs; each blob's angle is found from its ink (the turn at
which its rows of ink are sharpest), the blob is turned upright and read on its own, and each
word's box is carried back to the page: the upright box of the word turned back, and the
smallest page-aligned box around that (``OcrWord.angle`` says it was read so). A long word is
cut along its length into pieces about as long as it is tall, each boxed so (``OcrWord.pieces``):
the boxes follow the slant like a staircase and cover the word, not the lines beside it.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from statistics import fmean

import numpy as np
from PIL import Image

MIN_ANGLE, MAX_ANGLE = 4.0, 75.0  # degrees: less is read upright; more is a page turned sideways (OSD's case)
MIN_BLOB_PX = 300  # dark pixels a blob needs to be worth reading
MAX_BLOBS = 6
MIN_CONF = 30.0  # words read at an angle with less confidence are left unread (the page stays in review) ...
MIN_MEAN_CONF = 70.0  # ... and so is a whole blob whose words read worse than this on average
COARSE, FINE = 3.0, 0.5  # steps of the angle search, degrees


def angled_words(image: Image.Image, reach: int, read: Callable[[str], Sequence]) -> list:
    """Words read in blobs of ink at an angle, with page-aligned boxes around their turned boxes.

    ``reach``: the typical word height in pixels (the size of the cells ink is grouped by);
    ``read``: tesseract on an image file, returning ``OcrWord`` s. A blob whose reading is poor
    adds nothing (its ink stays unread, so the page stays in review).
    """
    grey = np.asarray(image)
    mask = grey < 128
    cell = max(8, reach)
    blobs = []
    for ink, cells, (x0, y0, x1, y1) in _blobs(mask, cell):
        angle = ink_angle(mask[y0:y1, x0:x1] & cells[y0:y1, x0:x1])
        if angle is not None:
            blobs.append((ink, angle, cells, (x0, y0, x1, y1)))
    words: list = []
    for k, (_, angle, cells, (x0, y0, x1, y1)) in enumerate(sorted(blobs, key=lambda b: -b[0])[:MAX_BLOBS]):
        crop = Image.fromarray(np.where(cells[y0:y1, x0:x1], grey[y0:y1, x0:x1], 255).astype(np.uint8))
        found = _read_turned(crop, angle, read, (x0, y0))
        if found and fmean(w.conf for w in found) >= MIN_MEAN_CONF:
            words += [replace(w, line=(1000 + 100 * k + w.line[0], *w.line[1:])) for w in found]
    return words


def _read_turned(crop: Image.Image, angle: float, read: Callable[[str], Sequence], origin: tuple[int, int]) -> list:
    """The crop read turned by ``angle`` (and, if that reads poorly, by ``angle + 180``)."""
    best: list = []
    for turn in (angle, angle + 180.0):
        upright = crop.rotate(turn, expand=True, fillcolor=255, resample=Image.BICUBIC)
        with tempfile.TemporaryDirectory(prefix="redactor-angled-") as tmp:
            path = os.path.join(tmp, "blob.pgm")
            upright.save(path, format="PPM")
            found = [w for w in read(path) if w.conf >= MIN_CONF and any(ch.isalnum() for ch in w.text)]
        if sum(w.conf for w in found) > sum(w.conf for w in best):
            best = [_turned_back(w, crop.size, upright.size, turn, origin) for w in found]
        if found and sum(w.conf for w in found) / len(found) >= 70:
            break
    return best


def _turned_back(word, size: tuple[int, int], turned: tuple[int, int], angle: float, origin: tuple[int, int]):
    pieces = tuple(_back(piece, size, turned, angle, origin) for piece in _pieces(word.box))
    box = (min(p[0] for p in pieces), min(p[1] for p in pieces), max(p[2] for p in pieces), max(p[3] for p in pieces))
    return replace(word, box=box, angle=angle % 360.0, pieces=pieces)


def _pieces(box) -> list[tuple[int, int, int, int]]:
    """A level box cut along its length into pieces about as long as it is tall."""
    x0, y0, x1, y1 = box
    count = max(1, round((x1 - x0) / max(1, y1 - y0)))
    edges = [x0 + (x1 - x0) * i // count for i in range(count + 1)]
    return [(a, y0, b, y1) for a, b in zip(edges, edges[1:], strict=False)]


def _back(box, size: tuple[int, int], turned: tuple[int, int], angle: float, origin: tuple[int, int]) -> tuple[int, int, int, int]:
    """A box of the turned image as the smallest page-aligned box around it on the page."""
    t = math.radians(angle)
    cos, sin = math.cos(t), math.sin(t)
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        ex, ey = x - turned[0] / 2, y - turned[1] / 2
        xs.append(origin[0] + size[0] / 2 + ex * cos - ey * sin)
        ys.append(origin[1] + size[1] / 2 + ex * sin + ey * cos)
    return (math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs)), math.ceil(max(ys)))


def ink_angle(mask: np.ndarray) -> float | None:
    """The anticlockwise turn (degrees) that sets the lines of ink in ``mask`` level, or None when
    they are level already or run nearly down the page."""
    image = Image.fromarray(np.where(mask, 255, 0).astype(np.uint8))
    side = max(image.size)
    if side > 300:
        image = image.resize((max(1, image.width * 300 // side), max(1, image.height * 300 // side)), Image.BOX)

    def sharpness(turn: float) -> float:
        rows = np.asarray(image.rotate(turn, expand=True, resample=Image.BILINEAR), dtype=np.float64).sum(axis=1)
        return float(np.square(rows).sum())

    coarse = max(np.arange(-MAX_ANGLE - COARSE, MAX_ANGLE + COARSE + 0.1, COARSE), key=sharpness)
    best = float(max(np.arange(coarse - COARSE, coarse + COARSE + 0.01, FINE), key=sharpness))
    return best if MIN_ANGLE <= abs(best) <= MAX_ANGLE else None


def _blobs(mask: np.ndarray, cell: int) -> list[tuple[int, np.ndarray, tuple[int, int, int, int]]]:
    """Groups of ink: cells of ``cell`` pixels holding ink, touching (diagonals too). For each group
    its ink, its cells (grown by one cell) as a pixel mask, and their pixel box (left, top, right, bottom)."""
    height, width = mask.shape
    rows, cols = -(-height // cell), -(-width // cell)
    padded = np.zeros((rows * cell, cols * cell), dtype=bool)
    padded[:height, :width] = mask
    counts = padded.reshape(rows, cell, cols, cell).sum(axis=(1, 3))
    on = counts >= 3
    seen = np.zeros(on.shape, dtype=bool)
    found = []
    for r, c in zip(*np.nonzero(on), strict=True):
        if seen[r, c]:
            continue
        group = _group(on, seen, (int(r), int(c)))
        ink = int(sum(counts[y, x] for y, x in group))
        if ink < MIN_BLOB_PX:
            continue
        grid = np.zeros(on.shape, dtype=bool)
        for y, x in group:
            grid[max(0, y - 1) : y + 2, max(0, x - 1) : x + 2] = True
        pixels = np.kron(grid, np.ones((cell, cell), dtype=bool))[:height, :width]
        ys, xs = np.nonzero(grid)
        box = (int(xs.min()) * cell, int(ys.min()) * cell, min(width, (int(xs.max()) + 1) * cell), min(height, (int(ys.max()) + 1) * cell))
        found.append((ink, pixels, box))
    return found


def _group(on: np.ndarray, seen: np.ndarray, start: tuple[int, int]) -> list[tuple[int, int]]:
    """The cells connected to ``start`` (marked in ``seen``)."""
    rows, cols = on.shape
    stack, group = [start], []
    seen[start] = True
    while stack:
        y, x = stack.pop()
        group.append((y, x))
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                ny, nx = y + dy, x + dx
                if 0 <= ny < rows and 0 <= nx < cols and on[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    stack.append((ny, nx))
    return group


def covered(word, angled: Sequence) -> bool:
    """Most of an upright word's box lies inside the boxes of words read at an angle."""
    x0, y0, x1, y1 = word.box
    if x1 <= x0 or y1 <= y0:
        return False
    inside = np.zeros((y1 - y0, x1 - x0), dtype=bool)
    for a in angled:
        inside[max(0, a.box[1] - y0) : max(0, a.box[3] - y0), max(0, a.box[0] - x0) : max(0, a.box[2] - x0)] = True
    return bool(inside.mean() > 0.5)
