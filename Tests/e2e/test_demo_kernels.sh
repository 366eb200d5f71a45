# The kernel gallery in a real terminal: `convlab demo kernels`.

test_demo_kernels_applies_sobel_to_the_edge() {
    E2E_ENV="NO_COLOR=1" tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo kernels --image edge --kernel sobel-x; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "sobel-x 3×3 (6/11) on edge · valid, no padding: 8×8 → 6×6" || return 1
    # Where dark meets bright the right column (1, 2, 1) sums to 4, the top of the output's
    # range (full shade); flat areas give 0 (blank). Without colour the maps keep the colour
    # view's aspect, so at 80×24 they are drawn at scale 3 and the numbers do not fit beside.
    expect_screen "████████████   -1  0  1             ██████"
    # K: sobel-y sees no horizontal edge in this image, so every output is 0: one even shade.
    tmux_type "K"
    expect_screen "sobel-y 3×3 (7/11) on edge"
    expect_screen "████████████   -1 -2 -1       ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒"
    # P: same padding keeps 8×8.
    tmux_type "P"
    expect_screen "same, padding 1: 8×8 → 8×8"
    tmux_type "I"
    expect_screen "image 2/9 diagonal"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_demo_kernels_reads_the_learners_pgm() {
    printf 'P2\n4 3\n255\n0 0 255 255\n0 0 255 255\n0 0 255 255\n' >"$E2E_HOME/mine.pgm"
    E2E_ENV="NO_COLOR=1" tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo kernels --image \"$E2E_HOME/mine.pgm\"; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "sobel-x 3×3 (6/11) on mine.pgm · valid, no padding: 3×4 → 1×2" || return 1
    expect_screen "4.00 4.00"
    tmux_type "q"
    expect_screen "EXIT=0"
    tmux_type "\"$CONVLAB\" demo kernels --image \"$E2E_HOME/missing.pgm\"; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "missing.pgm" || return 1
    expect_screen "EXIT=1"
}
