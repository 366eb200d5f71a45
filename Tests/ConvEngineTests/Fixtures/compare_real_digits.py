"""Trains the teaching net on real handwritten digits with ConvLab and with PyTorch and prints
both test accuracies over five seeds, so the two can be compared on data neither one drew.

The digits are the UCI optical-recognition set that scikit-learn ships (1,797 images of 8×8,
16 grey levels): shuffled with a fixed seed, scaled to [0, 1], upsampled to 28×28 (bilinear),
stored as bytes and written as MNIST IDX files (1,397 train, 400 test). ConvLab reads them with
`--data idx:DIR`; PyTorch trains the same nn.Sequential on the same bytes / 255 with SGD (lr
0.05, momentum 0.9, batch 64, reshuffled each epoch), as `convlab train` does by default.

Needs torch, numpy and scikit-learn; nothing is downloaded:
    python3 -m venv ENV && ENV/bin/pip install "torch==2.13.0+cpu" numpy scikit-learn
    swift build -c release
    ENV/bin/python Tests/ConvEngineTests/Fixtures/compare_real_digits.py .build/release/convlab [EPOCHS] [IDX_DIR]
The tests never run Python.
"""
import json
import pathlib
import struct
import subprocess
import sys
import tempfile

import numpy as np
import torch
from sklearn.datasets import load_digits

TRAIN = 1397
SEEDS = range(5)


def write_idx(path, array, magic):
    with open(path, "wb") as file:
        file.write(struct.pack(">I", magic))
        for size in array.shape:
            file.write(struct.pack(">I", size))
        file.write(array.tobytes())


def real_digits(folder):
    digits = load_digits()
    order = np.random.default_rng(0).permutation(len(digits.target))
    images = torch.from_numpy(digits.images[order] / 16.0).float().unsqueeze(1)  # N×1×8×8
    large = torch.nn.functional.interpolate(images, size=(28, 28), mode="bilinear", align_corners=False)
    pixels = np.clip(np.rint(large.numpy()[:, 0] * 255), 0, 255).astype(np.uint8)  # N×28×28
    labels = digits.target[order].astype(np.uint8)
    write_idx(folder / "train-images-idx3-ubyte", pixels[:TRAIN], 0x803)
    write_idx(folder / "train-labels-idx1-ubyte", labels[:TRAIN], 0x801)
    write_idx(folder / "t10k-images-idx3-ubyte", pixels[TRAIN:], 0x803)
    write_idx(folder / "t10k-labels-idx1-ubyte", labels[TRAIN:], 0x801)
    return pixels, labels


def pytorch_accuracy(pixels, labels, seed, epochs, lr=0.05, batch=64):
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(16 * 7 * 7, 10))
    x = torch.from_numpy(pixels).float().unsqueeze(1) / 255
    y = torch.from_numpy(labels).long()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    shuffle = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        order = torch.randperm(TRAIN, generator=shuffle)
        for start in range(0, TRAIN, batch):
            chosen = order[start:start + batch]
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(model(x[chosen]), y[chosen]).backward()
            optimizer.step()
    with torch.no_grad():
        return (model(x[TRAIN:]).argmax(1) == y[TRAIN:]).float().mean().item()


def convlab_accuracy(convlab, folder, seed, epochs):
    run = subprocess.run([convlab, "train", "--data", f"idx:{folder}", "--epochs", str(epochs),
                          "--seed", str(seed), "--json"], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)["test_accuracy"]


def main():
    convlab = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    folder = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    pixels, labels = real_digits(folder)
    ours = [convlab_accuracy(convlab, folder, seed, epochs) for seed in SEEDS]
    theirs = [pytorch_accuracy(pixels, labels, seed, epochs) for seed in SEEDS]
    print(f"real digits: {TRAIN} train, {len(labels) - TRAIN} test, {epochs} epochs, seeds {list(SEEDS)}")
    for name, accuracies in (("convlab", ours), ("pytorch", theirs)):
        print(f"{name}: " + " ".join(f"{a:.4f}" for a in accuracies) + f"  mean {np.mean(accuracies):.4f}")


if __name__ == "__main__":
    main()
