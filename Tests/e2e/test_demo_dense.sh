# The dense demo in a real terminal: `convlab demo dense`.

test_demo_dense_class_map_and_boxes() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo dense; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "A 14×14 digit classifier slid over a 17×44 canvas, stride 2" || return 1
    # The net trains on clock ticks; the class map appears within a few seconds.
    expect_screen "class map 2×16 (· background, dim" 60 || return 1
    expect_screen "digit 1 of 3, class"
    tmux_keys Tab
    expect_screen "digit 2 of 3, class"
    tmux_type "S"
    expect_screen "class map 2×11"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}
