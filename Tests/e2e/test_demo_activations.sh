# The activations demo in a real terminal: `convlab demo activations`.

test_demo_activations_reads_the_curves_and_the_dead_relu() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo activations --function sigmoid; echo EXIT=\$?"
    tmux_keys Enter
    # σ(0) = 1/2 and σ′(0) = 1/4; beyond |x| = 3 the slope is below 0.05.
    expect_screen "• f(0.00) = 0.500   + f′(0.00) = 0.250" || return 1
    expect_screen "|f′| < 0.05 for x ≤ -3.00, x ≥ 3.00"
    # Four quarters right: σ(1) = 0.731, σ′(1) = 0.197.
    tmux_keys Right Right Right Right
    expect_screen "f(1.00) = 0.731   + f′(1.00) = 0.197"
    # ReLU: the batch's pre-activations are all negative, so no gradient gets through.
    tmux_type "3"
    expect_screen "db = 0.00: dead"
    tmux_type "A"
    expect_screen "4 leaky ReLU (a = 0.02)"
    expect_screen "still learns"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_demo_activations_refuses_an_unknown_function() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo activations --function softplus; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "expected relu, leakyrelu, sigmoid or tanh" || return 1
    expect_screen "EXIT=1"
}
