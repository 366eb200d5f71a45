# The geometry explorer in a real terminal: `convlab demo geometry`.

test_demo_geometry_non_tiling_stride_and_the_fix() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo geometry --size 7 --kernel 3 --stride 3; echo EXIT=\$?"
    tmux_keys Enter
    # (7 − 3 + 2·0)/3 + 1 = 7/3 = 2.33: the windows do not tile and index 6 is never read.
    expect_screen "= 7/3 = 2.33" || return 1
    expect_screen "Input rows and columns 6 would never be covered"
    expect_screen "Tiles with padding 1 or 4, or stride 2 or 4"
    expect_screen "window 1/4 at row 0, col 0"
    # t applies padding 1: (7 − 3 + 2·1)/3 + 1 = 3.
    tmux_type "t"
    expect_screen "(7 − 3 + 2·1)/3 + 1 = 3"
    expect_screen "Output 3×3: 9 windows"
    # s brings the stride down to 2: (7 − 3 + 2)/2 + 1 = 4; five steps right reach row 1.
    tmux_type "s"
    expect_screen "(7 − 3 + 2·1)/2 + 1 = 4"
    tmux_keys Right Right Right Right Right
    expect_screen "window 6/16 at row 1, col 1"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_demo_geometry_same_padding_key_at_200_by_60() {
    tmux_start 200 60
    tmux_type "\"$CONVLAB\" demo geometry --size 12 --kernel 5; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "(12 − 5 + 2·0)/1 + 1 = 8" || return 1
    # = applies "same" padding 2, so the output keeps the input's 12×12.
    tmux_type "="
    expect_screen "(12 − 5 + 2·2)/1 + 1 = 12"
    expect_screen "One axis (rows and columns alike)"
    tmux_type "q"
    expect_screen "EXIT=0"
}

# Home and End arrive as keys even when TERM's spelling of them differs from tmux's.
test_demo_geometry_home_and_end_jump() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo geometry; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "window 1/25" || return 1
    tmux_keys End
    expect_screen "window 25/25"
    tmux_keys Home
    expect_screen "window 1/25"
    tmux_type "q"
    expect_screen "EXIT=0"
}
