# The training dashboard opened as a demo: `convlab demo train`. Refusals come before curses.

# A probe image that cannot be used is refused in one line before the interface starts.
test_demo_train_refuses_a_bad_probe_before_curses() {
    printf 'P3\n2 2\n255\n0 0 0 255 255 255 0 0 0 255 255 255\n' >"$E2E_HOME/colour.ppm"
    local out status
    out=$("$CONVLAB" demo train --probe "$E2E_HOME/missing.pgm" 2>&1); status=$?
    expect_equal "$status" 1 "exit status for a missing probe"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines for a missing probe"
    expect_contains "$out" "--probe" "missing probe message"
    expect_contains "$out" "missing.pgm" "missing probe message"

    tmux_start 80 24
    tmux_type "cd \"$E2E_HOME\"; \"$CONVLAB\" demo train --probe colour.ppm; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "EXIT=1"
    expect_screen "--probe: colour.ppm has 3 channels"
    expect_equal "$(alternate_on)" 0 "alternate screen after a refused probe"
}
