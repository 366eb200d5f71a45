# Where the trained network fails, from the live dashboard: the confusion matrix and the
# misclassified test images (f, m), the strongest images of a channel (t), and the run's
# command line on the settings page (e). A tiny run, so a debug build under load finishes.

test_train_failures_page_steps_through_mistakes() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo train --epochs 1 --train-size 64 --test-size 40 --batch 16; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "finished ·" 300 || return 1
    tmux_type "f"
    expect_screen "test confusion, epoch 1:" 30 || return 1
    expect_screen " mistake" 30 || return 1
    expect_screen "m/M: next/previous" 30
    # After one epoch on 64 digits the net still gets some of the 40 test digits wrong; m
    # steps the probe to the first of them and says which class it was taken for.
    tmux_type "m"
    expect_screen "taken for a" 30 || return 1
    expect_screen "predicted" 30
    tmux_type "t"
    expect_screen "strongest test images for layer 0 (conv 8 3x3 pad 1), channel 1/8" 30 || return 1
    expect_screen "1 a" 60
    tmux_type "e"
    expect_screen "this run as a command (Ctrl-S saves it):" 30 || return 1
    expect_screen "convlab train --tui --arch teaching-net" 30
    # Esc leaves the settings page; q then leaves the dashboard.
    tmux_keys Escape
    expect_screen "settings unchanged" 30
    tmux_type "q"
    expect_screen "EXIT=0" 30
}
