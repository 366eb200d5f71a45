# The lesson that uses every structured exercise kind (pick the picture, design, spot the
# error, trace a network) and "predict, then see", through `quiz --plain` and the terminal
# player.

test_lesson_kinds_plain_quiz() {
    local out
    # pick (a: wrong, then shown), design (a refused form, then right), design (right), spot
    # (2: wrong, then right), spot (right), trace (row 3 wrong, then shown), predict (right).
    # A wrong answer leaves the exercise open for another try, as in the player.
    out=$(printf 'a\nshow\npadding 9, stride 2\n1, 2\n3, 3\n2\n3\n3\n28x28x6 456; 14x14x6 0; 10x10x6 2416; 5x5x16 0\nshow\n3\n' \
        | XDG_STATE_HOME="$E2E_HOME/kinds-plain-state" "$CONVLAB" quiz reading-and-designing --plain) \
        || fail "quiz exited $?"
    expect_contains "$out" "[1/7] The image below is dark on the left and top" "pick prompt"
    expect_contains "$out" "    0 4 4 0         0 −1  2  1" "the engine's maps"
    expect_contains "$out" "2 tries left; a hint may help." "pick verdict"
    expect_contains "$out" "  · a) is sobel-y (vertical change" "what the wrong pick was"
    expect_contains "$out" "The answer is c (sobel-x) (shown, so no credit)." "pick shown"
    expect_contains "$out" "now see it: convlab demo kernels --image edge --kernel sobel-x" "then: demo command"
    expect_contains "$out" "expected padding 0 to 3 and stride 1 to 3" "a refused design costs no attempt"
    expect_contains "$out" "  · padding 1, stride 2: ⌊(56 − 3 + 2·1)/2⌋ + 1 = 28, which meets the goal" "design remark"
    expect_contains "$out" "  · kernel 3, layers 3: r: 1 → 3 → 5 → 7, which meets the goal" "another design's remark"
    expect_contains "$out" "  3  conv 16 3x3 pad 1        14×14×16       1,152" "the table's wrong row"
    expect_contains "$out" "  · row 2 (maxpool 2) is right: 14×14×8, 0 parameters (no weights)" "spot remark"
    expect_contains "$out" "  · row 3 (conv 16 5x5): shape ✗, parameters ✓" "trace row remark"
    expect_contains "$out" "  · 3 of 4 rows right" "trace summary"
    expect_contains "$out" "now see it: convlab demo geometry --kernel 3 --size 7 --stride 2" "predict demo command"
    expect_contains "$out" "Score: 5/7 correct" "score line"
}

test_lesson_kinds_in_the_player() {
    E2E_ENV="XDG_STATE_HOME=$E2E_HOME/kinds-player-state" tmux_start 100 40
    tmux_type "\"$CONVLAB\" lesson reading-and-designing; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "Step 1 of 12 · reading" || return 1

    # Pick the picture: answer, then the then: demo opens with Enter and q comes back.
    tmux_keys Right
    expect_screen "Exercise 1 of 7" || return 1
    tmux_type "c"
    tmux_keys Enter
    expect_screen "✓ Correct: c (sobel-x)" || return 1
    expect_screen "Now see it: Enter opens the kernels demo."
    tmux_keys Enter
    expect_screen "Kernels: sobel-x on edge" || return 1
    tmux_type "q"
    expect_screen "Step 2 of 12 · exercise" || return 1

    # Design: a form error is refused without judging; any solution is right.
    tmux_keys Right Right
    expect_screen "Exercise 2 of 7" || return 1
    tmux_type "padding 1"
    tmux_keys Enter
    expect_screen "expected padding 0 to 3 and stride 1 to 3" || return 1
    tmux_keys C-u
    tmux_type "stride 2 padding 1"
    tmux_keys Enter
    expect_screen "✓ Correct: padding 1, stride 2" || return 1
    tmux_keys Right
    expect_screen "Exercise 3 of 7" || return 1
    tmux_type "4, 2"
    tmux_keys Enter
    expect_screen "✓ Correct: kernel 2, layers 6 (one of 4 choices that meet the goal)" || return 1
    expect_screen "· kernel 4, layers 2: r: 1 → 4 → 7, which meets the goal"

    # Spot the error: a right row is told why it is right; the wrong one is the answer.
    tmux_keys Right Right Right
    expect_screen "Exercise 4 of 7" || return 1
    expect_screen "1,152"
    tmux_type "1"
    tmux_keys Enter
    expect_screen "· row 1 (conv 8 3x3 pad 1) is right: 28×28×8, 80 parameters" || return 1
    tmux_keys Enter
    tmux_type "3"
    tmux_keys Enter
    expect_screen "✓ Correct: 3" || return 1

    # Trace: row by row feedback, then the whole table right. (The next exercise opens its
    # answer field on arrival; Escape leaves it so → moves on.)
    tmux_keys Right
    expect_screen "Exercise 5 of 7" || return 1
    tmux_keys Escape Right
    expect_screen "Exercise 6 of 7" || return 1
    tmux_type "28x28x6 456; 14x14x6 0; 10x10x6 2416; 5x5x16 0"
    tmux_keys Enter
    expect_screen "· row 3 (conv 16 5x5): shape ✗, parameters ✓" || return 1
    expect_screen "· 3 of 4 rows right"
    tmux_keys Enter
    tmux_type "28x28x6 456; 14x14x6 0; 10x10x16 2416; 5x5x16 0"
    tmux_keys Enter
    expect_screen "· 4 of 4 rows right" || return 1

    # Predict, then see: the demo is offered only after the answer.
    tmux_keys Right Right
    expect_screen "Exercise 7 of 7" || return 1
    tmux_type "3"
    tmux_keys Enter
    expect_screen "Now see it: Enter opens the geometry demo." || return 1
    tmux_keys Enter
    expect_screen "Geometry explorer" || return 1
    expect_screen "(7 − 3 + 2·0)/2 + 1 = 3"
    tmux_type "q"
    expect_screen "Step 12 of 12 · exercise" || return 1
    tmux_type "q"
    expect_screen "EXIT=0" || return 1
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_lesson_kinds_check_refuses_broken_exercises_at_their_lines() {
    cp -r "$LESSONS_SOURCE" kinds-broken
    # A "wrong" entry that is right, and a design whose goal no choice reaches.
    sed -i 's/wrong: {row: 3, parameters: 1152}/wrong: {row: 3, parameters: 1168}/' kinds-broken/15-reading-and-designing.yaml
    sed -i 's/goal: conv-output-size == 28/goal: conv-output-size == 99/' kinds-broken/15-reading-and-designing.yaml
    local out status
    out=$("$CONVLAB" lessons check kinds-broken 2>&1); status=$?
    expect_equal "$status" 1 "exit status of lessons check on the broken copy"
    expect_contains "$out" "kinds-broken/15-reading-and-designing.yaml:57: no choice meets 'conv-output-size == 99' (all 12 combinations tried)" "design without a solution"
    expect_contains "$out" "kinds-broken/15-reading-and-designing.yaml:105: row 3's parameters 1,168 is what the engine computes" "spot-error value that is right"
}
