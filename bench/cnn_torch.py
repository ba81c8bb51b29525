#!/usr/bin/python3
# cnn_torch.py — the lecture's CNN (see bench_cnn.lua) in PyTorch on the same IDX files, channels
# first as PyTorch wants them, Adam lr 1e-3, batch 32, shuffled, PyTorch's default threads
# (TORCH_THREADS=n sets them).
# Prints "key=value" lines for bench_cnn.sh: torch_cnn_epoch_s (the last epoch, scaled to 60,000
# images), torch_threads, torch_version, torch_cnn_peak_rss_mb, torch_cnn_train_loss, torch_cnn_train_accuracy.
# Usage: cnn_torch.py [rows [epochs [data_dir]]]
import gzip, os, resource, sys, time

import numpy as np
import torch

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
data_dir = sys.argv[3] if len(sys.argv) > 3 else "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


x = idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz"))[:rows]
y = idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz"))[:rows]
rows = x.shape[0]
x = torch.from_numpy(x.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
y = torch.from_numpy(y.astype(np.int64))

if os.environ.get("TORCH_THREADS"):
    torch.set_num_threads(int(os.environ["TORCH_THREADS"]))
torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Conv2d(1, 32, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Conv2d(32, 64, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Flatten(), torch.nn.Linear(1600, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10),
)
loss_fn = torch.nn.CrossEntropyLoss()      # softmax + cross-entropy, fused, as lunet's
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
bs = 32
for epoch in range(epochs):
    t0 = time.perf_counter()
    perm = torch.randperm(rows)
    loss_sum, correct = 0.0, 0
    for i in range(0, rows, bs):
        b = perm[i:i + bs]
        out = model(x[b])
        loss = loss_fn(out, y[b])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        loss_sum += loss.item() * len(b)
        correct += (out.argmax(1) == y[b]).sum().item()
    seconds = time.perf_counter() - t0
print("torch_cnn_epoch_s=%.3f" % (seconds * 60000 / rows))
print("torch_threads=%d" % torch.get_num_threads())
print("torch_version=%s" % torch.__version__)
print("torch_cnn_peak_rss_mb=%.1f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
print("torch_cnn_train_loss=%.4f" % (loss_sum / rows))
print("torch_cnn_train_accuracy=%.4f" % (correct / rows))
