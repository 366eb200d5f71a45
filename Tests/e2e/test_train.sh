# convlab train, headless: progress lines, the machine-readable last line, checkpoints, errors.

test_train_one_epoch_saves_a_checkpoint() {
    local out status last
    out=$("$CONVLAB" train --epochs 1 --train-size 500 --test-size 200 --save m.npz 2>&1); status=$?
    expect_equal "$status" 0 "exit status of a short training run"
    last=$(printf '%s\n' "$out" | tail -1)
    [[ "$last" =~ ^test_accuracy=[0-9]\.[0-9]{4}\ train_loss=[0-9.]+\ images_per_s=[0-9]+$ ]] \
        || fail "last line is not machine-readable: '$last'"
    expect_contains "$out" "epoch 1/1 train_loss=" "per-epoch line (not a terminal: no progress bar)"
    printf '%s\n' "$out" | grep -Eq '^epoch 1/1 batch [0-9]+/[0-9]+ loss=[0-9.]+ images_per_s=[0-9]+$' \
        || fail "no progress line during the epoch: '$out'"
    expect_contains "$out" "true\\pred" "confusion matrix"
    [ -s m.npz ] || fail "m.npz was not written"
    # The checkpoint starts a second run, whose keys and shapes must fit.
    out=$("$CONVLAB" train --epochs 0 --train-size 10 --test-size 50 --init m.npz 2>&1) || fail "--init m.npz exited $?: $out"
    expect_contains "$(printf '%s\n' "$out" | tail -1)" "test_accuracy=" "evaluation of the loaded checkpoint"
}

test_train_bad_data_is_one_line() {
    local out status
    out=$("$CONVLAB" train --data idx:no-such-folder 2>&1); status=$?
    expect_equal "$status" 1 "exit status of a missing data folder"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines in the missing-folder message"
    expect_contains "$out" "no-such-folder" "missing-folder message"
    out=$("$CONVLAB" train --data mnist 2>&1); status=$?
    expect_equal "$status" 1 "exit status of an unknown data source"
    expect_contains "$out" "expected 'synthetic' or 'idx:DIR'" "unknown data source message"
    mkdir -p empty
    out=$("$CONVLAB" train --data idx:empty 2>&1); status=$?
    expect_equal "$status" 1 "exit status of a folder without IDX files"
    expect_contains "$out" "train-images-idx3-ubyte" "folder without IDX files message"
}

test_train_refuses_a_checkpoint_of_another_network() {
    local out status
    "$CONVLAB" train --epochs 0 --train-size 10 --test-size 10 --save t.npz >/dev/null || fail "saving an untrained checkpoint exited $?"
    out=$("$CONVLAB" train --arch lenet5 --epochs 0 --train-size 10 --test-size 10 --init t.npz 2>&1); status=$?
    expect_equal "$status" 1 "exit status of a mismatched checkpoint"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines in the mismatched checkpoint message"
    expect_contains "$out" "t.npz: does not fit this network" "mismatched checkpoint message"
}

test_train_bad_arch_is_one_line() {
    local out status
    out=$("$CONVLAB" train --arch resnet 2>&1); status=$?
    expect_equal "$status" 1 "exit status of an unknown architecture"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines in the unknown architecture message"
    out=$("$CONVLAB" train --arch "input 32x32x1 | conv 4 3x3 | relu | flatten | linear 10" --epochs 0 --train-size 4 --test-size 4 2>&1); status=$?
    expect_equal "$status" 1 "exit status of a size mismatch"
    expect_contains "$out" "images are 28×28 but the network takes 32×32; pass --resize" "size mismatch message"
    out=$("$CONVLAB" train --arch "input 32x32x1 | conv 4 3x3 | relu | flatten | linear 10" --resize --epochs 1 --train-size 20 --test-size 10 2>&1) \
        || fail "--resize exited $?: $out"
}

test_train_refuses_bad_numbers_by_name() {
    expect_refusal "--lr -0.05" "--lr must be a positive finite number, got -0.05" train --lr -0.05
    expect_refusal "--momentum -0.9" "--momentum must be a number from 0 to 1, got -0.9" train --momentum -0.9
    expect_refusal "--weight-decay inf" "--weight-decay must be a finite number, 0 or more, got inf" train --weight-decay inf
    expect_refusal "--epochs -1" "--epochs must be a whole number from 0 to 10000, got -1" train --epochs -1
    expect_refusal "a huge --batch" "--batch must be a whole number from 1 to 65536, got 9223372036854775807" \
        train --batch 9223372036854775807
    expect_refusal "a huge --train-size" "--train-size must be at most 1000000, got 100000000000" train --train-size 100000000000
    expect_refusal "a huge --test-size" "--test-size must be at most 1000000, got 100000000000" train --test-size 100000000000
    expect_refusal "--test-size 0" "--test-size must be at least 1, got 0" train --test-size 0
    expect_refusal "--threads -2" "--threads must be at least 1, got -2" train --threads -2
    expect_refusal "--seed -1" "expected a whole number from 0 to 18446744073709551615" train --seed -1
}

test_train_refuses_a_run_too_large_for_memory() {
    expect_refusal "a network of hundreds of GB" "the limit is 8.6 GB: lower --batch or use smaller layers" \
        train --arch "input 28x28x1 | conv 64 3x3 pad 1000 | flatten | linear 10"
    expect_refusal "a flatten past the feature limit" "flattened features must be at most 268435456, got 2324011264" \
        train --arch "input 28x28x1 | conv 64 3x3 pad 3000 | flatten | linear 10"
    expect_refusal "a network too large to count" "output channels like 8, from 1 to 65536" \
        train --arch "input 28x28x1 | conv 9223372036854775807 1 | flatten | linear 10"
}

test_train_checks_outputs_before_training() {
    rm -f same.npz
    mkdir -p a-folder
    # Three epochs would take a while: the refusal comes first, and nothing is written.
    expect_refusal "--save into a missing folder" "--save no-such-folder/m.npz: cannot write there: the folder" \
        train --save no-such-folder/m.npz
    expect_refusal "--save onto a folder" "--save a-folder: cannot write there: it is a folder, not a regular file" train --save a-folder
    expect_refusal "--save and --export-logits on one file" "--save and --export-logits both name ./same.npz" \
        train --save same.npz --export-logits ./same.npz
    [ ! -e same.npz ] || fail "a refused run wrote same.npz"
}
