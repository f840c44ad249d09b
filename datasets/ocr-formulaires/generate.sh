#!/usr/bin/env bash
# Regenerates the ocr-formulaires dataset from documents.jsonl:
#   images/*.png     8-bit grayscale PNG, one per document
#   data.jsonl       test items (ids ocr-0001 ...)
#   few_shot.jsonl   few-shot exemplars (ids ocr-fs-1 ...)
#   SHA256SUMS       checksums of every file in images/ (check: sha256sum -c SHA256SUMS)
#
# Deterministic: the same documents.jsonl gives the same bytes on every run on
# Debian 12 (ImageMagick 6.9.11, the fonts listed below). Nothing random is
# drawn here: layout, fonts and every degradation parameter (including the
# noise seed) are written in documents.jsonl; ImageMagick runs on one thread
# (seeded noise must not depend on thread scheduling) and the PNG files carry
# no date, time or other metadata.
#
# Needs the Debian packages: imagemagick fonts-dejavu-core fonts-liberation
# fonts-freefont-ttf python3 coreutils. ImageMagick is called by its full path,
# /usr/bin/convert, so that no other "convert" on PATH is picked up.
# Usage: datasets/ocr-formulaires/generate.sh   (from any directory)
set -euo pipefail
export LC_ALL=C.UTF-8
export MAGICK_THREAD_LIMIT=1 OMP_NUM_THREADS=1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

convert=/usr/bin/convert
if [ ! -x "$convert" ]; then
  echo "generate.sh: $convert not found (apt-get install imagemagick)" >&2
  exit 2
fi
for tool in python3 sha256sum; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "generate.sh: $tool not found" >&2
    exit 2
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf images
mkdir images

python3 - "$convert" "$tmp" <<'PY'
import json, os, subprocess, sys

CONVERT, TMP = sys.argv[1], sys.argv[2]
DJ = "/usr/share/fonts/truetype/dejavu/"
LIB = "/usr/share/fonts/truetype/liberation/"
FREE = "/usr/share/fonts/truetype/freefont/"
# family -> (regular, bold, italic)
FONTS = {
    "DJ_SANS": (DJ + "DejaVuSans.ttf", DJ + "DejaVuSans-Bold.ttf", DJ + "DejaVuSans-Oblique.ttf"),
    "DJ_SERIF": (DJ + "DejaVuSerif.ttf", DJ + "DejaVuSerif-Bold.ttf", DJ + "DejaVuSerif-Italic.ttf"),
    "DJ_MONO": (DJ + "DejaVuSansMono.ttf", DJ + "DejaVuSansMono-Bold.ttf", DJ + "DejaVuSansMono-Oblique.ttf"),
    "LIB_SANS": (LIB + "LiberationSans-Regular.ttf", LIB + "LiberationSans-Bold.ttf", LIB + "LiberationSans-Italic.ttf"),
    "LIB_SERIF": (LIB + "LiberationSerif-Regular.ttf", LIB + "LiberationSerif-Bold.ttf", LIB + "LiberationSerif-Italic.ttf"),
    "LIB_MONO": (LIB + "LiberationMono-Regular.ttf", LIB + "LiberationMono-Bold.ttf", LIB + "LiberationMono-Italic.ttf"),
    "FREE_SANS": (FREE + "FreeSans.ttf", FREE + "FreeSansBold.ttf", FREE + "FreeSansOblique.ttf"),
    "FREE_SERIF": (FREE + "FreeSerif.ttf", FREE + "FreeSerifBold.ttf", FREE + "FreeSerifItalic.ttf"),
}
for files in FONTS.values():
    for f in files:
        if not os.path.exists(f):
            sys.exit(f"generate.sh: font {f} missing (apt-get install fonts-dejavu-core fonts-liberation fonts-freefont-ttf)")

# Written into every PNG: no date/time chunks, no text chunks, fixed gray 8-bit.
PNG_OUT = ["-strip", "+set", "date:create", "+set", "date:modify",
           "-define", "png:exclude-chunks=date,time", "-define", "png:color-type=0",
           "-define", "png:bit-depth=8", "-define", "png:compression-level=9"]


def im(*args):
    return subprocess.run([CONVERT, "-limit", "thread", "1", *args], check=True,
                          stdout=subprocess.PIPE).stdout.decode()


def q(text):
    assert '"' not in text and "\\" not in text and "%" not in text, text
    return '"' + text + '"'


def measure(font, size, texts):
    """Advance widths in pixels of each text, as ImageMagick renders it."""
    if not texts:
        return []
    args = []
    for t in texts:
        args += ["-font", font, "-pointsize", str(size), "label:" + t]
    out = im(*args, "-format", "%w\n", "info:")
    return [int(x) for x in out.split()]


def layout(doc):
    """MVG drawing commands and canvas size for one document."""
    r = doc["render"]
    W, S = r["width"], r["size"]
    reg, bold, ital = FONTS[r["family"]]
    vreg = FONTS[r["value_family"]][0]
    m = round(0.075 * W)
    labels = [ln["label"] for ln in doc["lines"] if ln["style"] == "field" and ln["label"]]
    col = max(measure(reg, S, labels), default=0) + round(0.8 * S)
    draw = ["fill black", "stroke none"]
    y = m
    is_form = doc["kind"] == "formulaire"

    def text(font, size, x, yy, t, anchor="start"):
        draw.extend([f"font '{font}'", f"font-size {size}", f"text-anchor {anchor}",
                     f"text {x},{yy} {q(t)}"])

    lines = doc["lines"]
    for i, ln in enumerate(lines):
        st = ln["style"]
        if st == "gap":
            y += round(ln["height"] * 1.5 * S)
        elif st == "header":
            size = round(0.9 * S)
            y += round(1.45 * size)
            text(bold, size, m, y, ln["text"])
        elif st == "title":
            size = round(1.3 * S)
            y += round(1.45 * size)
            text(bold, size, W // 2, y, ln["text"], "middle")
        elif st == "section":
            y += round(1.75 * S)
            draw.extend(["fill '#e4e4e4'", f"rectangle {m - 10},{y - round(1.05 * S)} {W - m + 10},{y + round(0.4 * S)}",
                         "fill black"])
            text(bold, S, m, y, ln["text"])
        elif st == "field":
            y += round(1.5 * S)
            if ln["label"]:
                text(reg, S, m, y, ln["label"])
            text(vreg, S, m + col, y, ln["value"])
            draw.extend(["stroke '#8c8c8c'", "stroke-width 1", "stroke-dasharray 2 4",
                         f"line {m + col - 6},{y + round(0.3 * S)} {W - m},{y + round(0.3 * S)}",
                         "stroke-dasharray none", "stroke none"])
        elif st == "text":
            y += round(1.5 * S)
            text(reg, S, m, y, ln["text"])
        elif st == "small":
            size = round(0.8 * S)
            y += round(1.5 * size)
            text(ital, size, m, y, ln["text"])
        elif st == "right":
            y += round(1.5 * S)
            text(reg, S, W - m, y, ln["text"], "end")
        elif st == "block":
            y += round(1.5 * S)
            text(reg, S, round(0.55 * W), y, ln["text"])
        else:
            raise ValueError(st)
        if st == "title" and is_form and (i + 1 == len(lines) or lines[i + 1]["style"] != "title"):
            # a rule under the last title line
            draw.extend(["stroke black", "stroke-width 2",
                         f"line {m},{y + round(0.5 * S)} {W - m},{y + round(0.5 * S)}", "stroke none"])
    H = y + m
    if is_form:
        f = round(0.4 * m)
        draw.extend(["fill none", "stroke black", "stroke-width 2", f"rectangle {f},{f} {W - f},{H - f}"])
    return W, H, m, "\n".join(draw)


def reference(doc):
    out = []
    for ln in doc["lines"]:
        st = ln["style"]
        if st == "gap":
            continue
        if st == "field":
            out.append((ln["label"] + " " + ln["value"]) if ln["label"] else ln["value"])
        else:
            out.append(ln["text"])
    return "\n".join(out)


def render(doc):
    W, H, m, mvg = layout(doc)
    clean = f"{TMP}/{doc['id']}.clean.png"
    im("-size", f"{W}x{H}", "xc:white", "-draw", mvg, "-colorspace", "Gray", "-depth", "8", clean)
    # Nothing may be drawn in the right margin (text that does not fit).
    x0, x1 = W - m + 14, W - round(0.45 * m)
    mean = im(clean, "-crop", f"{x1 - x0}x{H - 2 * m}+{x0}+{m}", "+repage", "-format", "%[fx:minima]", "info:")
    if float(mean) < 1.0:
        sys.exit(f"generate.sh: {doc['id']}: text runs into the right margin, rewrap documents.jsonl")
    stage = [clean]
    for op in doc["render"]["degradation"]:
        o = op["op"]
        if o == "rotate":
            stage += ["-background", "white", "-rotate", str(op["degrees"])]
        elif o == "blur":
            stage += ["-blur", f"0x{op['sigma']}"]
        elif o == "lowres":
            p = op["scale_percent"]
            stage += ["-resize", f"{p}%", "-resize", f"{10000 / p:.4f}%"]
        elif o == "fade":
            stage += ["+level", f"{op['black_percent']}%,{op['white_percent']}%"]
        elif o == "noise":
            # seeded Gaussian noise; pixels lighter than the threshold go back to
            # white, which leaves sparse speckles (and keeps the PNG small)
            stage += ["-seed", str(op["seed"]), "-attenuate", str(op["attenuate"]), "+noise", "Gaussian",
                      "-white-threshold", f"{op['white_threshold_percent']}%"]
        elif o == "jpeg":
            jpg = f"{TMP}/{doc['id']}.jpg"
            im(*stage, "-colorspace", "Gray", "-strip", "-quality", str(op["quality"]), jpg)
            stage = [jpg]
        else:
            raise ValueError(o)
    if doc["render"]["degradation"]:
        # degraded images keep 16 gray levels, which halves their size
        stage += ["-colorspace", "Gray", "-posterize", "16"]
    im(*stage, "-colorspace", "Gray", "-depth", "8", *PNG_OUT, f"images/{doc['id']}.png")


data, few = [], []
with open("documents.jsonl", encoding="utf-8") as f:
    docs = [json.loads(line) for line in f]
for doc in docs:
    render(doc)
    r = doc["render"]
    meta = {"font": r["font"], "value_font": r["value_font"], "size_px": r["size"],
            "degradation": [op["op"] for op in r["degradation"]], "kind": doc["kind"],
            "template": doc["template"]}
    item = {"id": doc["id"], "image": f"images/{doc['id']}.png", "reference": reference(doc),
            "fields": doc["fields"], "meta": meta}
    (few if doc["id"].startswith("ocr-fs-") else data).append(item)

for name, items in (("data.jsonl", data), ("few_shot.jsonl", few)):
    with open(name, "w", encoding="utf-8", newline="\n") as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
print(f"generate.sh: {len(data)} test items, {len(few)} few-shot items", file=sys.stderr)
PY

(cd images && LC_ALL=C ls -1 -- *.png) | sed 's|^|images/|' | xargs sha256sum > SHA256SUMS
echo "generate.sh: $(wc -l < SHA256SUMS) images, $(du -cb images/*.png | tail -1 | cut -f1) bytes" >&2
