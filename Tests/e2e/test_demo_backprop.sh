# The backprop demo in a real terminal: `convlab demo backprop`.

test_demo_backprop_sums_terms_and_checks_them() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo backprop; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "engine conv2dBackward: dWeight[0,0,0,0] = -2.0800" || return 1
    tmux_type ".."
    expect_screen "(0,0): 0.4·0.3 = 0.12"
    expect_screen "running sum of 2 terms = 0.1200"
    tmux_type "e"
    expect_screen "running sum of 9 terms = -2.0800 = ∂L/∂w[0,0]"
    expect_screen "analytic -2.0800, numeric -2.0800 (ε = 0.01): difference 0.0000"
    expect_screen "✓ agree"
    tmux_keys Right
    expect_screen "engine conv2dBackward: dWeight[0,0,0,1] = -2.4900"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_demo_backprop_max_pool_routes() {
    E2E_ENV="NO_COLOR=1" tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo backprop --layer maxpool; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "no window sent back yet" || return 1
    tmux_type ".."
    expect_screen "window 2/9 at (0,1): max x[1,3] = 1.5 receives g[0,1] = 0.1; the other 3 get 0"
    tmux_type "q"
    expect_screen "EXIT=0"
}
