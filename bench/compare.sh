#!/usr/bin/env bash
# Times the performance workloads in ConvLab and then, right after, in PyTorch and ONNX
# Runtime, and prints the ratio table (convlab against the best peer, and whether each goal is
# met). Both sides run back to back so they see the same machine load.
#
#   bash bench/compare.sh [--filter W1,W3] [--threads 2] [--repeats 5]
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

if [[ ! -x "$convlab" ]]; then
    echo "compare.sh: no convlab binary at $convlab; run 'swift build -c release' or set CONVLAB" >&2
    exit 1
fi
if ! "$python" -c "import torch, onnxruntime, numpy, onnx" 2>/dev/null; then
    echo "compare.sh: $python lacks torch, onnxruntime, numpy or onnx; see bench/README.md or set PYTHON" >&2
    exit 1
fi

# The load average, before and after: on a shared machine it says how far to trust the run.
load() { if [[ -r /proc/loadavg ]]; then cut -d' ' -f1-3 /proc/loadavg; else uptime | sed 's/.*load averages*: //'; fi; }
echo "load average before: $(load) on $(getconf _NPROCESSORS_ONLN) processors" >&2
echo "convlab:  $convlab bench --tsv $*" >&2
"$convlab" bench --tsv "$@" | tee "$out/convlab.tsv"
echo "peers:    $python $here/peers.py $*" >&2
"$python" "$here/peers.py" "$@" | tee "$out/peers.tsv"
echo "load average after:  $(load)" >&2
echo
"$python" "$here/ratios.py" "$out/convlab.tsv" "$out/peers.tsv"
echo "(both TSVs are in $out)" >&2
