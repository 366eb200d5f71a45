// Written by lessons/embed.sh from lessons/05-convolution.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_05_convolution = #"""
id: convolution
title: The convolution operation
summary: One output value is a dot product of the kernel with the patch beneath it; sliding the kernel fills the output map.
steps:
  - text: |
      Lay a small kernel K over one patch of the image I, multiply the overlapping numbers
      pairwise and add them up:

      O(i, j) = Σₘ Σₙ I(i + m, j + n) · K(m, n)

      That sum is **one output value**. Move the kernel one step and repeat, and the output
      grid fills in. Each value is a dot product between the kernel and a patch, the same
      w·x a perceptron computes, only over a small window and with the weights reused
      everywhere.
  - demo: conv
    image: numbers
    kernel: box-blur
    caption: Step through the windows; each output cell is the sum of the products under the kernel.
  - exercise:
      id: first-cell
      kind: cell
      prompt: Place this kernel on this patch. What value does the output cell get?
      patch: [[1, 2, 0], [4, 1, 3], [2, 1, 0]]
      kernel: [[1, 0, -1], [1, 0, -1], [1, 0, -1]]
      answer: 4
      hints:
        - Multiply cell by cell, then add all nine products.
        - The middle column of the kernel is 0; only the left and right columns count.
      explanation: >
        The left column adds 1 + 4 + 2 = 7, the middle column is multiplied by 0, and the right
        column subtracts 0 + 3 + 0 = 3: 7 − 3 = 4.
  - text: |
      **A note on the name.** Mathematicians define convolution with the kernel flipped, K(−m,
      −n), rotated 180° before sliding. What CNN papers and libraries (PyTorch, TensorFlow)
      compute is the unflipped version, strictly called **cross-correlation**, but everyone
      calls it convolution anyway. For learning it makes no difference: a network that needs
      the flipped kernel simply learns it.
  - exercise:
      id: flipped-cell
      kind: cell
      prompt: The same patch and kernel, but now with true (flipped) convolution. What is the output?
      patch: [[1, 2, 0], [4, 1, 3], [2, 1, 0]]
      kernel: [[1, 0, -1], [1, 0, -1], [1, 0, -1]]
      flipped: true
      hints:
        - Rotating this kernel by 180° swaps its left and right columns.
      answer: -4
      explanation: >
        Rotated 180°, the kernel is −1 on the left and +1 on the right: −7 + 3 = −4. Same
        numbers, opposite sign, which is why the flip does not matter to a network that learns
        its kernel.
  - text: |
      Why does this find anything? A dot product measures **similarity**: it is large when the
      patch looks like the kernel. So the output map records, position by position, how
      strongly the kernel's pattern is present there. Scanning for a pattern and writing down
      where it appears is what **feature extraction** means here.
  - exercise:
      id: bias-and-relu
      kind: cell
      prompt: A 2×2 kernel on a 2×2 patch, with bias −4 and then ReLU. What is the output?
      patch: [[3, 1], [0, 2]]
      kernel: [[1, 1], [1, 1]]
      bias: -4
      activation: relu
      explanation: 3 + 1 + 0 + 2 = 6, plus the bias −4 gives 2, and ReLU keeps it at 2.
  - exercise:
      id: similarity
      kind: choice
      prompt: Where in the image does a kernel give its largest outputs?
      options:
        - where the patch resembles the kernel's pattern
        - where the image is brightest, whatever the kernel
        - at the image's centre
      answer: a
      explanation: Each output is a dot product, a similarity score between kernel and patch.

"""#
}
