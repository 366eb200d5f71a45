# The live training dashboard in a real terminal: `convlab train --tui` and `convlab demo train`.

# wait_for_ms TEXT MILLISECONDS: like wait_for, with a deadline in milliseconds.
wait_for_ms() {
    local text=$1 deadline=$(( $(date +%s%N) / 1000000 + $2 )) now
    while :; do
        now=$(screen)
        case "$now" in *"$text"*) return 0 ;; esac
        [ $(( $(date +%s%N) / 1000000 )) -ge "$deadline" ] && { printf '%s\n' "$now"; return 1; }
        sleep 0.02
    done
}

test_train_dashboard_pauses_resumes_and_finishes() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" train --tui --epochs 1 --train-size 600 --test-size 200; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "loss (log axis), last batch" 20 || return 1
    expect_screen "running ·" 20 || return 1
    expect_screen "• batch  o epoch train  x test"
    expect_screen "P(class) for the probe:"
    # Space: the screen answers at once ("pausing" until the batch in progress ends), and the
    # training thread confirms within a second.
    tmux_type " "
    local shown
    shown=$(wait_for_ms "paus" 1000) || fail "space did not show pausing/paused within 1 s:"$'\n'"$shown"
    shown=$(wait_for_ms "paused ·" 1000) || fail "the run was not paused within 1 s:"$'\n'"$shown"
    # Paused means no more batches: the batch gauge stands still.
    local before after
    before=$(screen | sed -n 3p)
    sleep 1
    after=$(screen | sed -n 3p)
    expect_equal "$after" "$before" "the progress row while paused"
    tmux_type " "
    expect_screen "running ·" 5
    expect_screen "finished ·" 120 || return 1
    expect_screen "accuracy %: train"
    # l switches the loss axis to linear.
    tmux_type "l"
    expect_screen "loss (linear axis), last batch" 5
    tmux_type "q"
    expect_screen "EXIT=0" 10
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_train_dashboard_keys_and_checkpoint() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo train --epochs 1 --train-size 300 --test-size 100 --save mine.npz; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "running ·" 30 || return 1
    tmux_type " "
    expect_screen "paused ·" 5 || return 1
    tmux_type "+"
    expect_screen "lr 0.1 (sgd)" 2
    tmux_type "."
    expect_screen "one more batch" 2
    tmux_type "n"
    expect_screen "probe: test image 2/100 (a 1)" 2
    tmux_type "w"
    expect_screen "saved $E2E_HOME/mine.npz" 2
    [ -s "$E2E_HOME/mine.npz" ] || fail "no checkpoint was written"
    tmux_type "q"
    expect_screen "EXIT=0" 10
}

test_train_dashboard_needs_a_terminal() {
    local out status
    out=$("$CONVLAB" train --tui </dev/null 2>&1); status=$?
    expect_equal "$status" 1 "exit status without a terminal"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines printed without a terminal"
    expect_contains "$out" "convlab train --tui needs a terminal" "no-terminal message"
}
