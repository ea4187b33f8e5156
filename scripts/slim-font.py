#!/usr/bin/env python3
"""Rewrites a CFF OpenType font's outlines with fewer segments, for smaller PDFs.

Usage: slim-font.py IN.otf OUT.otf

Why: the Fandol fonts draw every stroke edge as many short, nearly straight cubic
segments (FandolFang: about 65 curves a glyph, Noto Serif CJK: 19), so the subset of
the 700-odd characters a report uses compresses to 340 KB and the sample report's PDF
came out at 440 KB against the 300 KB target of the [pdf] issue.

What changes, and by how much: a curve whose control points lie within LINE_TOL font
units of its chord becomes a line; consecutive lines that stay within LINE_TOL of one
straight line become one line; each run of curves is refitted with the fewest cubics
that stay within CURVE_TOL (fontTools cu2qu then qu2cu). Hints are dropped (the
exporter and the editor draw at print or screen sizes where they do nothing). At 2
units of a 1000-unit em (2.5 for refitted curves, plus 0.5 for rounding to whole
units) the largest move is under 0.02 mm at 三号 (16 pt), less than half a 600 dpi
printer's dot. Advance widths, metrics, cmap and every other table are kept.

A developer tool (scripts/fetch-fonts.sh calls it), not run by the build or CI:
the slimmed fonts are committed under assets/fonts/. Needs fontTools.
"""

import math
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.qu2cuPen import Qu2CuPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.misc.psCharStrings import T2WidthExtractor
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

LINE_TOL = 2.0
CURVE_TOL = 2.0
MARK = "outlines simplified by Fazhi Studio scripts/slim-font.py, 2026-11-28"


def distance_to_chord(p, a, b):
    """Distance from p to segment ab; infinite when p projects outside it (a cusp)."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = ((px - ax) * dx + (py - ay) * dy) / length2
    if t < 0 or t > 1:
        return math.inf
    return abs((px - ax) * dy - (py - ay) * dx) / math.sqrt(length2)


def straighten(ops):
    """Flat curves → lines; runs of nearly collinear lines → one line.

    Every point a line replaces (the corners it merged, the control points of the
    curves it flattened) stays within LINE_TOL of it.
    """
    out = []
    current = None  # the pen position
    run_start, run_points = None, []  # the open line run and the points it swallowed
    for op, args in ops:
        flattened = []
        if op == "curveTo":
            c1, c2, end = args
            if distance_to_chord(c1, current, end) <= LINE_TOL and distance_to_chord(c2, current, end) <= LINE_TOL:
                op, args, flattened = "lineTo", (end,), [c1, c2]
        if op == "lineTo":
            end = args[0]
            if out and out[-1][0] == "lineTo" and run_start is not None:
                middle = run_points + [out[-1][1][0]] + flattened
                if all(distance_to_chord(p, run_start, end) <= LINE_TOL for p in middle):
                    run_points = middle
                    out[-1] = ("lineTo", (end,))
                    current = end
                    continue
            run_start, run_points = current, flattened
            out.append((op, args))
            current = end
            continue
        run_start, run_points = None, []
        out.append((op, args))
        if args:
            current = args[-1]
    return out


def charstring_width(width, private):
    """The width operand of a Type 2 charstring: omitted when it is the font's
    default, else relative to nominalWidthX (CFF spec 4.3)."""
    default = getattr(private, "defaultWidthX", 0)
    nominal = getattr(private, "nominalWidthX", 0)
    return None if width == default else width - nominal


def slim(path_in, path_out):
    font = TTFont(path_in)
    names = font["name"]
    if any("scripts/slim-font.py" in str(r) for r in names.names):
        sys.exit(f"{path_in}: already simplified")
    cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    charstrings = top.CharStrings
    glyphs = font.getGlyphSet()
    hmtx = font["hmtx"]
    for name in font.getGlyphOrder():
        old = charstrings[name]
        recording = RecordingPen()
        glyphs[name].draw(recording)
        t2 = T2CharStringPen(charstring_width(hmtx[name][0], old.private), None, roundTolerance=0.5)
        fit = Cu2QuPen(
            Qu2CuPen(t2, max_err=CURVE_TOL, all_cubic=True),
            max_err=CURVE_TOL / 4,
            reverse_direction=False,
            all_quadratic=True,
        )
        RecordingPen.replay(type("Ops", (), {"value": straighten(recording.value)})(), fit)
        charstrings[name] = t2.getCharString(private=old.private, globalSubrs=old.globalSubrs)
    # The charstrings' widths must still agree with hmtx (PDF/A checks them against W).
    for name in font.getGlyphOrder():
        cs = charstrings[name]
        cs.decompile()
        private = cs.private
        probe = T2WidthExtractor(
            [], cs.globalSubrs, getattr(private, "nominalWidthX", 0), getattr(private, "defaultWidthX", 0)
        )
        probe.execute(cs)
        if probe.width != hmtx[name][0]:
            sys.exit(f"{path_in}: {name}: charstring width {probe.width} != hmtx {hmtx[name][0]}")
    # GPLv3 §5a: a modified version carries a notice saying so.
    for record in names.names:
        if record.nameID == 5:
            names.setName(f"{record.toUnicode()}; {MARK}", 5, record.platformID, record.platEncID, record.langID)
    font.save(path_out)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    slim(sys.argv[1], sys.argv[2])
