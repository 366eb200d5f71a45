"""Regenerates Fixtures/reference/*.npz: convolution and pooling cases computed by PyTorch, the
independent reference ReferenceAgreementTests compares ConvLab's engine against.

Needs torch and numpy (the committed files were made with torch 2.13.0+cpu and numpy 2.4):
    python3 -m venv ENV && ENV/bin/pip install "torch==2.13.0+cpu" numpy
    ENV/bin/python make_reference.py
Files are written next to this script. The tests never run Python; they read the files.

Every case draws float32 inputs from a seeded generator, then computes in float64 so the stored
float32 answers are rounded once, from the exact result, rather than carrying float32
accumulation error. Geometries are chosen so the windows tile the padded input exactly,
(H + 2P - D(F - 1) - 1) divisible by S, because ConvLab refuses combinations that do not.

Keys of a convolution case (NCHW, weights OIHW, as in PyTorch):
    input N×C×H×W, weight K×C×FH×FW, bias K (absent without bias), grad_output N×K×OH×OW,
    output, grad_input, grad_weight, grad_bias (absent without bias),
    config int64 [stride_h, stride_w, pad_h, pad_w, dil_h, dil_w, flipped].
A flipped case is a true (mathematical) convolution: conv2d with the kernel rotated 180°,
torch.flip(weight, dims=[2, 3]); grad_weight is with respect to the unrotated weight.
Keys of a pooling case: input, grad_output, output, grad_input,
    config int64 [kind (0 max, 1 average), kernel, stride, padding]; average pooling counts
    padded zeros in the divisor (count_include_pad=True).
"""
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "reference"
RNG = np.random.default_rng(20240611)


def tiling_size(output, kernel, stride, padding, dilation):
    """The input size whose windows tile exactly into `output` positions."""
    return (output - 1) * stride + dilation * (kernel - 1) + 1 - 2 * padding


def float32_tensor(shape, scale=1.0):
    values = (RNG.standard_normal(shape) * scale).astype(np.float32)
    return torch.tensor(values.astype(np.float64), requires_grad=True)


def as_float32(tensor):
    return tensor.detach().numpy().astype(np.float32)


def save(name, arrays):
    np.savez(OUT / name, **arrays)


def convolution_case(name, kernel, stride, padding, dilation, bias, flipped):
    batch = int(RNG.integers(1, 3))
    in_channels = int(RNG.integers(1, 4))
    out_channels = int(RNG.integers(1, 5))
    sizes = []
    for axis in range(2):
        output = int(RNG.integers(2, 5))
        size = tiling_size(output, kernel[axis], stride[axis], padding[axis], dilation[axis])
        while size < 1:  # padding larger than the window needs: grow the output until it fits
            output += 1
            size = tiling_size(output, kernel[axis], stride[axis], padding[axis], dilation[axis])
        sizes.append(size)
    x = float32_tensor((batch, in_channels, sizes[0], sizes[1]))
    w = float32_tensor((out_channels, in_channels, kernel[0], kernel[1]), scale=0.5)
    b = float32_tensor((out_channels,)) if bias else None
    applied = torch.flip(w, dims=[2, 3]) if flipped else w
    y = F.conv2d(x, applied, b, stride=stride, padding=padding, dilation=dilation)
    g = float32_tensor(tuple(y.shape))
    y.backward(g)
    arrays = {
        "input": as_float32(x), "weight": as_float32(w), "grad_output": as_float32(g),
        "output": as_float32(y), "grad_input": as_float32(x.grad), "grad_weight": as_float32(w.grad),
        "config": np.array([*stride, *padding, *dilation, int(flipped)], dtype=np.int64),
    }
    if bias:
        arrays["bias"] = as_float32(b)
        arrays["grad_bias"] = as_float32(b.grad)
    save(name, arrays)


def pooling_case(name, kind, kernel, stride, padding):
    output = int(RNG.integers(2, 5))
    size = tiling_size(output, kernel, stride, padding, 1)
    x = float32_tensor((int(RNG.integers(1, 3)), int(RNG.integers(1, 4)), size, size))
    if kind == "max":
        y = F.max_pool2d(x, kernel, stride=stride, padding=padding)
    else:
        y = F.avg_pool2d(x, kernel, stride=stride, padding=padding, count_include_pad=True)
    g = float32_tensor(tuple(y.shape))
    y.backward(g)
    save(name, {
        "input": as_float32(x), "grad_output": as_float32(g), "output": as_float32(y),
        "grad_input": as_float32(x.grad),
        "config": np.array([0 if kind == "max" else 1, kernel, stride, padding], dtype=np.int64),
    })


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.npz"):
        old.unlink()
    # Kernel shapes cycle so square and rectangular (2×3, 3×1, …) kernels all appear; stride,
    # padding and dilation are drawn per axis; bias alternates.
    kernels = [(3, 3), (2, 3), (3, 1), (1, 1), (2, 2), (3, 2), (1, 3), (3, 3), (2, 3), (3, 1), (2, 2), (3, 3)]
    for index, kernel in enumerate(kernels):
        stride = tuple(int(s) for s in RNG.integers(1, 4, size=2))
        padding = tuple(int(p) for p in RNG.integers(0, 3, size=2))
        dilation = tuple(int(d) for d in RNG.integers(1, 3, size=2))
        convolution_case(f"conv_{index:02d}.npz", kernel, stride, padding, dilation, bias=index % 2 == 0, flipped=False)
    convolution_case("conv_flipped_00.npz", (3, 3), (1, 1), (1, 1), (1, 1), bias=True, flipped=True)
    convolution_case("conv_flipped_01.npz", (2, 3), (2, 1), (0, 2), (1, 2), bias=False, flipped=True)
    pools = [(2, 2, 0), (3, 1, 1), (2, 1, 1), (3, 3, 0), (3, 2, 1)]
    for index, (kernel, stride, padding) in enumerate(pools):
        pooling_case(f"maxpool_{index:02d}.npz", "max", kernel, stride, padding)
        pooling_case(f"avgpool_{index:02d}.npz", "average", kernel, stride, padding)
    print(f"torch {torch.__version__}, numpy {np.__version__}: wrote {len(list(OUT.glob('*.npz')))} cases to {OUT.name}/")


if __name__ == "__main__":
    torch.set_default_dtype(torch.float64)
    main()
