"""Regenerates Fixtures/training/teaching_net_torch.npz: the teaching net's weights as PyTorch
initialised them, a few images with PyTorch's logits for them, and the weights after two SGD
steps (momentum and weight decay) on one batch. TrainingReferenceTests loads the file and checks
that ConvLab, given the same weights and images, computes the same logits and the same steps.

Needs torch and numpy (committed file: torch 2.13.0+cpu, numpy 2.4):
    python3 -m venv ENV && ENV/bin/pip install "torch==2.13.0+cpu" numpy
    ENV/bin/python make_training_fixtures.py
The tests never run Python.

Keys: the state_dict ("0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias");
    images 5×1×28×28 float32 in [0, 1]; labels 5 (int64); logits 5×10;
    sgd float32 [lr, momentum, weight_decay];
    step1.<key>, step2.<key>: the state_dict after the first and the second step, both taken on
    the same batch (images, labels) with loss = F.cross_entropy (the batch mean).
"""
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

from teaching_net import teaching_net

HERE = pathlib.Path(__file__).resolve().parent
LR, MOMENTUM, WEIGHT_DECAY = 0.1, 0.9, 0.01


def main():
    torch.manual_seed(20240611)
    model = teaching_net()
    rng = np.random.default_rng(7)
    # Sparse bright strokes on a dark background, roughly like digits, so ReLUs and pools see
    # both signs and ties are unlikely.
    images = (rng.random((5, 1, 28, 28)) ** 4).astype(np.float32)
    labels = np.array([3, 1, 4, 1, 5], dtype=np.int64)
    arrays = {key: value.detach().numpy().copy() for key, value in model.state_dict().items()}
    x = torch.from_numpy(images)
    y = torch.from_numpy(labels)
    with torch.no_grad():
        arrays["logits"] = model(x).numpy().copy()
    arrays["images"] = images
    arrays["labels"] = labels
    arrays["sgd"] = np.array([LR, MOMENTUM, WEIGHT_DECAY], dtype=np.float32)

    optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    for step in (1, 2):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        for key, value in model.state_dict().items():
            arrays[f"step{step}.{key}"] = value.detach().numpy().copy()
    (HERE / "training").mkdir(exist_ok=True)
    np.savez_compressed(HERE / "training" / "teaching_net_torch.npz", **arrays)


if __name__ == "__main__":
    main()
