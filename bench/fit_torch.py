#!/usr/bin/python3
# fit_torch.py — the lecture's Fashion-MNIST MLP (784-128-64-10, ReLU, softmax + cross-entropy,
# Adam lr 1e-3, batch 128, shuffled every epoch) in PyTorch, on the same IDX files lunet reads,
# with PyTorch's default number of threads. Prints one "key=value" per line for bench_fit.sh:
#   torch_threads, torch_epoch_s (median of epochs 2..N), torch_epochs_s (all), torch_peak_rss_mb,
#   torch_train_loss, torch_train_accuracy (last epoch's running means, as Keras prints them).
# Usage: fit_torch.py [epochs] [data_dir]
import gzip, os, resource, statistics, sys, time

import numpy as np
import torch

epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
data_dir = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


x = torch.from_numpy(idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz")).astype(np.float32) / 255.0)
y = torch.from_numpy(idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz")).astype(np.int64))

torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Flatten(),
    torch.nn.Linear(784, 128), torch.nn.ReLU(),
    torch.nn.Linear(128, 64), torch.nn.ReLU(),
    torch.nn.Linear(64, 10),
)
loss_fn = torch.nn.CrossEntropyLoss()      # softmax + cross-entropy, fused, as lunet's
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
n, bs = x.shape[0], 128

times = []
for epoch in range(epochs):
    t0 = time.perf_counter()
    perm = torch.randperm(n)
    loss_sum = torch.zeros(())
    correct = torch.zeros((), dtype=torch.int64)
    for i in range(0, n, bs):
        idx_b = perm[i:i + bs]
        xb, yb = x[idx_b], y[idx_b]
        out = model(xb)
        loss = loss_fn(out, yb)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():                # the running metrics Keras shows
            loss_sum += loss.detach() * yb.shape[0]
            correct += (out.argmax(1) == yb).sum()
    times.append(time.perf_counter() - t0)

print("torch_threads=%d" % torch.get_num_threads())
print("torch_version=%s" % torch.__version__)
print("torch_epoch_s=%.4f" % statistics.median(times[1:] if len(times) > 1 else times))
print("torch_epochs_s=%s" % ",".join("%.3f" % t for t in times))
print("torch_peak_rss_mb=%.1f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0))
print("torch_train_loss=%.4f" % (loss_sum.item() / n))
print("torch_train_accuracy=%.4f" % (correct.item() / n))
