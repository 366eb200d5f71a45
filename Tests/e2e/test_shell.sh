# The interactive shell: home screen, key list, too-small message, quitting and signals, and
# the refusals that happen before curses starts.

# Starts `convlab` (with optional arguments) in an 80×24 tmux pane and waits for its first frame.
start_interactive() {
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" $*; echo EXIT=\$?"
    tmux_keys Enter
}

# start_interactive_with "VAR=value ..." [arguments]: the same with environment assignments.
start_interactive_with() {
    local assignments=$1
    shift
    tmux_start 80 24
    tmux_type "$assignments \"$CONVLAB\" $*; echo EXIT=\$?"
    tmux_keys Enter
}

test_shell_home_help_resize_and_quit() {
    start_interactive
    expect_screen "ConvLab — Home"
    expect_screen "ConvLab teaches convolutional neural networks"
    expect_screen "? help  q quit"
    expect_equal "$(alternate_on)" 1 "alternate screen while running"

    tmux_keys "?"
    expect_screen "Keys: Home"
    expect_screen "Press any key to close."
    tmux_keys Space
    local shown
    shown=$(wait_until_gone "Keys: Home") || fail "the key list stayed open after a key:"$'\n'"$shown"

    resize 60 20
    expect_screen "ConvLab needs at least 80×24; this terminal is 60×20."
    expect_screen "Enlarge it or press q to quit."
    resize 80 24
    expect_screen "ConvLab — Home"
    shown=$(screen)
    case "$shown" in *"needs at least"*) fail "the size message stayed after growing back:"$'\n'"$shown" ;; esac

    tmux_keys q
    expect_screen "EXIT=0"
    expect_equal "$(alternate_on)" 0 "alternate screen after q"
}

test_shell_quits_from_the_size_message() {
    start_interactive
    expect_screen "ConvLab — Home"
    resize 70 20
    expect_screen "this terminal is 70×20"
    tmux_keys q
    expect_screen "EXIT=0"
    expect_equal "$(alternate_on)" 0 "alternate screen after q at a small size"
}

test_shell_sigterm_and_sigint_restore_the_terminal() {
    start_interactive
    expect_screen "ConvLab — Home"
    pkill -TERM -f "^$CONVLAB\$" || fail "no convlab process to signal"
    expect_screen "EXIT=143"
    expect_equal "$(alternate_on)" 0 "alternate screen after SIGTERM"

    tmux_type "clear"
    tmux_keys Enter
    tmux_type "\"$CONVLAB\"; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "ConvLab — Home"
    tmux_keys C-c
    expect_screen "EXIT=130"
    expect_equal "$(alternate_on)" 0 "alternate screen after Ctrl-C"
    # The shell's terminal works again: typed text echoes.
    tmux_type "echo still-echoing"
    tmux_keys Enter
    expect_screen "still-echoing"
}

test_shell_without_a_terminal_prints_one_line() {
    local out status
    out=$("$CONVLAB" </dev/null 2>&1); status=$?
    expect_equal "$status" 1 "exit status without a terminal"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines without a terminal"
    expect_contains "$out" "needs a terminal" "no-terminal message"
    expect_contains "$out" "convlab demo --list" "no-terminal message"
    out=$("$CONVLAB" 2>&1 | cat); status=${PIPESTATUS[0]}
    expect_equal "$status" 1 "exit status with stdout piped"
    expect_contains "$out" "needs a terminal" "piped message"
}

test_shell_demo_refusals_happen_before_curses() {
    local out status
    out=$("$CONVLAB" demo nosuch 2>&1); status=$?
    expect_equal "$status" 1 "exit status of an unknown demo"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines for an unknown demo"
    expect_contains "$out" "unknown demo 'nosuch'" "unknown demo message"

    out=$("$CONVLAB" demo 2>&1); status=$?
    expect_equal "$status" 1 "exit status without a demo name"
    expect_contains "$out" "name a demo" "missing name message"

    out=$("$CONVLAB" demo --list) || fail "demo --list exited $?"
    [ -n "$out" ] || fail "demo --list printed nothing"

    # Inside a terminal too, the refusal comes before curses: one line, the shell untouched.
    start_interactive demo nosuch
    expect_screen "EXIT=1"
    expect_screen "unknown demo 'nosuch'"
    expect_equal "$(alternate_on)" 0 "alternate screen after a refused demo"
}

# A terminal that cannot move the cursor is refused before curses starts, like an unknown TERM:
# one line, exit 1, the shell untouched.
test_shell_refuses_a_dumb_terminal() {
    start_interactive_with "TERM=dumb" demo pool
    expect_screen "EXIT=1"
    expect_screen "cannot draw on this terminal (TERM=dumb): it cannot move the cursor"
    expect_equal "$(alternate_on)" 0 "alternate screen after TERM=dumb"
    local shown
    shown=$(screen)
    case "$shown" in *"Pooling"*) fail "the demo drew on a dumb terminal:"$'\n'"$shown" ;; esac
}

# A crash inside the interface (CONVLAB_CRASH_TEST=1 traps right after the first frame) gives
# the terminal back — alternate screen left, echo on — and the program ends by itself: no key
# is sent, and the runtime's backtracer, which would wait for one, is not run.
test_shell_crash_restores_the_terminal_without_a_key() {
    start_interactive_with "CONVLAB_CRASH_TEST=1" demo pool
    expect_screen "EXIT=13" 60   # 132 (SIGILL) on x86-64, 133 (SIGTRAP) on arm64
    expect_screen "convlab crashed; the terminal was restored"
    expect_equal "$(alternate_on)" 0 "alternate screen after a crash"
    local shown
    shown=$(screen)
    case "$shown" in *"Press space to interact"*) fail "the backtracer waited for a key:"$'\n'"$shown" ;; esac
    # The tty settings the shell sees are the ones convlab started from: echo is on.
    tmux_type "stty -a | tr ' ' '\\n' | grep -x -- '-\\?echo' | sed 's/^/tty:/'"
    tmux_keys Enter
    expect_screen "tty:echo"
    shown=$(screen)
    case "$shown" in *"tty:-echo"*) fail "echo stayed off after the crash:"$'\n'"$shown" ;; esac
}

# With SWIFT_BACKTRACE asking for a non-interactive backtrace, the crash is handed on to the
# runtime's backtracer once the terminal is restored: the backtrace lands on the normal screen.
test_shell_crash_hands_on_to_a_non_interactive_backtracer() {
    start_interactive_with "CONVLAB_CRASH_TEST=1 SWIFT_BACKTRACE=enable=yes,interactive=no,limit=4" demo pool
    expect_screen "EXIT=13" 60
    expect_screen "Backtrace took"
    expect_equal "$(alternate_on)" 0 "alternate screen after a crash with a backtrace"
}
