#!/usr/bin/env bash
# Regenerates the transcription-accueil dataset from script.jsonl:
#   audio/*.wav      16 kHz, mono, 16-bit PCM WAV, one per utterance
#   data.jsonl       test items (ids ta-0001 ...)
#   few_shot.jsonl   few-shot exemplars (ids ta-fs-1 ...)
#   SHA256SUMS       checksums of every file in audio/ (check: sha256sum -c SHA256SUMS)
#
# Deterministic: the same script.jsonl gives the same bytes on every run on
# Debian 12 (espeak-ng 1.51, SoX 14.4.2). Nothing random is drawn here: every
# voice, speed, pitch and noise setting is written in script.jsonl, SoX runs
# with -R (repeatable: fixed seed, no timestamp) and -D (no dither), and the
# noise beds come from SoX's seeded generator.
#
# Needs the Debian packages: espeak-ng sox python3 coreutils.
# Usage: datasets/transcription-accueil/generate.sh   (from any directory)
set -euo pipefail
export LC_ALL=C.UTF-8

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

for tool in espeak-ng sox python3 sha256sum; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "generate.sh: $tool not found (apt-get install espeak-ng sox python3)" >&2
    exit 2
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rate=16000

# Noise beds: 60 s of each colour, from SoX's generator seeded by -R. Each noisy
# utterance takes a slice at the offset given in script.jsonl.
for colour in whitenoise pinknoise brownnoise; do
  sox -R -D -n -r "$rate" -c 1 -b 16 "$tmp/$colour.wav" synth 60 "$colour"
done

# One tab-separated row per utterance: id voice speed pitch noise-colour level offset.
# The text itself goes to $tmp/<id>.txt so that no quoting is involved.
python3 - "$tmp" > "$tmp/plan.tsv" <<'PY'
import json, sys
tmp = sys.argv[1]
with open("script.jsonl", encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        with open(f"{tmp}/{r['id']}.txt", "w", encoding="utf-8") as t:
            t.write(r["text"] + "\n")
        n = r["noise"] or {"type": "-", "level": 0, "offset_s": 0}
        print("\t".join(str(x) for x in (r["id"], r["voice"], r["speed"], r["pitch"],
                                          n["type"], n["level"], n["offset_s"])))
PY

rm -rf audio
mkdir audio
while IFS=$'\t' read -r id voice speed pitch colour level offset; do
  # espeak-ng writes 22 050 Hz mono; -b 1 reads the text as UTF-8.
  espeak-ng -b 1 -v "$voice" -s "$speed" -p "$pitch" -w "$tmp/$id.raw.wav" -f "$tmp/$id.txt"
  # Resample to 16 kHz, trim leading and trailing silence, peak-normalise to
  # -3 dBFS, then pad with 0.1 s of silence before and 0.2 s after.
  sox -R -D "$tmp/$id.raw.wav" -r "$rate" -c 1 -b 16 "$tmp/$id.speech.wav" \
    silence 1 0.02 0.3% reverse silence 1 0.02 0.3% reverse norm -3 pad 0.1 0.2
  if [ "$colour" = "-" ]; then
    cp "$tmp/$id.speech.wav" "audio/$id.wav"
  else
    samples=$(soxi -s "$tmp/$id.speech.wav")
    sox -R -D "$tmp/$colour.wav" "$tmp/$id.noise.wav" trim "$offset" "${samples}s"
    sox -R -D -m -v 1 "$tmp/$id.speech.wav" -v "$level" "$tmp/$id.noise.wav" "audio/$id.wav"
  fi
done < "$tmp/plan.tsv"

# data.jsonl and few_shot.jsonl: reference = the exact text given to espeak-ng.
python3 - "$tmp" <<'PY'
import array, json, math, sys, wave
tmp = sys.argv[1]

def samples(path):
    with wave.open(path, "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 16000), path
        a = array.array("h")
        a.frombytes(w.readframes(w.getnframes()))
        return a

def rms(a):
    return math.sqrt(sum(x * x for x in a) / len(a))

data, few = [], []
with open("script.jsonl", encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        audio = samples(f"audio/{r['id']}.wav")
        meta = {"voice": r["voice"], "speed": r["speed"], "pitch": r["pitch"],
                "noise": r["noise"] is not None, "kind": r["kind"],
                "duration_s": round(len(audio) / 16000, 2)}
        if r["noise"] is not None:
            speech = samples(f"{tmp}/{r['id']}.speech.wav")
            noise = samples(f"{tmp}/{r['id']}.noise.wav")
            meta["noise_type"] = r["noise"]["type"].replace("noise", "")
            meta["snr_db"] = round(20 * math.log10(rms(speech) / (r["noise"]["level"] * rms(noise))), 1)
        meta["written_form"] = r["written"]
        item = {"id": r["id"], "audio": f"audio/{r['id']}.wav", "reference": r["text"], "meta": meta}
        (few if r["id"].startswith("ta-fs-") else data).append(item)

for name, items in (("data.jsonl", data), ("few_shot.jsonl", few)):
    with open(name, "w", encoding="utf-8", newline="\n") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
print(f"generate.sh: {len(data)} test items, {len(few)} few-shot items", file=sys.stderr)
PY

(cd audio && LC_ALL=C ls -1 -- *.wav) | sed 's|^|audio/|' | xargs sha256sum > SHA256SUMS
echo "generate.sh: $(wc -l < SHA256SUMS) audio files, $(du -cb audio/*.wav | tail -1 | cut -f1) bytes" >&2
