# The dense demo in a real terminal: `convlab demo dense`.

test_demo_dense_class_map_and_boxes() {
    tmux_start 80 24
    # The fewest training windows, so the debug build trains in seconds.
    tmux_type "\"$CONVLAB\" demo dense --examples 200; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "A 14×14 two-headed net slid over an 18×44 canvas, stride 2" || return 1
    # The net trains on clock ticks, showing each epoch's losses, then the class map appears.
    expect_screen "epoch 1: CE " 60 || return 1
    expect_screen "class map 3×16 (· background, dim" 120 || return 1
    expect_screen "┌┐ true ink box  ╔╗ pred by the box head"
    expect_screen "digit 1 of 3, class"
    expect_screen "‖pred − true‖² = "
    tmux_keys Tab
    expect_screen "digit 2 of 3, class"
    tmux_type "S"
    expect_screen "class map 2×11"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}
