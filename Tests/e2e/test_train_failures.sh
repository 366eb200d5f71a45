# Where the trained network fails, from the live dashboard: the confusion matrix and the
# misclassified test images (f, x/X), the strongest images of a channel (t), and the run's
# command line on the settings page (e). A tiny run, so a debug build under load finishes.

test_train_failures_page_steps_through_mistakes() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo train --epochs 1 --train-size 64 --test-size 40 --batch 16; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "finished ·" 300 || return 1
    tmux_type "f"
    expect_screen "test confusion, epoch 1:" || return 1
    expect_screen " mistake" || return 1
    expect_screen "x/X: previous/next"
    # After one epoch on 64 digits the net still gets some of the 40 test digits wrong; X
    # steps the probe to the first of them and says which class it was taken for.
    tmux_type "X"
    expect_screen "taken for a" || return 1
    expect_screen "predicted"
    tmux_type "t"
    expect_screen "strongest test images for layer 0 (conv 8 3x3 pad 1), channel 1/8" || return 1
    expect_screen "1. a " 60
    tmux_type "d"
    expect_screen "shift behaviour:" || return 1
    expect_screen "0 conv 8 3x3 pad 1" 120 || return 1
    expect_screen "perceptron: " 120
    tmux_type "e"
    expect_screen "this run as a command (Ctrl-W saves it):" || return 1
    expect_screen "convlab train --tui --arch teaching-net"
    tmux_keys C-w
    expect_screen "saved the run's command line to $E2E_HOME/convlab-run.txt" || return 1
    # Esc leaves the settings page; q then leaves the dashboard.
    tmux_keys Escape
    expect_screen "settings unchanged"
    tmux_type "q"
    expect_screen "EXIT=0"
    # The saved line is a command `convlab train` accepts: run headless, it trains the same run.
    local line out status
    line=$(cat "$E2E_HOME/convlab-run.txt")
    expect_contains "$line" "--batch 16 --epochs 1 --seed 0 --train-size 64 --test-size 40" "the saved run line"
    out=$(eval "\"\$CONVLAB\" ${line#convlab } " 2>&1 </dev/null); status=$?
    # Without a terminal --tui refuses in one line, after the whole line parsed.
    expect_equal "$status" 1 "exit status of the saved line without a terminal"
    expect_contains "$out" "convlab train --tui needs a terminal" "the saved line run without a terminal"
    line=${line/ --tui/}
    out=$(eval "\"\$CONVLAB\" ${line#convlab }" 2>&1); status=$?
    expect_equal "$status" 0 "exit status of the saved line without --tui"
    expect_contains "$out" "epoch 1/1" "the saved line's headless run"
}
