# The draw demo in a real terminal: `convlab demo draw` on the built-in network.

# The digit on the prediction line ("prediction: 7"), or nothing.
draw_prediction() { screen | sed -n 's/^prediction: \([0-9]\).*/\1/p' | head -n 1; }

# draw_keys KEY COUNT: sends KEY COUNT times.
draw_keys() { local count; for count in $(seq 1 "$2"); do tmux_keys "$1"; done; }

test_demo_draw_a_zero_with_keys() {
    local folder blank
    folder=$(mktemp -d)
    tmux_start 80 24
    tmux_type "\"$CONVLAB\" demo draw --network builtin --thickness 3 --folder \"$folder\"; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "prediction: " || return 1
    expect_screen "every layer · page 1/"
    expect_screen "class scores"
    # Not every channel fits at 80×24: PgDn shows the next page of every layer's channels.
    tmux_keys NPage
    expect_screen "every layer · page 2/"
    tmux_keys PPage
    expect_screen "every layer · page 1/"
    blank=$(draw_prediction)
    [ "$blank" != 0 ] || fail "the blank canvas is already predicted 0, so drawing a 0 would show no change"
    # A ring: from (6, 9) right 10, down 16, left 10, up 16, with the pen down. Each leg waits
    # for the cursor to arrive, so no key is assumed to be handled in time.
    draw_keys Up 8
    draw_keys Left 5
    expect_screen "pen up · thickness 3 · (6, 9)"
    tmux_type " "
    draw_keys Right 10
    expect_screen "pen down · thickness 3 · (6, 19)"
    draw_keys Down 16
    expect_screen "pen down · thickness 3 · (22, 19)"
    draw_keys Left 10
    expect_screen "pen down · thickness 3 · (22, 9)"
    draw_keys Up 16
    expect_screen "pen down · thickness 3 · (6, 9)"
    tmux_type " "
    expect_screen "pen up · thickness 3 · (6, 9)"
    expect_screen "prediction: 0"
    # What it looks at, for the predicted class; then save the screen and its pictures.
    tmux_type "v"
    expect_screen "what it looks at: class 0 (top-1"
    expect_screen "∂score/∂pixel"
    tmux_type "w"
    expect_screen "saved draw-1.txt, -canvas.pgm, -gradient-0.ppm, -occlusion-0.ppm"
    [ -s "$folder/draw-1-canvas.pgm" ] || fail "no canvas picture in $folder"
    grep -q "what it looks at: class 0" "$folder/draw-1.txt" || fail "the saved text is not the screen"
    # Clearing the canvas brings the blank canvas's prediction back.
    tmux_type "x"
    expect_screen "prediction: $blank"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
    rm -rf "$folder"
}
