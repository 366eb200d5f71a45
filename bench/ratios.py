#!/usr/bin/env python3
"""Reads the TSV of `convlab bench --tsv` and of bench/peers.py (one or more files, any mix)
and prints, per workload, convlab's value, the best peer's, their ratio and whether the goal of
the performance issue is met. Standard library only.

Goals, against the best peer measured in the same run:
  W1_*, W2_*   images/s   convlab / best peer >= 2
  W3           GFLOP/s    convlab / best peer >= 0.8
  W4           GFLOP/s    convlab / best peer >= 1
  W5_*         us         convlab / best peer <= 0.75 (lower is better)
  frame_*      ms         convlab < 5 (no peer draws ConvLab's screens)
  first_frame  ms         convlab < 100
"""
import sys

# (workload prefix, metric): (comparison, goal, higher is better)
GOALS = [
    ("W1_", "images/s", "ratio", 2.0, True),
    ("W2_", "images/s", "ratio", 2.0, True),
    ("W3", "GFLOP/s", "ratio", 0.8, True),
    ("W4", "GFLOP/s", "ratio", 1.0, True),
    ("W5_", "us", "ratio", 0.75, False),
    ("frame_", "ms", "absolute", 5.0, False),
    ("first_frame", "ms", "absolute", 100.0, False),
]


def goal_for(workload, metric):
    for prefix, goal_metric, kind, goal, higher in GOALS:
        if workload.startswith(prefix) and metric == goal_metric:
            return kind, goal, higher
    return None


def read(paths):
    values = {}  # (workload, metric) -> {system: value}
    order = []
    for path in paths:
        with open(path, encoding="utf-8") as file:
            for number, line in enumerate(file, 1):
                line = line.rstrip("\n")
                if not line:
                    continue
                columns = line.split("\t")
                if len(columns) != 4:
                    sys.exit(f"{path}:{number}: expected workload<TAB>system<TAB>metric<TAB>value, got {line!r}")
                workload, system, metric, value = columns
                try:
                    number_value = float(value)
                except ValueError:
                    sys.exit(f"{path}:{number}: the value {value!r} is not a number")
                key = (workload, metric)
                if key not in values:
                    values[key] = {}
                    order.append(key)
                values[key][system] = number_value
    return values, order


def main():
    arguments = sys.argv[1:]
    markdown = "--markdown" in arguments
    paths = [argument for argument in arguments if argument != "--markdown"]
    if not paths:
        sys.exit("usage: ratios.py [--markdown] CONVLAB.tsv PEERS.tsv ...")
    values, order = read(paths)
    header = ("workload", "metric", "convlab", "best peer", "peer", "ratio", "goal", "met")
    rows = []
    for workload, metric in order:
        goal = goal_for(workload, metric)
        systems = values[(workload, metric)]
        if goal is None or "convlab" not in systems:
            continue
        kind, target, higher = goal
        ours = systems["convlab"]
        if kind == "absolute":
            met = ours < target
            rows.append((workload, metric, f"{ours:.3f}", "", "", "", f"< {target:g}", "yes" if met else "no"))
            continue
        peers = {system: value for system, value in systems.items() if system != "convlab"}
        if not peers:
            rows.append((workload, metric, f"{ours:.3f}", "", "", "", "", "no peer"))
            continue
        peer = (max if higher else min)(peers, key=peers.get)
        ratio = ours / peers[peer] if peers[peer] else float("inf")
        met = ratio >= target if higher else ratio <= target
        rows.append((workload, metric, f"{ours:.3f}", f"{peers[peer]:.3f}", peer, f"{ratio:.2f}",
                     f"{'>=' if higher else '<='} {target:g}", "yes" if met else "no"))
    if markdown:
        # The table bench/README.md shows.
        for row in [header, ["---"] * len(header)] + rows:
            print("| " + " | ".join(str(cell) for cell in row) + " |")
        return
    widths = [max(len(str(row[column])) for row in [header] + rows) for column in range(len(header))]
    for row in [header] + rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
