"""Checks a ConvLab checkpoint against PyTorch: loads it into the equivalent nn.Sequential with
load_state_dict (strict, so every key and shape must match) and compares PyTorch's logits with
the ones ConvLab computed for the same images.

    convlab train --epochs 1 --train-size 2000 --save model.npz --export-logits probe.npz
    ENV/bin/python check_checkpoint.py model.npz probe.npz

probe.npz holds images (N×1×28×28), labels and logits (N×10) as ConvLab wrote them. Prints the
largest logit difference and exits 1 if it exceeds 1e-4. Needs torch and numpy (see
make_training_fixtures.py); the Swift tests do not run it.
"""
import sys

import numpy as np
import torch

from teaching_net import teaching_net


def main(checkpoint, probe):
    model = teaching_net()
    with np.load(checkpoint) as f:
        model.load_state_dict({k: torch.from_numpy(v) for k, v in f.items()})
    with np.load(probe) as f:
        images, logits = f["images"], f["logits"]
    with torch.no_grad():
        torch_logits = model(torch.from_numpy(images)).numpy()
    difference = float(np.abs(torch_logits - logits).max())
    agree = (torch_logits.argmax(1) == logits.argmax(1)).all()
    print(f"load_state_dict: ok ({len(model.state_dict())} tensors); {len(images)} images; "
          f"max |logit difference| = {difference:.3g}; same predictions: {bool(agree)}")
    return 0 if difference <= 1e-4 and agree else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
