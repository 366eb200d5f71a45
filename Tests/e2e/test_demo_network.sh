# The network view in a real terminal: `convlab demo network` on a checkpoint, stepping into a
# unit, and `n` in the training dashboard.

# The view shows a cell of layer 3; Enter opens the stepper on that unit, whose sum, bias and
# output equal the cell the view showed.
test_demo_network_steps_into_a_unit() {
    # Epoch 0 evaluates only: the checkpoint holds the seeded starting weights.
    "$CONVLAB" train --epochs 0 --train-size 10 --test-size 10 --save "$E2E_HOME/net.npz" >/dev/null 2>&1 \
        || { fail "convlab train could not write a checkpoint"; return 1; }
    tmux_start 80 24
    tmux_type "cd \"$E2E_HOME\"; \"$CONVLAB\" demo network --init net.npz --layer 3 --channel 5 --row 4 --column 6; echo EXIT=\$?"
    tmux_keys Enter
    local shown value rounded
    shown=$(wait_for "layer 3 conv 16 3x3 pad 1 → 16×14×14 · ch 5 (4, 6) = ") \
        || { fail "the network view never showed layer 3:"$'\n'"$shown"; return 1; }
    expect_contains "$shown" "Scores" "the network view"
    value=$(printf '%s\n' "$shown" | grep -o 'ch 5 (4, 6) = -\{0,1\}[0-9]*\.[0-9]*' | sed 's/.*= //')
    [ -n "$value" ] || { fail "no value for the selected cell"; return 1; }
    rounded=$(printf '%.2f' "$value")
    [ "$rounded" = "-0.00" ] && rounded="0.00"
    tmux_keys Enter
    shown=$(wait_for "Result at (4, 6)") || { fail "Enter did not open the stepper:"$'\n'"$shown"; return 1; }
    expect_contains "$shown" "Convolution stepper: layer 3 conv 16 3x3 pad 1, channel 5" "the stepper's title"
    expect_contains "$shown" "reads layer 2 (maxpool 2) 8×14×14" "the stepper's input"
    local output network
    output=$(printf '%s\n' "$shown" | grep -o '= output *-\{0,1\}[0-9]*\.[0-9]*' | sed 's/.* //')
    network=$(printf '%s\n' "$shown" | grep -o 'network map *-\{0,1\}[0-9]*\.[0-9]*' | sed 's/.* //')
    expect_equal "$output" "$rounded" "the stepper's output (the view showed $value)"
    expect_equal "$network" "$rounded" "the network's cell in the stepper"
    # The walk goes on to the neighbouring window as usual.
    tmux_keys Right
    expect_screen "Result at (4, 7)"
    tmux_type "q"
    expect_screen "Inside the network"
    # Ctrl-P writes the view as text and every layer's maps and filters as pictures.
    tmux_keys C-p
    expect_screen "saved network-1.txt and 10 pictures network-1-*.pgm/ppm"
    [ -s "$E2E_HOME/network-1-layer3-conv-maps.ppm" ] || fail "no picture of layer 3's maps in $E2E_HOME"
    head -c 2 "$E2E_HOME/network-1-layer0-conv-filters.ppm" | grep -q P6 || fail "the filters are not a binary PPM"
    grep -q "Scores" "$E2E_HOME/network-1.txt" || fail "the saved text is not the screen"
    tmux_type "q"
    expect_screen "EXIT=0"
    [ "$(alternate_on)" = 0 ] || fail "the terminal is still in the alternate screen"
}

test_demo_network_refuses_a_missing_checkpoint() {
    expect_refusal "a missing checkpoint" "init" demo network --init "$E2E_HOME/missing.npz"
}

# From the dashboard, while it trains: `n` opens the view on the run's network.
test_demo_network_from_the_dashboard() {
    tmux_start 80 24
    tmux_type "cd \"$E2E_HOME\"; \"$CONVLAB\" demo train --epochs 1 --train-size 300 --test-size 100; echo EXIT=\$?"
    tmux_keys Enter
    expect_screen "running ·" 60 || return 1
    tmux_type "n"
    expect_screen "Inside the network" || return 1
    expect_screen "Scores" 60 || return 1
    expect_screen "0 conv"
    tmux_type "q"
    expect_screen "Live training"
    tmux_type "q"
    expect_screen "EXIT=0" 60
}
