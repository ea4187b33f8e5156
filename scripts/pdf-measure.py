#!/usr/bin/env python3
"""Measures a PDF for the layout tests: every text line (text, left and right edge,
baseline, em-box top, size, fill colour, font) and every rule (drawn line or thin
rectangle, with its colour), in millimetres from the page's top-left corner, as JSON.

Used by crates/fazhi-layout/tests/official.rs on our PDF and on LibreOffice's rendering
of the DOCX. Needs pdfplumber (scripts/setup-test.sh installs it).

Usage: pdf-measure.py FILE.pdf [--pages N]
"""
import json
import sys

import pdfplumber

MM = 25.4 / 72.0
# Top of the ideographic em box above the baseline, in em (Adobe's em box: descent 0.12).
EM_ASCENT = 0.88


def colour(c):
    """Colour as [r, g, b] in 0..1 (grey and CMYK converted), or None."""
    if c is None:
        return None
    if isinstance(c, (int, float)):
        return [float(c)] * 3
    c = list(c)
    if len(c) == 1:
        return [float(c[0])] * 3
    if len(c) == 3:
        return [float(v) for v in c]
    if len(c) == 4:
        k = float(c[3])
        return [(1 - float(v)) * (1 - k) for v in c[:3]]
    return None


def lines_of(page):
    height = float(page.height)
    chars = sorted(page.chars, key=lambda ch: (round(height - ch["matrix"][5], 1), ch["x0"]))
    out = []
    for ch in chars:
        base = (height - ch["matrix"][5]) * MM
        size = float(ch["size"])
        if (out and abs(out[-1]["baseline_mm"] - base) < 0.3
                and abs(out[-1]["size_pt"] - size) < 0.5):
            line = out[-1]
        else:
            line = {
                "text": "", "x0_mm": ch["x0"] * MM, "x1_mm": ch["x1"] * MM,
                "baseline_mm": base, "top_mm": base - EM_ASCENT * size * MM,
                "size_pt": size, "color": colour(ch.get("non_stroking_color")),
                "font": ch.get("fontname", ""), "red_chars": 0,
                # [tracking #17] a 花脸稿's marked characters by colour.
                "red_text": "", "blue_text": "",
            }
            out.append(line)
        line["text"] += ch["text"]
        line["x0_mm"] = min(line["x0_mm"], ch["x0"] * MM)
        line["x1_mm"] = max(line["x1_mm"], ch["x1"] * MM)
        c = colour(ch.get("non_stroking_color"))
        if c and c[0] > 0.8 and c[1] < 0.4 and c[2] < 0.4:
            line["red_chars"] += 1
            line["red_text"] += ch["text"]
        if c and c[2] > 0.6 and c[0] < 0.3 and c[1] < 0.4:
            line["blue_text"] += ch["text"]
    for line in out:
        line["text"] = line["text"].strip()
    return [l for l in out if l["text"]]


def rules_of(page):
    height = float(page.height)
    out = []
    for l in page.lines:
        out.append({
            "x0_mm": l["x0"] * MM, "x1_mm": l["x1"] * MM,
            "y_mm": (l["top"] + l["bottom"]) / 2 * MM,
            "width_mm": float(l.get("linewidth") or 0) * MM,
            "color": colour(l.get("stroking_color")),
        })
    for r in page.rects:
        h = float(r["bottom"] - r["top"])
        if h < 2.0 and (r["x1"] - r["x0"]) > 50:
            out.append({
                "x0_mm": r["x0"] * MM, "x1_mm": r["x1"] * MM,
                "y_mm": (r["top"] + r["bottom"]) / 2 * MM, "width_mm": h * MM,
                "color": colour(r.get("non_stroking_color") if r.get("fill") else r.get("stroking_color")),
            })
    del height
    return out


def main():
    path = sys.argv[1]
    limit = None
    if "--pages" in sys.argv:
        limit = int(sys.argv[sys.argv.index("--pages") + 1])
    pages = []
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages):
            if limit is not None and i >= limit:
                break
            pages.append({"lines": lines_of(page), "rules": rules_of(page)})
    json.dump({"pages": pages}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
