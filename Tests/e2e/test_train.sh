# convlab train, headless: progress lines, the machine-readable last line, checkpoints, errors.

test_train_one_epoch_saves_a_checkpoint() {
    local out status last
    out=$("$CONVLAB" train --epochs 1 --train-size 500 --test-size 200 --save m.npz 2>&1); status=$?
    expect_equal "$status" 0 "exit status of a short training run"
    last=$(printf '%s\n' "$out" | tail -1)
    [[ "$last" =~ ^test_accuracy=[0-9]\.[0-9]{4}\ train_loss=[0-9.]+\ images_per_s=[0-9]+$ ]] \
        || fail "last line is not machine-readable: '$last'"
    expect_contains "$out" "epoch 1/1 train_loss=" "per-epoch line (not a terminal: no progress bar)"
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
