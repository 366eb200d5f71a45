#!/usr/bin/env python3
"""Times the workloads of `convlab bench --tsv` in PyTorch and ONNX Runtime and prints the same
TSV: workload<TAB>system<TAB>metric<TAB>value, systems `pytorch`, `pytorch_cl` (channels-last
memory format, for the convolutions W3 and W4) and `onnxruntime` (inference only: W3, W4, W5;
each model is exported to ONNX here, in memory). Every value is the median of --repeats timed
runs after one warm-up run, as convlab measures its own.

Only for comparison: ConvLab itself never needs Python. Needs torch, onnxruntime, numpy and
onnx (see bench/README.md). Run it right after `convlab bench --tsv` with the same flags
(bench/compare.sh does both).
"""
import argparse
import io
import statistics
import sys
import time
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# The workloads' fixed settings, as in Sources/convlab/Bench/EngineWorkloads.swift.
LEARNING_RATE = 0.05
MOMENTUM = 0.9
IMAGES_PER_TRAINING_RUN = 256
FORWARDS_PER_INFERENCE_RUN = 100


def teaching_net():
    """ConvEngine's `teaching-net` (NamedArchitecture.swift), module for module."""
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 7 * 7, 10),
    )


def lenet5():
    """ConvEngine's `lenet5`: LeNet-5 with ReLU and max pooling on 28×28 (61,706 parameters)."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10),
    )


# name: (batch, channels, height, width, output channels); all 3×3, padding 1, with bias.
CONVOLUTIONS = {
    "W3": (8, 64, 56, 56, 64),
    "W4": (1, 3, 224, 224, 64),
}


# Every workload this script times, as convlab names them.
WORKLOADS = ["W1_train_bs1", "W1_train_bs32", "W1_train_bs128", "W2_lenet5_train_bs64", "W3", "W4", "W5_infer_bs1"]


def convolution_flops(batch, channels, height, width, outputs):
    """2·N·K·C·R·S·Ho·Wo; with padding 1 and a 3×3 window, Ho = H and Wo = W."""
    return 2 * batch * outputs * channels * 3 * 3 * height * width


def median_seconds(repeats, run):
    """Median of `repeats` calls of `run` (each returns the seconds it took), after a warm-up."""
    run()
    return statistics.median(run() for _ in range(repeats))


def timed(body):
    def run():
        start = time.perf_counter()
        body()
        return time.perf_counter() - start
    return run


class Table:
    """Prints rows as they are measured, in convlab's format."""

    def __init__(self, systems):
        self.systems = systems

    def row(self, workload, system, metric, value):
        if system in self.systems:
            print(f"{workload}\t{system}\t{metric}\t{value:.3f}", flush=True)


def training_images_per_second(make_model, batch, threads, repeats):
    """One run is one pass over IMAGES_PER_TRAINING_RUN / batch batches: zero the gradients,
    forward, mean cross-entropy, backward, SGD step, as convlab's trainer does."""
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = make_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)
    steps = max(1, IMAGES_PER_TRAINING_RUN // batch)
    images = torch.rand(steps, batch, 1, 28, 28)
    labels = (torch.arange(steps * batch) % 10).reshape(steps, batch)

    def epoch():
        for step in range(steps):
            optimizer.zero_grad()
            loss = F.cross_entropy(model(images[step]), labels[step])
            loss.backward()
            optimizer.step()

    return steps * batch / median_seconds(repeats, timed(epoch))


def torch_forward_seconds(model, example, threads, repeats, per_run=1):
    torch.set_num_threads(threads)
    model.eval()

    def body():
        with torch.inference_mode():
            for _ in range(per_run):
                model(example)

    return median_seconds(repeats, timed(body)) / per_run


def onnx_session(model, example, threads):
    """`model` exported to ONNX in memory (the TorchScript exporter: it needs no onnxscript),
    in an ONNX Runtime session on `threads` intra-op threads; checked against PyTorch."""
    import onnxruntime

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model.eval(), (example,), buffer, dynamo=False, input_names=["input"], output_names=["output"])
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = onnxruntime.InferenceSession(buffer.getvalue(), options, providers=["CPUExecutionProvider"])
    feed = {"input": example.numpy()}
    with torch.inference_mode():
        expected = model(example).numpy()
    got = session.run(None, feed)[0]
    scale = max(float(np.abs(expected).max()), 1e-30)
    if float(np.abs(got - expected).max()) / scale > 1e-4:
        sys.exit(f"peers.py: ONNX Runtime's output differs from PyTorch's for {type(model).__name__}")
    return session, feed


def onnx_forward_seconds(model, example, threads, repeats, per_run=1):
    session, feed = onnx_session(model, example, threads)

    def body():
        for _ in range(per_run):
            session.run(None, feed)

    return median_seconds(repeats, timed(body)) / per_run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--filter", help="only these comma-separated workloads: an exact name, or a part of names")
    parser.add_argument("--threads", type=int, default=2, help="threads (default 2, as the workloads define)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per measurement (default 5)")
    parser.add_argument("--systems", default="pytorch,pytorch_cl,onnxruntime", help="which systems to time")
    arguments = parser.parse_args()
    if not 1 <= arguments.threads <= 256:
        parser.error(f"--threads must be from 1 to 256, got {arguments.threads}")
    if not 1 <= arguments.repeats <= 1000:
        parser.error(f"--repeats must be from 1 to 1000, got {arguments.repeats}")
    parts = [part.strip().lower() for part in (arguments.filter or "").split(",") if part.strip()]

    names = {name.lower() for name in WORKLOADS}

    def selected(name):
        """convlab's rule: a part naming a workload exactly selects only it, else every
        workload whose name contains the part."""
        name = name.lower()
        return not parts or any(name == part if part in names else part in name for part in parts)

    table = Table(set(arguments.systems.split(",")))
    threads, repeats = arguments.threads, arguments.repeats
    # Batch-1 workloads keep the faster of one thread and `threads`, as convlab does.
    batch_one_threads = sorted({1, threads})
    torch.set_num_interop_threads(1)

    for batch in (1, 32, 128):
        name = f"W1_train_bs{batch}"
        if selected(name):
            counts = batch_one_threads if batch == 1 else [threads]
            rate = max(training_images_per_second(teaching_net, batch, count, repeats) for count in counts)
            table.row(name, "pytorch", "images/s", rate)
    if selected("W2_lenet5_train_bs64"):
        table.row("W2_lenet5_train_bs64", "pytorch", "images/s", training_images_per_second(lenet5, 64, threads, repeats))

    for name, shape in CONVOLUTIONS.items():
        if not selected(name):
            continue
        batch, channels, height, width, outputs = shape
        torch.manual_seed(3)
        convolution = nn.Conv2d(channels, outputs, 3, padding=1)
        example = torch.randn(batch, channels, height, width)
        flops = convolution_flops(*shape)
        results = {"pytorch": torch_forward_seconds(convolution, example, threads, repeats)}
        if "pytorch_cl" in table.systems:
            channels_last = nn.Conv2d(channels, outputs, 3, padding=1)
            channels_last.load_state_dict(convolution.state_dict())
            channels_last = channels_last.to(memory_format=torch.channels_last)
            results["pytorch_cl"] = torch_forward_seconds(
                channels_last, example.contiguous(memory_format=torch.channels_last), threads, repeats)
        if "onnxruntime" in table.systems:
            results["onnxruntime"] = onnx_forward_seconds(convolution, example, threads, repeats)
        for system, seconds in results.items():
            table.row(name, system, "ms", seconds * 1000)
            table.row(name, system, "GFLOP/s", flops / seconds / 1e9)

    if selected("W5_infer_bs1"):
        torch.manual_seed(1)
        model = teaching_net()
        example = torch.rand(1, 1, 28, 28)
        latency = min(torch_forward_seconds(model, example, count, repeats, FORWARDS_PER_INFERENCE_RUN)
                      for count in batch_one_threads)
        table.row("W5_infer_bs1", "pytorch", "us", latency * 1e6)
        if "onnxruntime" in table.systems:
            latency = min(onnx_forward_seconds(model, example, count, repeats, FORWARDS_PER_INFERENCE_RUN)
                          for count in batch_one_threads)
            table.row("W5_infer_bs1", "onnxruntime", "us", latency * 1e6)


if __name__ == "__main__":
    main()
