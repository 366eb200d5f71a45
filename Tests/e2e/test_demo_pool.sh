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

# Ctrl-C at a few moments after the first frame, each time: exit 130, the alternate screen
# left and echo on. (The race this guards against — endwin on the signal queue while the main
# thread was inside curses — hit about once in 165 presses, so this is a smoke test; the fix
# is that only the main thread leaves curses.)
test_demo_pool_ctrl_c_always_restores_the_terminal() {
    tmux_start 80 24
    local delay shown
    for delay in 0 0.1 0.3 0.05 0.2; do
        tmux_type "clear; \"$CONVLAB\" demo pool; echo EXIT=\$?"
        tmux_keys Enter
        expect_screen "window 1/" || return 1
        sleep "$delay"
        tmux_keys C-c
        expect_screen "EXIT=130" || return 1
        expect_equal "$(alternate_on)" 0 "alternate screen after Ctrl-C (delay $delay)"
    done
    tmux_type "stty -a | tr ' ' '\\n' | grep -x -- '-\\?echo' | sed 's/^/tty:/'"
    tmux_keys Enter
    expect_screen "tty:echo"
    shown=$(screen)
    case "$shown" in *"tty:-echo"*) fail "echo stayed off after Ctrl-C:"$'\n'"$shown" ;; esac
}
