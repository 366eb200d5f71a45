// Written by lessons/embed.sh from lessons/02-weight-sharing.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_02_weight_sharing = #"""
id: weight-sharing
title: Weight sharing, the bridge to convolution
summary: Tie the weights of a dense layer along its diagonals and a huge matrix collapses to a handful of numbers.
steps:
  - text: |
      Shrink the problem to one dimension to see the trick. Take a row of N pixels, fully
      connected to N output units: the weights form an N×N matrix, **N² numbers**.

      Now add two constraints.

      - **Share along diagonals.** Every weight on the main diagonal takes the same value;
        every weight one step above it shares another value; one step below, a third; and so on.
      - **Keep the band narrow.** Only diagonals at most two steps from the main one may be
        non-zero; everything further out is fixed at 0.

      What survives is a band of five diagonals with one value each: **5 unique weights**, no
      matter how large N grows. Read the matrix row by row and every output unit applies the
      same five weights to the five inputs around its own position.
  - demo: sharing
    inputs: 10
    bandwidth: 5
    caption: Toggle sharing on and off and compare the number of free weights.
  - exercise:
      id: dense-square
      kind: number
      vary: {n: 5..60}
      seed: 11
      prompt: A row of {n} pixels is fully connected to {n} output units. How many weights (no biases)?
      derive:
        mlp-weights: {inputs: "{n}", hidden: "{n}"}
      hints:
        - Every input meets every output once.
        - "{n} inputs × {n} outputs."
      explanation: Each of the {n} outputs has {n} weights, one per input, so {n} × {n} of them.
  - exercise:
      id: banded-unique
      kind: number
      prompt: >
        The same layer, with weights tied along each diagonal and only the main diagonal and the
        two on each side allowed to be non-zero. How many different weight values remain?
      answer: 5
      hints:
        - One value per diagonal that is allowed to be non-zero.
        - Count the main diagonal and the two on each side of it.
      explanation: Two diagonals below, the main one and two above give 5 shared values, whatever N is.
  - text: |
      In two dimensions the picture is the same. Each output unit looks only at a small patch
      of the input around its position, and **every output unit uses the same weights**. That
      shared little grid of weights is called a **kernel** (or filter), and sliding it across
      the input is **convolution**.

      Convolution is old: signal and image processing have used it since the middle of the
      twentieth century. What neural networks added was to make the kernel's numbers
      **learnable**, found by gradient descent instead of chosen by hand.
  - exercise:
      id: name-of-shared-weights
      kind: text
      prompt: What is the small grid of shared weights that slides over the image called?
      answer: kernel
      accept: [filter, convolution kernel, window]
      explanation: The shared weights form a kernel (also called a filter); sliding it over the input is convolution.
  - exercise:
      id: sharing-independent-of-size
      kind: truefalse
      tests: understanding
      prompt: With weight sharing, doubling the width of the input doubles the number of weights in the layer.
      answer: false
      hints:
        - Does a kernel get bigger when the image does?
      explanation: >
        The kernel's size is chosen independently of the input; a wider input just means the
        same weights are applied at more positions.
  - exercise:
      id: shared-detector-elsewhere
      kind: choice
      tests: understanding
      prompt: >
        A weight-shared layer's kernel responds strongly to a dark-to-bright edge at column 3
        of the input. The same edge appears at column 40. What does the layer do there?
      options:
        - nothing, since its weights were only trained near column 3
        - it responds just as strongly, at output column 40
        - it responds, but more weakly
      answer: b
      hints:
        - Which weights does the output at column 40 use?
      explanation: >
        Every output position applies the same kernel, so the same pattern gives the same
        response wherever it appears; only its position in the output moves.
  - exercise:
      id: band-without-sharing
      kind: number
      prompt: >
        Keep the band but drop the sharing: a row of 100 pixels maps to 100 outputs, only the
        main diagonal and the two diagonals on each side may be non-zero, and every one of
        those weights is free. How many free weights?
      answer: 494
      hints:
        - The diagonal d steps from the main one has 100 − |d| entries.
        - 100 + 2·99 + 2·98
      explanation: >
        100 + 198 + 196 = 494: locality alone cuts 10,000 weights to about 5 per output, and
        sharing then cuts 494 to 5. A layer that is local but not shared (a locally connected
        layer) still learns each position separately.
  - exercise:
      id: sharing-saves-weights-not-compute
      kind: truefalse
      tests: understanding
      prompt: >
        Compared with a locally connected layer (the same 3×3 windows, but separate weights at
        every position), weight sharing cuts both the number of weights and the number of
        multiply-accumulates per image.
      answer: false
      hints:
        - Count the multiply-accumulates at one output position in each layer.
        - Sharing changes where the weights come from, not how many products each output needs.
      explanation: >
        Both layers do 9 multiply-accumulates per output position (per input channel), so
        their compute is the same. Sharing cuts the weights, from 9 per position to 9 in all,
        and lets a feature learned in one place be found everywhere.

"""#
}
