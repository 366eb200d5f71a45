# The lesson commands: lessons check/list/export and the plain quiz.

LESSONS_SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../lessons" && pwd)"

test_lessons_check_passes_on_the_course() {
    local out status
    out=$("$CONVLAB" lessons check 2>&1); status=$?
    expect_equal "$status" 0 "exit status of lessons check (built-in course)"
    expect_contains "$out" "OK: 15 lessons" "lessons check"
    out=$("$CONVLAB" lessons check "$LESSONS_SOURCE" 2>&1); status=$?
    expect_equal "$status" 0 "exit status of lessons check DIR"
}

test_lessons_check_fails_on_a_broken_copy_with_file_and_line() {
    cp -r "$LESSONS_SOURCE" broken
    # A wrong parameter count (the engine says 1,792) and a misspelt key.
    sed -i 's/      answer: 1,792$/      answer: 1,793/' broken/08-conv-layers.yaml
    sed -i 's/^summary:/sumary:/' broken/09-pooling.yaml
    local out status
    out=$("$CONVLAB" lessons check broken 2>&1); status=$?
    expect_equal "$status" 1 "exit status of lessons check on a broken copy"
    expect_contains "$out" "broken/08-conv-layers.yaml:" "problem location"
    expect_contains "$out" "answer 1,793 disagrees with the derived 1,792 (parameters: (3·3·3 + 1)·64 = 1,792)" "derived answer message"
    expect_contains "$out" "broken/09-pooling.yaml:3: unknown key 'sumary' in the lesson; did you mean 'summary'?" "unknown key message"
}

test_quiz_plain_judges_answers_and_records_progress() {
    local out
    # seven-by-three (5x5, right), same-padding-five (3, wrong, then the answer shown),
    # formula-any (skipped), stride-four (right, spaced and with ×), stride-three (does not
    # tile, right), then the input ends before the other seven. A wrong answer leaves the
    # exercise open: three tries, as in the player.
    out=$(printf '5x5\n3\nshow\nskip\n55 × 55 × 96\ndoes not tile\n' | XDG_STATE_HOME="$E2E_HOME/state" "$CONVLAB" quiz output-size --plain) \
        || fail "quiz exited $?"
    expect_contains "$out" "[1/12] A 7×7 image" "first prompt"
    expect_contains "$out" "Correct: 5×5 (H×W)." "first answer"
    expect_contains "$out" "The kernel fits at 7 − 3 + 1 = 5 positions" "first explanation"
    expect_contains "$out" "2 tries left; a hint may help." "second answer"
    expect_contains "$out" "The answer is 2 (shown, so no credit)." "show"
    expect_contains "$out" "skipped" "skip"
    expect_contains "$out" "Correct: 55×55×96 (H×W×C)." "a shape labelled with its order"
    expect_contains "$out" "Score: 3/12 correct" "score line"
    expect_contains "$(cat "$E2E_HOME/state/convlab/progress.json")" '"seven-by-three"' "saved progress"
    out=$(XDG_STATE_HOME="$E2E_HOME/state" "$CONVLAB" lessons list) || fail "lessons list exited $?"
    expect_contains "$out" "output-size" "lessons list"
    expect_contains "$(printf '%s\n' "$out" | grep '^output-size')" "3/12, 1 revealed" "progress mark"
}

test_quiz_plain_format_errors_cost_no_try_and_slips_are_named() {
    local out
    # seven-by-three: two unreadable answers, then the + 1 forgotten, a factor off, and a third
    # wrong answer, after which the answer is shown.
    out=$(printf 'five\nbig\n4x4\n3x3\n6x6\n' | XDG_STATE_HOME="$E2E_HOME/slip-state" "$CONVLAB" quiz output-size --plain) \
        || fail "quiz exited $?"
    expect_contains "$out" "that did not count as a try" "format error"
    expect_contains "$out" "Close: that is (W − F + 2P)/S, the number of strides." "forgot the + 1"
    expect_contains "$out" "That is the kernel size F" "the kernel size"
    expect_contains "$out" "No tries left: the answer is 5×5 (H×W) (shown, so no credit)." "answer after three tries"
    expect_contains "$(cat "$E2E_HOME/slip-state/convlab/progress.json")" '"revealed"' "revealed in the progress file"
}

test_quiz_plain_hints_and_early_end() {
    local out
    out=$(printf 'hint\nhint\nhint\n5x5\n' | XDG_STATE_HOME="$E2E_HOME/state" "$CONVLAB" quiz output-size --plain) \
        || fail "quiz exited $?"
    expect_contains "$out" "hint 1/2: How many positions can the kernel's left edge take along one row?" "hint"
    expect_contains "$out" "no more hints" "second hint"
    expect_contains "$out" "Score: 1/12 correct (input ended early)" "score after end of input"
}

test_quiz_unknown_lesson_is_one_line() {
    local out status
    out=$("$CONVLAB" quiz outptu-size --plain 2>&1); status=$?
    expect_equal "$status" 1 "exit status for an unknown lesson"
    expect_contains "$out" "did you mean 'output-size'?" "suggestion"
    expect_equal "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "lines in the error"
}

test_lessons_export_json_has_derived_answers() {
    local out
    out=$("$CONVLAB" lessons export --json) || fail "export exited $?"
    expect_contains "$out" '"answer" : "138,357,544"' "VGG16 total in export"
    expect_contains "$out" '"working" : "(3·3·3 + 1)·64 = 1,792"' "working in export"
}
