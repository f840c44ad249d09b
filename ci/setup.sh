#!/usr/bin/env bash
# Installs, only when missing, the Debian 12 packages that etalon's build,
# tests and demo need. Idempotent: a second run installs nothing and exits 0.
# Runs as root (or through sudo when present). Nothing is downloaded outside apt.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config git
  # libraries (see docs/dependencies.md for why each is here)
  nlohmann-json3-dev libyaml-cpp-dev libcurl4-openssl-dev libeigen3-dev
  libboost-program-options-dev libboost-dev catch2 libbenchmark-dev
  libfmt-dev libspdlog-dev libutf8proc-dev libssl-dev libkainjow-mustache-dev
  # local engines run for real by the command adapter's tests and the demo
  tesseract-ocr tesseract-ocr-fra apertium apertium-fr-es pocketsphinx pocketsphinx-en-us
  # headless browser for the HTML report tests (tests/reports/test_html_browser.cpp)
  chromium
  # a one-node Slurm for the sharding test (ci/slurm/test_slurm.sh), jq to compare its summaries
  slurm-wlm munge jq
  # the fuzz and tsan presets: clang 14 and libFuzzer (docs/testing.md)
  clang-14 libfuzzer-14-dev
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "ci/setup.sh: all ${#packages[@]} packages already installed"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "ci/setup.sh: missing packages (${missing[*]}) and not root; install them or rerun as root" >&2
    exit 2
  fi
fi

echo "ci/setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
