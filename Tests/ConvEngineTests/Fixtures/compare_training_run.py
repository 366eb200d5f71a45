"""Trains the teaching net with `convlab train` and with PyTorch from the same initial weights,
on the same IDX images in the same order (no shuffling) with the same learning rate, and prints
the largest difference between the two sets of weights after each epoch. Beside it, as a yard
stick, it prints how far PyTorch moves from itself when its starting weights are nudged by
1e-7: plain SGD amplifies rounding, so a long run can never match closer than that.

Needs torch and numpy, and IDX files (compare_real_digits.py writes some):
    ENV/bin/python Tests/ConvEngineTests/Fixtures/compare_real_digits.py .build/release/convlab 10 DIR
    ENV/bin/python Tests/ConvEngineTests/Fixtures/compare_training_run.py .build/release/convlab DIR [EPOCHS] [LR] [SEED]
The tests never run Python.
"""
import pathlib
import struct
import subprocess
import sys
import tempfile

import numpy as np
import torch

from teaching_net import teaching_net

BATCH = 64


def read_idx(path):
    data = pathlib.Path(path).read_bytes()
    dimensions = struct.unpack(">I", data[:4])[0] & 0xFF
    shape = struct.unpack(">" + "I" * dimensions, data[4:4 + 4 * dimensions])
    return np.frombuffer(data[4 + 4 * dimensions:], np.uint8).reshape(shape)


def pytorch_run(state, x, y, epochs, lr, nudge=0.0):
    """The state_dict after each epoch of SGD (momentum 0.9) over x in order."""
    model = teaching_net()
    model.load_state_dict(state)
    if nudge:
        generator = torch.Generator().manual_seed(1)
        with torch.no_grad():
            for parameter in model.parameters():
                parameter.add_(nudge * torch.randn(parameter.shape, generator=generator))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    after = []
    for _ in range(epochs):
        for start in range(0, len(x), BATCH):
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(model(x[start:start + BATCH]), y[start:start + BATCH]).backward()
            optimizer.step()
        after.append({k: v.detach().clone().numpy() for k, v in model.state_dict().items()})
    return after


def largest_difference(a, b):
    return max(float(np.abs(a[k] - b[k]).max()) for k in a)


def main():
    convlab, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    lr = float(sys.argv[4]) if len(sys.argv) > 4 else 0.01
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    x = torch.from_numpy(read_idx(folder / "train-images-idx3-ubyte").astype(np.float32) / 255).unsqueeze(1)
    y = torch.from_numpy(read_idx(folder / "train-labels-idx1-ubyte").astype(np.int64))
    torch.manual_seed(seed)
    state = teaching_net().state_dict()
    work = pathlib.Path(tempfile.mkdtemp())
    np.savez(work / "init.npz", **{k: v.numpy() for k, v in state.items()})
    reference = pytorch_run(state, x, y, epochs, lr)
    nudged = pytorch_run(state, x, y, epochs, lr, nudge=1e-7)
    print(f"{len(x)} images, batch {BATCH}, lr {lr}, momentum 0.9, PyTorch init seed {seed}")
    for epoch in range(1, epochs + 1):
        subprocess.run([convlab, "train", "--data", f"idx:{folder}", "--init", str(work / "init.npz"), "--no-shuffle",
                        "--epochs", str(epoch), "--batch", str(BATCH), "--lr", str(lr), "--threads", "1",
                        "--save", str(work / "out.npz")], check=True, capture_output=True)
        with np.load(work / "out.npz") as ours:
            ours = dict(ours)
        print(f"epoch {epoch}: convlab vs PyTorch {largest_difference(ours, reference[epoch - 1]):.1e}; "
              f"PyTorch vs PyTorch nudged by 1e-7 {largest_difference(nudged[epoch - 1], reference[epoch - 1]):.1e}")


if __name__ == "__main__":
    main()
