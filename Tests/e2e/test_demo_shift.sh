# The shift demo in a real terminal: `convlab demo shift`.

test_demo_shift_equivariance_and_the_trained_nets() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo shift --dx 1; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "on the 90 of 144 cells away from the borders:" || return 1
    expect_screen "max |diff| 0.000; over all cells 0.000"
    tmux_keys Right
    expect_screen "digit 12×12 shifted dx 2, dy 0, zero fill"
    expect_screen "on the 80 of 144 cells away from the borders:"
    tmux_type "m"
    expect_screen "dx 2, dy 0, wrap fill"
    # The nets train on clock ticks; the table appears within a few seconds.
    expect_screen "shift px       0     1     2" 60
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_demo_shift_cross_without_colour() {
    E2E_ENV="NO_COLOR=1" tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo shift --image cross --dx 1; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "    █    ···▓·◐·  ···▓·◐·" || return 1
    expect_screen "max pool 3 of 9"
    tmux_type "q"
    expect_screen "EXIT=0"
}
