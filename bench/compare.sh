#!/usr/bin/env bash
# Times the performance workloads in ConvLab and, right after each, in PyTorch and ONNX
# Runtime, then prints the ratio table (convlab against the best peer, and whether each goal is
# met). The two sides run back to back workload by workload, so on a shared machine both see
# nearly the same load; the load average before and after is printed to say how far to trust it.
#
#   bash bench/compare.sh [--threads 2] [--repeats 5]      every workload, pair by pair
#   bash bench/compare.sh --filter W3,W4 [...]             those workloads: convlab, then peers
#
# CONVLAB: the binary (default: .build/release/convlab; build it with swift build -c release).
# PYTHON:  a Python with torch, onnxruntime, numpy and onnx (default: python3).
# OUT:     a folder to keep convlab.tsv and peers.tsv in (default: a temporary one).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
convlab="${CONVLAB:-$here/../.build/release/convlab}"
python="${PYTHON:-python3}"
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"
: >"$out/convlab.tsv"
: >"$out/peers.tsv"

if [[ ! -x "$convlab" ]]; then
    echo "compare.sh: no convlab binary at $convlab; run 'swift build -c release' or set CONVLAB" >&2
    exit 1
fi
if ! "$python" -c "import torch, onnxruntime, numpy, onnx" 2>/dev/null; then
    echo "compare.sh: $python lacks torch, onnxruntime, numpy or onnx; see bench/README.md or set PYTHON" >&2
    exit 1
fi

load() { if [[ -r /proc/loadavg ]]; then cut -d' ' -f1-3 /proc/loadavg; else uptime | sed 's/.*load averages*: //'; fi; }

# pair FLAGS...: convlab, then the peers, on the same flags.
pair() {
    echo "convlab:  convlab bench --tsv $*" >&2
    "$convlab" bench --tsv "$@" | tee -a "$out/convlab.tsv"
    echo "peers:    peers.py $*" >&2
    "$python" "$here/peers.py" "$@" | tee -a "$out/peers.tsv"
}

echo "load average before: $(load) on $(getconf _NPROCESSORS_ONLN) processors" >&2
if [[ " $* " == *" --filter "* || " $* " == *" --filter="* ]]; then
    pair "$@"
else
    # The start-up time first, in a fresh process, then each engine workload on both sides,
    # then the frames (ConvLab's alone).
    "$convlab" bench --tsv --filter first_frame "$@" | tee -a "$out/convlab.tsv"
    for workload in W1_train_bs1 W1_train_bs32 W1_train_bs128 W2_lenet5_train_bs64 W3 W4 W5_infer_bs1; do
        pair --filter "$workload" "$@"
    done
    "$convlab" bench --tsv --filter frame_ "$@" | tee -a "$out/convlab.tsv"
fi
echo "load average after:  $(load)" >&2
echo
"$python" "$here/ratios.py" "$out/convlab.tsv" "$out/peers.tsv"
echo "(both TSVs are in $out)" >&2
