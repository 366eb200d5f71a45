// Written by lessons/embed.sh from lessons/07-output-size.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_07_output_size = #"""
id: output-size
title: Output size, padding and stride
summary: How big a convolution's output is, and how zero padding and stride change it.
steps:
  - text: |
      Without padding, the output is smaller than the input. A 3×3 kernel cannot be centred
      on a border pixel, since part of it would hang off the image, so a 7×7 image gives a
      **5×5** output: one row and one column lost on every side.
  - demo: geometry
    size: 7
    kernel: 3
    caption: Start at padding 0, then raise the padding to 1 and watch the output size return to 7.
  - exercise:
      id: seven-by-three
      kind: shape
      prompt: A 7×7 image, a 3×3 kernel, stride 1, no padding. What size is the output?
      answer: 5x5
      derive:
        conv-output-size: {input: 7x7, kernel: 3}
      hints:
        - How many positions can the kernel's left edge take along one row?
      explanation: The kernel fits at 7 − 3 + 1 = 5 positions along each axis, so 5×5.
  - text: |
      Two settings control the size.

      - **Padding P** surrounds the input with P rings of zeros. For an odd kernel size F,
        padding (F − 1)/2 keeps the output exactly as large as the input at stride 1: P = 1
        for 3×3, P = 2 for 5×5. This is called **same** convolution.
      - **Stride S** is the step between neighbouring kernel positions. Stride 1 visits every
        position; stride 2 skips every other one and roughly halves the output.

      Put together, an input of width W with a kernel of width F, padding P and stride S gives

      **O = (W − F + 2P)/S + 1**

      and the same along the height. With K kernels the output has depth K, whatever the
      input's depth.
  - exercise:
      id: same-padding-five
      kind: number
      prompt: What padding keeps the output of a 5×5 kernel at stride 1 the same size as its input?
      answer: 2
      hints:
        - (F − 1)/2
      explanation: (5 − 1)/2 = 2; then (W − 5 + 4)/1 + 1 = W.
  - exercise:
      id: formula-any
      kind: number
      vary: {size: 6..16, kernel: [1, 3, 5], padding: 0..2}
      seed: 7
      prompt: An input {size} wide, a {kernel}-wide kernel, padding {padding}, stride 1. How wide is the output?
      derive:
        conv-output-size: {input: "{size}", kernel: "{kernel}", padding: "{padding}"}
      hints:
        - (W − F + 2P)/S + 1
      explanation: ({size} − {kernel} + 2·{padding})/1 + 1.
  - exercise:
      id: stride-four
      kind: shape
      prompt: A 227×227×3 image, 96 kernels of 11×11, no padding, stride 4. What is the output volume?
      answer: 55x55x96
      derive:
        conv-output-size: {input: 227x227x3, kernel: 11, stride: 4, filters: 96}
      hints:
        - Depth equals the number of kernels.
      explanation: (227 − 11 + 0)/4 + 1 = 55 along each side, and 96 kernels give depth 96.
  - text: |
      If the formula does not give a whole number, the kernel positions **do not tile** the
      input: the last step would run past the edge. Some pixels are then never read (their
      information is lost) or the library silently drops a partial window. Pick F, P and S so
      the division comes out even.
  - demo: geometry
    size: 7
    kernel: 3
    stride: 3
    caption: Stride 3 leaves the last column uncovered; change the padding or stride until it tiles.
  - exercise:
      id: stride-three
      kind: number
      prompt: >
        A 7×7 image, 3×3 kernel, stride 3, no padding. How wide is the output under the exact
        rule (CS231n)? (If the windows do not tile, answer "does not tile".)
      answer: does not tile
      derive:
        conv-output-size: {input: 7, kernel: 3, stride: 3, convention: exact}
      hints:
        - (7 − 3 + 0)/3 + 1 = ?
      explanation: >
        (7 − 3)/3 + 1 = 2.33, not a whole number. The windows start at columns 0 and 3; a third
        would start at 6 and need columns 6 to 8, but the image ends at column 6, so that column
        is never covered.

"""#
}
