# The plain commands: arch, compute, and the interactive command without a terminal.

# make_npy FILE SHAPE VALUES...: writes an int32 .npy (convlab converts integers to float32 on
# read), so these tests need no Python. SHAPE is a Python tuple body such as "1, 1, 7, 7".
make_npy() {
    local file=$1 shape=$2
    shift 2
    local header="{'descr': '<i4', 'fortran_order': False, 'shape': ($shape), }"
    # Pad so magic (6) + version (2) + length (2) + header + newline is a multiple of 64.
    while [ $(( (10 + ${#header} + 1) % 64 )) -ne 0 ]; do header="$header "; done
    {
        printf '\x93NUMPY\x01\x00'
        printf "\\x$(printf '%02x' $(( (${#header} + 1) % 256 )))\\x$(printf '%02x' $(( (${#header} + 1) / 256 )))"
        printf '%s\n' "$header"
        local value
        for value in "$@"; do
            local u=$(( value & 0xFFFFFFFF ))
            printf "\\x$(printf '%02x' $((u & 255)))\\x$(printf '%02x' $(((u >> 8) & 255)))\\x$(printf '%02x' $(((u >> 16) & 255)))\\x$(printf '%02x' $(((u >> 24) & 255)))"
        done
    } >"$file"
}

# read_npy_floats FILE: the float32 payload of a v1 .npy written by convlab, one value per line.
read_npy_floats() {
    local header_length
    header_length=$(od -An -tu2 -j8 -N2 "$1" | tr -d ' ')
    od -An -v -tf4 -j$((10 + header_length)) "$1" | tr -s ' ' '\n' | sed '/^$/d'
}

test_arch_counts_vgg16_and_lenet5() {
    local out
    out=$("$CONVLAB" arch vgg16) || fail "arch vgg16 exited $?"
    expect_contains "$out" "138,357,544" "arch vgg16"
    expect_contains "$out" "1,792" "arch vgg16 (first conv)"
    expect_contains "$out" "25088" "arch vgg16 (flatten)"
    out=$("$CONVLAB" arch lenet5) || fail "arch lenet5 exited $?"
    expect_contains "$out" "61,706" "arch lenet5"
    # The engine's order, named: the course writes the same shapes H×W×C.
    expect_contains "$out" " #  layer             output (C×H×W)  parameters" "arch lenet5 header"
    out=$("$CONVLAB" arch --json teaching-net) || fail "arch --json exited $?"
    expect_contains "$out" '"totalParameters"' "arch --json"
}

test_arch_spec_error_names_the_column() {
    local out status
    out=$("$CONVLAB" arch "input 28x28x1 | conv 8 pad 1" 2>&1); status=$?
    expect_equal "$status" 1 "exit status of a bad spec"
    expect_contains "$out" "column" "bad spec message"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines in the bad spec message"
}

test_arch_floor_rounds_down_and_reports_what_it_drops() {
    local out status
    # ResNet's stem: (224 − 7 + 6)/2 + 1 = 112.5 does not tile; PyTorch's floor gives 112 and
    # leaves only a padding row and column unread.
    out=$("$CONVLAB" arch "input 224x224x3 | conv 64 7x7 stride 2 pad 3 floor") || fail "arch floor exited $?"
    expect_contains "$out" "64×112×112" "ResNet stem output"
    expect_contains "$out" "floor: drops 1 padding row and 1 padding column, no input" "ResNet stem note"
    # Dumoulin & Visin's i = 6, k = 3, s = 2, p = 1 gives 3.
    out=$("$CONVLAB" arch "input 6x6x1 | conv 1 3x3 stride 2 pad 1 floor") || fail "arch Dumoulin exited $?"
    expect_contains "$out" "1×3×3" "Dumoulin output"
    out=$("$CONVLAB" arch --json "input 8x8x1 | conv 1 3x3 stride 2 floor") || fail "arch --json floor exited $?"
    expect_contains "$out" '"convention" : "floor"' "arch --json convention"
    expect_contains "$(printf '%s' "$out" | tr -d ' \n')" '"rows":[7]' "arch --json dropped rows"
    out=$("$CONVLAB" arch "input 224x224x3 | conv 64 7x7 stride 2 pad 3" 2>&1); status=$?
    expect_equal "$status" 1 "exit status without floor"
    expect_contains "$out" 'add `floor` to round down as PyTorch does' "error names the option"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines in the does-not-tile message"
}

test_compute_conv_seven_by_three_is_five_by_five() {
    # Input 0..48 in a 7×7 grid; an all-ones 3×3 kernel sums each window. The top-left window
    # holds 0 1 2 / 7 8 9 / 14 15 16, which sum to 72; each step right adds 9 (one per tap).
    make_npy x.npy "1, 1, 7, 7" $(seq 0 48)
    make_npy w.npy "1, 1, 3, 3" 1 1 1 1 1 1 1 1 1
    "$CONVLAB" compute conv --input x.npy --weight w.npy --output y.npy || fail "compute conv exited $?"
    local values
    values=$(read_npy_floats y.npy | tr '\n' ' ')
    expect_equal "$(read_npy_floats y.npy | wc -l | tr -d ' ')" 25 "number of output values"
    expect_equal "$(read_npy_floats y.npy | head -2 | tr '\n' ' ')" "72 81 " "first output values"
    # The last window is 32 33 34 / 39 40 41 / 46 47 48 → 360.
    expect_equal "$(read_npy_floats y.npy | tail -1)" 360 "last output value"
    : "$values"
}

test_compute_refuses_non_tiling_geometry_without_writing() {
    make_npy x.npy "1, 1, 7, 7" $(seq 0 48)
    make_npy w.npy "1, 1, 3, 3" 1 1 1 1 1 1 1 1 1
    rm -f bad.npy
    local out status
    out=$("$CONVLAB" compute conv --input x.npy --weight w.npy --stride 3 --output bad.npy 2>&1); status=$?
    expect_equal "$status" 1 "exit status for stride 3"
    expect_contains "$out" "(7 − 3 + 2·0)/3 + 1 = 2.33" "non-tiling message"
    [ ! -e bad.npy ] || fail "an output file was written for a refused geometry"
}

test_compute_reports_channel_mismatch_and_missing_file() {
    make_npy x.npy "1, 2, 4, 4" $(seq 0 31)
    make_npy w.npy "1, 1, 3, 3" 1 1 1 1 1 1 1 1 1
    local out status
    out=$("$CONVLAB" compute conv --input x.npy --weight w.npy --output y.npy 2>&1); status=$?
    expect_equal "$status" 1 "exit status for channel mismatch"
    expect_contains "$out" "spans 1 channels, but x.npy has 2" "channel mismatch message"
    out=$("$CONVLAB" compute conv --input missing.npy --weight w.npy --output y.npy 2>&1); status=$?
    expect_equal "$status" 1 "exit status for a missing file"
    expect_contains "$out" "missing.npy" "missing file message"
}

test_compute_pool_max_with_gradient() {
    make_npy x.npy "1, 1, 4, 4" 1 3 2 1 4 6 5 0 7 2 9 8 1 0 3 4
    make_npy g.npy "1, 1, 2, 2" 1 2 3 4
    "$CONVLAB" compute pool --kind max --size 2 --input x.npy --output p.npy --grad-output g.npy \
        || fail "compute pool exited $?"
    expect_equal "$(read_npy_floats p.npy | tr '\n' ' ')" "6 5 7 9 " "max pooled values"
    # Each upstream value lands on its window's maximum: 6 at (1,1), 5 at (1,2), 7 at (2,0), 9 at (2,2).
    expect_equal "$(read_npy_floats p.grad_input.npy | tr '\n' ' ')" "0 0 0 0 0 1 2 0 3 0 4 0 0 0 0 0 " "max pool input gradient"
}

test_version_and_help() {
    "$CONVLAB" --version >/dev/null || fail "--version exited $?"
    local out
    out=$("$CONVLAB" compute conv --help) || fail "compute conv --help exited $?"
    expect_contains "$out" "grad_weight" "compute conv --help"
}

test_compute_bounds_every_number_before_computing() {
    make_npy x.npy "1, 1, 4, 4" $(seq 0 15)
    make_npy w.npy "1, 1, 3, 3" 1 1 1 1 1 1 1 1 1
    rm -f big.npy
    expect_refusal "--stride -1" "--stride must be at least 1, got -1" \
        compute conv --input x.npy --weight w.npy --stride -1 --output big.npy
    expect_refusal "a huge --padding" "--padding must be at most 16384, got 4611686018427387904" \
        compute conv --input x.npy --weight w.npy --padding 4611686018427387904 --output big.npy
    expect_refusal "a huge --dilation" "--dilation must be at most 16384, got 9223372036854775807" \
        compute conv --input x.npy --weight w.npy --dilation 9223372036854775807 --output big.npy
    expect_refusal "a huge pooling window" "--size must be at most 16384, got 3000000000" \
        compute pool --kind max --size 3000000000 --stride 1 --padding 1500000000 --input x.npy --output big.npy
    # Within every bound, but 5·5·16384² window terms: refused instead of running for minutes.
    expect_refusal "a pooling of hours" "this pooling takes 6710886400 window terms; the limit is 4294967296" \
        compute pool --kind max --size 16384 --stride 1 --padding 8192 --input x.npy --output big.npy
    [ ! -e big.npy ] || fail "a refused computation wrote big.npy"
}

test_compute_checks_its_output_before_reading() {
    mkdir -p out-folder
    expect_refusal "--output into a missing folder" "--output nowhere/y.npy: cannot write there: the folder" \
        compute conv --input missing.npy --weight missing.npy --output nowhere/y.npy
    expect_refusal "--output onto a folder" "--output out-folder: cannot write there: it is a folder, not a regular file" \
        compute pool --kind max --size 2 --input missing.npy --output out-folder
    # A device, a link or a fifo would be replaced by a regular file: refused, left as they were.
    expect_refusal "--output /dev/full" "--output /dev/full: cannot write there: it is a character device, not a regular file" \
        compute pool --kind max --size 2 --input missing.npy --output /dev/full
    rm -f link.npy fifo.npy
    ln -s elsewhere.npy link.npy
    mkfifo fifo.npy
    expect_refusal "--output onto a link" "it is a symbolic link, not a regular file" \
        compute pool --kind max --size 2 --input missing.npy --output link.npy
    expect_refusal "--output onto a fifo" "it is a fifo, not a regular file" \
        compute pool --kind max --size 2 --input missing.npy --output fifo.npy
    [ -L link.npy ] && [ -p fifo.npy ] || fail "a refused output was replaced"
}

test_bench_bounds_its_numbers() {
    expect_refusal "bench --batch 100000000" "--batch must be at most 65536, got 100000000" bench --batch 100000000
    expect_refusal "bench --batch -1" "--batch must be at least 1, got -1" bench --batch -1
    expect_refusal "bench --repetitions 0" "--repeats must be at least 1, got 0" bench --repetitions 0
}

test_bench_tsv_prints_four_columns_per_row() {
    local out status
    out=$("$CONVLAB" bench --tsv --filter W5,frame_geometry --repeats 1 2>&1); status=$?
    expect_equal "$status" 0 "exit status of bench --tsv"
    expect_equal "$(printf '%s\n' "$out" | cut -f1-3 | tr '\t' ' ')" $'W5_infer_bs1 convlab us\nframe_geometry convlab ms' "rows of bench --tsv"
    expect_equal "$(printf '%s\n' "$out" | awk -F'\t' 'NF != 4 || $4 !~ /^[0-9]+\.[0-9][0-9][0-9]$/' | wc -l | tr -d ' ')" 0 "rows that are not four columns ending in a number"
    expect_refusal "bench --tsv --filter W9" "--filter 'W9' matches no workload; the workloads are: first_frame, W1_train_bs1" bench --tsv --filter W9
    expect_refusal "bench --filter W1" "--filter selects workloads of --tsv: add --tsv" bench --filter W1
}
