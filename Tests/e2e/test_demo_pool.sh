# The pooling demo in a real terminal: `convlab demo pool`.

test_demo_pool_steps_max_pooling_over_the_digit() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo pool; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "max pool 2×2, stride 2: 12×12×4 → 6×6×4; the notes: 224×224×64 → 112×112×64" || return 1
    expect_screen "0 learnable parameters"
    expect_screen "window 1/36 at row 0, col 0"
    # Window (0, 1) of the sobel-y channel covers rows 0–1, columns 2–3 of the map of the
    # hand-drawn 7: 0 0 / 3 4 after ReLU; the max is 4.
    tmux_keys Right
    expect_screen "window 2/36 at row 0, col 1"
    expect_screen "2 sobel-y     0.0   0.0   3.0  [4.0] → 4.0"
    # m switches to average pooling: (0 + 0 + 3 + 4)/4 = 1.75.
    tmux_type "m"
    expect_screen "7.0/4 = 1.75"
    tmux_keys Right Right Right Right Right Right
    expect_screen "window 8/36 at row 1, col 1"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_demo_pool_heatmap_without_colour() {
    E2E_ENV="NO_COLOR=1" tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo pool --view heatmap; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "1 sobel-x           2 sobel-y           3 laplacian         4 sharpen" || return 1
    tmux_type "v"
    expect_screen "channel 1 · sobel-x"
    tmux_type "q"
    expect_screen "EXIT=0"
}
