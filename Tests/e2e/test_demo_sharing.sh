# The weight sharing demo in a real terminal: `convlab demo sharing`.

test_demo_sharing_compares_dense_and_shared_weights() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo sharing --inputs 10 --bandwidth 5; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "fully connected: 10² = 100 weights         banded, shared: 5 weights" || return 1
    # The banded matrix times the signal is the signal convolved with the five weights.
    expect_screen "conv1d(x, w)   = 8 -3 6 3 7 16 -1 -1 13 5   ← the same vector"
    expect_screen "1,000,000,000,000 = 10¹²"
    expect_screen "F·F·C·K = 3·3·1·1 = 9 weights (+1 bias)"
    # m: without sharing every in-band entry is its own weight, 10·5 − 2·3 = 44.
    tmux_type "m"
    expect_screen "banded, not shared: 44 weights"
    # C: three channels; K: a 5×5 kernel.
    tmux_type "CK"
    expect_screen "F·F·C·K = 5·5·3·1 = 75 weights (+1 bias)"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}
