# The convolution stepper in a real terminal: `convlab demo conv`.

test_demo_conv_steps_box_blur_over_numbers() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo conv --image numbers --kernel box-blur; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "Kernel box-blur" || return 1
    expect_screen "window 1/25 at row 0, col 0"
    # The numbers image is x[r][c] = (3r + 2c) mod 5:
    #   0 2 4 1 3 0 2
    #   3 0 2 4 1 3 0
    #   1 3 0 2 4 1 3
    # Three steps right reach window 4, output (0, 3), over columns 3–5 of rows 0–2:
    # 1 3 0 / 4 1 3 / 2 4 1, which sum to 19; box-blur weighs each by 1/9: 19/9 = 2.11.
    tmux_keys Right
    tmux_type "l"
    tmux_keys Right
    expect_screen "window 4/25 at row 0, col 3"
    expect_screen "= output  2.11"
    # One step back: window 3 over columns 2–4, 4 1 3 / 2 4 1 / 0 2 4 = 21, 21/9 = 2.33.
    tmux_keys Left
    expect_screen "window 3/25 at row 0, col 2"
    expect_screen "= output  2.33"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_demo_conv_shows_a_non_tiling_stride() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo conv --image numbers --stride 3; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "No output" || return 1
    expect_screen "(7 − 3 + 2·0)/3 + 1 = 2.33"
    # Padding 1 makes it tile: (7 − 3 + 2)/3 + 1 = 3.
    tmux_type "P"
    expect_screen "Output 3×3"
    tmux_type "q"
    expect_screen "EXIT=0"
}
