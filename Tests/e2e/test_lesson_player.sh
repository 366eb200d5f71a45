# The lesson player in a real terminal: `convlab lesson ID`, answers, hints, saved progress,
# and the home screen's lesson list showing that progress.

test_lesson_player_wrong_hint_right_and_progress() {
    # A state folder of its own, so progress other tests save cannot move the starting step.
    local state="$E2E_HOME/lesson-player-state"
    E2E_ENV="XDG_STATE_HOME=$state" tmux_start 80 24
    tmux_type "\"$CONVLAB\" lesson output-size; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "Step 1 of 18 · reading" || return 1
    expect_screen "Without padding, the output is smaller than the input."
    # Step 2 is the geometry demo; step 3 the first exercise, with the answer field open.
    tmux_keys Right
    expect_screen "Press Enter to open the demo"
    tmux_keys Right
    expect_screen "Exercise 1 of 12" || return 1
    expect_screen "typing: Enter submits, Esc leaves the field"
    tmux_type "4x4"
    tmux_keys Enter
    expect_screen "✗ Not yet."
    expect_screen "Close: that is (W − F + 2P)/S, the number of strides."
    expect_screen "2 tries left; a hint may help."
    expect_screen "Press h for a hint"
    tmux_type "h"
    expect_screen "Hint 1 of 2: How many positions can the kernel's left edge take"
    # A digit starts a new answer.
    tmux_type "5x5"
    tmux_keys Enter
    expect_screen "✓ Correct: 5×5"
    expect_screen "The kernel fits at 7 − 3 + 1 = 5 positions along each axis, so 5×5."
    expect_screen "exercises 1/12"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
    local progress="$state/convlab/progress.json"
    [ -f "$progress" ] || { fail "no progress file at $progress"; return 1; }
    expect_contains "$(cat "$progress")" '"seven-by-three"' "saved progress"

    # The home screen lists the lesson with its progress; Enter resumes at the exercise.
    tmux_type "clear; \"$CONVLAB\"; echo EXIT=\$?"
    tmux_keys Enter
    # The lessons come first, the cursor on the first one not finished (lesson 1 here).
    expect_screen "Lessons" || return 1
    expect_screen "lesson 1 of 15"
    tmux_keys Down Down Down Down Down Down
    expect_screen "›   Output size, padding and stride" || return 1
    expect_screen "1/12"
    tmux_keys Enter
    expect_screen "Step 3 of 18 · exercise"
    expect_screen "✓ answered correctly before"
    tmux_keys Escape
    tmux_type "q"
    expect_screen "lesson 7 of 15"
    tmux_type "q"
    expect_screen "EXIT=0"
}

test_lesson_demo_goal_shows_task_then_done() {
    # The output-size lesson's first demo step sets a task; the demo keeps it on screen and
    # says when the learner's padding has brought the output back to 7×7.
    local state="$E2E_HOME/demo-goal-state"
    E2E_ENV="XDG_STATE_HOME=$state" tmux_start 80 24
    tmux_type "\"$CONVLAB\" lesson output-size; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "Step 1 of 18 · reading" || return 1
    tmux_keys Right
    expect_screen "Task: Raise the padding until the 7×7 input gives a 7×7 output again" || return 1
    tmux_keys Enter
    expect_screen "Geometry explorer" || return 1
    expect_screen "Task: Raise the padding until the 7×7 input gives a 7×7 output" || return 1
    expect_screen "Output 5×5"
    tmux_type "P"
    expect_screen "✓ done: Raise the padding until the 7×7 input gives a 7×7 output" || return 1
    expect_screen "Output 7×7"
    # Back in the lesson at the same step; q there leaves the player.
    tmux_type "q"
    expect_screen "Step 2 of 18" || return 1
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_lesson_pool_and_conv_goals_show_task_then_done() {
    # The pooling lesson's demo asks for a 3×3 pooled map: stride 3 on the 8×8 map gives
    # (8 − 2)/3 + 1 = 3. The convolution lesson's asks for the window with the largest output.
    local state="$E2E_HOME/pool-goal-state"
    E2E_ENV="XDG_STATE_HOME=$state" tmux_start 80 24
    tmux_type "\"$CONVLAB\" lesson pooling; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "Step 1 of" || return 1
    tmux_keys Right
    expect_screen "Task: Choose a window (k/K) and a stride (s/S)" || return 1
    tmux_keys Enter
    expect_screen "Pooling: max" || return 1
    tmux_type "S"
    expect_screen "✓ done: Choose a window (k/K) and a stride (s/S)" || return 1
    tmux_type "q"
    tmux_type "q"
    expect_screen "EXIT=0" || return 1
    tmux_type "\"$CONVLAB\" lesson convolution; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "Step 1 of" || return 1
    tmux_keys Right
    tmux_keys Enter
    expect_screen "Task: Step with → to the window whose output is the largest" || return 1
    # Walk the 25 windows one at a time, waiting for each to show, until the task is done:
    # it holds only on the window with the largest output and is undone past it.
    expect_screen "window 1/25" || return 1
    local step
    for step in $(seq 2 25); do
        if screen | grep -q "✓ done: Step with →"; then break; fi
        tmux_keys Right
        expect_screen "window $step/25" || return 1
    done
    expect_screen "✓ done: Step with → to the window whose output is the largest" || return 1
    tmux_type "q"
    tmux_type "q"
    expect_screen "EXIT=0"
}

test_lesson_end_opens_the_next_lesson() {
    # Progress past the end resumes on the last step; Tab leaves an answer field if there is one.
    local state="$E2E_HOME/next-lesson-state"
    mkdir -p "$state/convlab"
    printf '{"format": 1, "lessons": {"backprop-through-conv": {"finishedStep": 999, "correctExercises": [], "done": false}}}\n' \
        > "$state/convlab/progress.json"
    E2E_ENV="XDG_STATE_HOME=$state" tmux_start 80 24
    tmux_type "\"$CONVLAB\" lesson backprop-through-conv; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "Lesson: Backpropagation" || return 1
    tmux_keys Tab Right
    expect_screen "Lesson finished" || return 1
    expect_screen "Press Enter for the next lesson: Beyond classification."
    tmux_keys Enter
    expect_screen "Lesson: Beyond classification" || return 1
    expect_screen "Step 1 of"
    tmux_type "q"
    expect_screen "EXIT=0"
}

test_lesson_unknown_id_is_one_line_before_curses() {
    local out status
    out=$("$CONVLAB" lesson outptu-size 2>&1 </dev/null); status=$?
    expect_equal "$status" 1 "exit status for an unknown lesson"
    expect_contains "$out" "did you mean 'output-size'?" "suggestion"
    expect_contains "$out" "The lessons are: mlp-limits, " "known ids"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines in the error"
}

test_lesson_player_demo_step_and_wide_terminal() {
    E2E_ENV="XDG_STATE_HOME=$E2E_HOME/lesson-demo-state" tmux_start 200 60
    tmux_type "\"$CONVLAB\" lesson output-size; echo EXIT=\$?"
    tmux_keys Enter
    # From 120 columns the outline of steps stands beside the text.
    expect_screen "┌ Steps" || return 1
    expect_screen "2. demo: geometry"
    tmux_keys Right Enter
    expect_screen "Geometry explorer" || return 1
    expect_screen "(7 − 3 + 2·0)/1 + 1 = 5"
    tmux_type "q"
    expect_screen "Step 2 of 18 · demo"
    tmux_type "q"
    expect_screen "EXIT=0"
}
