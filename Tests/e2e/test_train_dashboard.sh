# The live training dashboard in a real terminal: `convlab train --tui` and `convlab demo train`.

test_train_dashboard_pauses_resumes_and_finishes() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" train --tui --epochs 1 --train-size 600 --test-size 200; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "loss (log axis), last batch" || return 1
    expect_screen "running ·" || return 1
    expect_screen "• batch  o epoch train  x test"
    expect_screen "P(class) for the probe:"
    # Space: the screen answers at once ("pausing" until the batch in progress ends), then the
    # training thread confirms. A busy machine running a debug build takes seconds per batch,
    # so both waits poll with a generous deadline instead of assuming a speed.
    tmux_type " "
    expect_screen "paus" || return 1
    expect_screen "paused ·" 60 || return 1
    # Paused means no more batches: the batch gauge stands still.
    local before after
    before=$(screen | sed -n 3p)
    sleep 1
    after=$(screen | sed -n 3p)
    expect_equal "$after" "$before" "the progress row while paused"
    tmux_type " "
    expect_screen "running ·"
    expect_screen "finished ·" 300 || return 1
    expect_screen "accuracy %: train"
    # v switches the loss axis to linear.
    tmux_type "v"
    expect_screen "loss (linear axis), last batch"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_train_dashboard_keys_and_checkpoint() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo train --epochs 1 --train-size 300 --test-size 100 --save mine.npz; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "running ·" || return 1
    tmux_type " "
    expect_screen "paused ·" || return 1
    tmux_type "+"
    expect_screen "lr 0.1 (sgd)"
    tmux_type "."
    expect_screen "one more batch"
    tmux_type "I"
    expect_screen "probe: test image 2/100 (a 1)"
    tmux_type "w"
    expect_screen "saved $E2E_HOME/mine.npz"
    [ -s "$E2E_HOME/mine.npz" ] || fail "no checkpoint was written"
    tmux_type "q"
    expect_screen "EXIT=0"
}

test_train_dashboard_needs_a_terminal() {
    local out status
    out=$("$CONVLAB" train --tui </dev/null 2>&1); status=$?
    expect_equal "$status" 1 "exit status without a terminal"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines printed without a terminal"
    expect_contains "$out" "convlab train --tui needs a terminal" "no-terminal message"
}
