#!/usr/bin/env bash
# Trains the small network the binary carries (the draw demo opens on it when nothing was
# trained in the run) and writes it into Sources/ConvLabApp/Kit/BundledNetwork+Weights.swift
# as base64 text of the .npz checkpoint, with the command and its result line beside it.
# Run from anywhere after `swift build -c release`; give another binary as the first argument.
# The same seed and thread count give the same weights, bit for bit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
binary="${1:-$root/.build/release/convlab}"
out="$root/Sources/ConvLabApp/Kit/BundledNetwork+Weights.swift"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

arguments=(train --arch teaching-net --data synthetic --train-size 10000 --test-size 2000 --epochs 4 --batch 64 --optimizer sgd --lr 0.05 --momentum 0.9 --seed 14 --threads 2)
"$binary" "${arguments[@]}" --save "$work/network.npz" >"$work/log"
result="$(tail -n 1 "$work/log")"
case "$result" in test_accuracy=*) ;; *) echo "bundle-network.sh: training did not finish: $result" >&2; exit 1 ;; esac
# The speed differs from run to run and machine to machine; the weights and scores do not.
result="${result% images_per_s=*}"

{
    echo "// Written by tools/bundle-network.sh: the teaching net the binary carries. Do not edit by hand;"
    echo "// rerun the script, which trains it with the command below and the project's own trainer."
    echo "extension BundledNetwork {"
    echo "    /// The command that trained these weights (then \`--save\` to a temporary .npz)."
    echo "    static let trainingCommand = \"convlab ${arguments[*]}\""
    echo "    /// The test accuracy and training loss that command printed (on its own test digits)."
    echo "    static let trainingResult = \"$result\""
    echo "    /// The checkpoint (.npz keyed like PyTorch's state_dict), base64."
    echo "    static let checkpointBase64 = \"\"\""
    base64 -w 100 "$work/network.npz"
    echo "\"\"\""
    echo "}"
} >"$out"
echo "wrote $out ($result)"
