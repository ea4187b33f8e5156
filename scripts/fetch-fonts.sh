#!/usr/bin/env bash
# Re-extracts the PDF fonts committed under assets/fonts/ from Debian packages.
# Developer tool only: CI does not run it (the fonts are committed). It documents where
# every file comes from; see assets/fonts/README.md for the licences.
#
# Needs: apt-get (Debian 12), dpkg, python3 with fontTools (`pip install fonttools`) to slim
# the Fandol outlines (scripts/slim-font.py) and to cut
# the Simplified Chinese face out of the Noto Serif CJK collections and drop the scripts
# (Hangul, kana, …) the report never uses.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/assets/fonts"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# 1. Fandol (GPLv3 with font exception), from texlive-lang-chinese.
( cd "$work" && apt-get download texlive-lang-chinese )
dpkg -x "$work"/texlive-lang-chinese_*.deb "$work/tl"
fandol="$work/tl/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
# Simplified outlines: the sample PDF 440 → 278 KB (see assets/fonts/README.md).
pids=()
for f in FandolFang-Regular FandolHei-Regular FandolKai-Regular FandolSong-Regular; do
  python3 "$here/scripts/slim-font.py" "$fandol/$f.otf" "$out/$f.otf" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
zcat "$work/tl/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz" > "$out/LICENSE-Fandol-GPL3.txt"
cp "$work/tl/usr/share/doc/texlive-doc/fonts/fandol/README" "$out/README-Fandol.txt"

# 2. Noto Serif CJK SC Bold and Regular (SIL OFL 1.1), from fonts-noto-cjk.
noto=/usr/share/fonts/opentype/noto
copyright=/usr/share/doc/fonts-noto-cjk/copyright
if [ ! -f "$noto/NotoSerifCJK-Bold.ttc" ] || [ ! -f "$copyright" ]; then
  ( cd "$work" && apt-get download fonts-noto-cjk )
  dpkg -x "$work"/fonts-noto-cjk_*.deb "$work/noto"
  noto="$work/noto/usr/share/fonts/opentype/noto"
  copyright="$work/noto/usr/share/doc/fonts-noto-cjk/copyright"
fi
python3 - "$noto" "$work" <<'PY'
import sys
from fontTools.ttLib import TTCollection
src, work = sys.argv[1], sys.argv[2]
for weight in ("Bold", "Regular"):
    c = TTCollection(f"{src}/NotoSerifCJK-{weight}.ttc")
    face = c.fonts[2]  # 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
    assert "SC" in face["name"].getDebugName(4), face["name"].getDebugName(4)
    face.save(f"{work}/NotoSerifSC-{weight}-full.otf")
PY
# Keep Latin, punctuation, symbols, CJK (incl. Ext. A and compatibility ideographs) and
# full-width forms; drop Hangul, kana and the other regions' glyph variants (25 MB → 9 MB).
ranges="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2100-214F,U+2150-218F,U+2190-21FF,U+2460-24FF,U+2500-257F,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+3200-33FF,U+3400-4DBF,U+4E00-9FFF,U+F900-FAFF,U+FE10-FE1F,U+FE30-FE4F,U+FF00-FFEF"
for weight in Bold Regular; do
  pyftsubset "$work/NotoSerifSC-$weight-full.otf" --unicodes="$ranges" --layout-features='' \
    --no-hinting --name-IDs='*' --name-languages='*' --output-file="$out/NotoSerifSC-$weight.otf" &
done
wait
python3 - "$out" "$copyright" <<'PY'
import sys
t = open(sys.argv[2]).read()
body = t[t.index("License: SIL-1.1\n -----"):].split("\nLicense: GPL")[0].split("\n")[1:]
text = "\n".join("" if l.strip() == "." else l[1:] for l in body)
hdr = "Noto Serif CJK (fonts-noto-cjk, Debian 12): Copyright 2017 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'. Copyright 2010-2012 Google Corporation.\n\n"
open(sys.argv[1] + "/LICENSE-NotoSerifCJK-OFL.txt", "w").write(hdr + text.strip() + "\n")
PY
ls -la "$out"
