# Helpers for the end-to-end tests: each test drives the real `convlab` binary, either as a
# plain command or inside a detached tmux session (send-keys to type, capture-pane to read).
# Sourced by run.sh; a test is a shell function whose name starts with `test_`.

E2E_SESSION="convlab-e2e-$$"
E2E_FAILURES=0

fail() {
    echo "    FAIL: $*" >&2
    E2E_FAILURES=$((E2E_FAILURES + 1))
    return 1
}

# expect_contains HAYSTACK NEEDLE [WHAT]
expect_contains() {
    case "$1" in
        *"$2"*) return 0 ;;
        *) fail "${3:-output} does not contain '$2'; it was:"$'\n'"$1" ;;
    esac
}

# expect_equal ACTUAL EXPECTED [WHAT]
expect_equal() {
    [ "$1" = "$2" ] || fail "${3:-value} is '$1', expected '$2'"
}

# expect_refusal WHAT EXPECTED ARGS...: `convlab ARGS` exits 1 with one line containing EXPECTED.
expect_refusal() {
    local what=$1 expected=$2 out status
    shift 2
    out=$("$CONVLAB" "$@" 2>&1); status=$?
    expect_equal "$status" 1 "exit status of $what"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines in the message for $what"
    expect_contains "$out" "$expected" "message for $what"
}

# Starts a login-free shell in a tmux session of the given size; commands are typed into it.
# The prompt is set to "$ " (root's default prompt ends in "#"), so the wait for it ends as soon
# as the shell is ready instead of running out its deadline.
tmux_start() {
    local width=${1:-80} height=${2:-24}
    tmux kill-session -t "$E2E_SESSION" 2>/dev/null || true
    tmux new-session -d -s "$E2E_SESSION" -x "$width" -y "$height" \
        "env -i HOME=\"$E2E_HOME\" PATH=\"$PATH\" TERM=xterm-256color LANG=C.UTF-8 PS1='\$ ' XDG_STATE_HOME=\"$E2E_HOME/state\" ${E2E_ENV:-} bash --norc --noprofile"
    tmux set-option -t "$E2E_SESSION" status off >/dev/null
    local shown
    shown=$(wait_for '$' 90) || fail "the shell in tmux never showed its prompt:"$'\n'"$shown"
}

tmux_stop() { tmux kill-session -t "$E2E_SESSION" 2>/dev/null || true; }

# Types text into the session; `tmux_keys Enter` etc. send named keys.
tmux_type() { tmux send-keys -t "$E2E_SESSION" -l "$1"; }
tmux_keys() { tmux send-keys -t "$E2E_SESSION" "$@"; }

screen() { tmux capture-pane -p -t "$E2E_SESSION"; }

resize() { tmux resize-window -t "$E2E_SESSION" -x "$1" -y "$2"; }

# Whether the pane is in the alternate screen (curses running) — 0 once the terminal is restored.
alternate_on() { tmux display-message -p -t "$E2E_SESSION" '#{alternate_on}'; }

# Every wait polls the pane for the state it needs; deadlines are generous because CI runs a
# debug build on a busy 2-core machine (a shell in a new tmux session once took over 30 s to
# show its prompt at a load average of 25), and a test that passes waits only as long as it must.
E2E_DEADLINE=60

# wait_for TEXT [SECONDS]: polls the screen until TEXT appears; prints the screen either way.
wait_for() {
    local text=$1 seconds=${2:-$E2E_DEADLINE} deadline
    deadline=$(($(date +%s) + seconds))
    while :; do
        local now
        now=$(screen)
        case "$now" in *"$text"*) printf '%s\n' "$now"; return 0 ;; esac
        if [ "$(date +%s)" -ge "$deadline" ]; then
            printf '%s\n' "$now"
            return 1
        fi
        sleep 0.1
    done
}

# wait_until_gone TEXT [SECONDS]: polls until TEXT is no longer on screen; prints the screen.
# (Waiting for something that was on screen all along would race the key being handled.)
wait_until_gone() {
    local text=$1 seconds=${2:-$E2E_DEADLINE} deadline now
    deadline=$(($(date +%s) + seconds))
    while :; do
        now=$(screen)
        case "$now" in *"$text"*) ;; *) printf '%s\n' "$now"; return 0 ;; esac
        if [ "$(date +%s)" -ge "$deadline" ]; then
            printf '%s\n' "$now"
            return 1
        fi
        sleep 0.1
    done
}

# expect_screen TEXT [SECONDS]: like wait_for, but records a failure with the screen.
expect_screen() {
    local shown
    shown=$(wait_for "$1" "${2:-$E2E_DEADLINE}") || fail "screen never showed '$1'; it was:"$'\n'"$shown"
}
