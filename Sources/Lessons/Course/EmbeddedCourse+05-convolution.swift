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
    goal:
      text: Step with → to the window whose output is the largest in the map, the brightest 3×3 patch.
      when: {largest: 1}
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
      **A note on the name.** Mathematicians define convolution with the kernel flipped,
      K(−m, −n): rotated 180° before sliding. What CNN papers and libraries compute is the
      unflipped version, strictly called **cross-correlation**; PyTorch's documentation of
      Conv2d says so ("the valid 2D cross-correlation operator"), and everyone calls it
      convolution anyway.

      Does the flip change the output? That depends on the kernel.

      - A kernel that is **symmetric** under a 180° turn (a box blur, a Gaussian) is unchanged
        by the flip, so both give the same value.
      - A kernel that is **antisymmetric** (turning it 180° negates it, like Sobel) gives the
        same number with the opposite sign.
      - A **general** kernel gives a different value altogether.

      For learning none of this matters: the kernel's numbers are learned, so a network that
      would need the flipped kernel simply learns the flipped kernel.
  - exercise:
      id: flipped-cell
      kind: cell
      prompt: The same patch and kernel, but now with true (flipped) convolution. What is the output?
      patch: [[1, 2, 0], [4, 1, 3], [2, 1, 0]]
      kernel: [[1, 0, -1], [1, 0, -1], [1, 0, -1]]
      flipped: true
      hints:
        - Rotating this kernel by 180° swaps its left and right columns.
        - The rotated kernel is [[−1, 0, 1], [−1, 0, 1], [−1, 0, 1]].
      answer: -4
      explanation: >
        Rotated 180°, the kernel is −1 on the left and +1 on the right: −7 + 3 = −4. This
        kernel is antisymmetric, so the flip only changes the sign; that is a property of this
        kernel, not of the flip.
  - exercise:
      id: flipped-general
      kind: cell
      prompt: >
        A kernel with a single 1 just above its centre, [[0, 1, 0], [0, 0, 0], [0, 0, 0]], on
        the same patch [[1, 2, 0], [4, 1, 3], [2, 1, 0]], with true (flipped) convolution. What
        is the output? (Unflipped, it would copy the pixel above the centre, 2.)
      patch: [[1, 2, 0], [4, 1, 3], [2, 1, 0]]
      kernel: [[0, 1, 0], [0, 0, 0], [0, 0, 0]]
      flipped: true
      hints:
        - Turn the kernel 180° first. Where does its single 1 end up?
        - The rotated kernel has its 1 just below the centre, so it reads the pixel below.
      explanation: >
        Rotated 180°, the 1 sits below the centre, so the flipped convolution copies the pixel
        below, 1, where cross-correlation copied the pixel above, 2. Neither the same value nor
        its negative: for a general kernel the flip gives a different answer. A network that
        needed "copy from below" would just learn the rotated kernel.
  - exercise:
      id: flip-symmetric
      kind: truefalse
      prompt: >
        For a box-blur kernel (every weight 1/9), cross-correlation and true (flipped)
        convolution give the same output everywhere.
      answer: true
      hints:
        - What does the box blur look like after a 180° turn?
      explanation: >
        Every weight is the same, so rotating the kernel 180° leaves it unchanged, and the two
        operations compute the same sums. The same holds for any kernel symmetric under a half
        turn, such as a Gaussian.
  - text: |
      Why does this find anything? A dot product is large when the patch has large values
      where the kernel has large weights, so it works as a **similarity score**: the output map
      records, position by position, how strongly the kernel's pattern is present there.
      Scanning for a pattern and writing down where it appears is what **feature extraction**
      means here.

      But the score is **unnormalised**. Double every pixel of a patch and the dot product
      doubles too, so it grows with the patch's brightness and contrast, not only with how well
      the pattern matches. A bright, flat patch can outscore a perfect but dim copy of the
      pattern. Template matching in image processing fixes this with **normalised
      cross-correlation**: subtract the patch's mean and the kernel's mean, then divide by
      both norms, which gives a score between −1 and 1 that ignores brightness and contrast
      (a perfect match scores 1). A CNN's conv layers do not normalise their inputs this way:
      their bias and weights are learned on the training images, brightness and all.
  - exercise:
      id: perfect-match
      kind: cell
      prompt: >
        A kernel shaped like a vertical bar, [[0, 1, 0], [0, 1, 0], [0, 1, 0]], lies on a patch
        that is exactly that bar, [[0, 1, 0], [0, 1, 0], [0, 1, 0]]. Output?
      patch: [[0, 1, 0], [0, 1, 0], [0, 1, 0]]
      kernel: [[0, 1, 0], [0, 1, 0], [0, 1, 0]]
      hints:
        - Only the middle column of the kernel is non-zero.
        - Add the three middle-column pixels, each times 1.
      explanation: 1 + 1 + 1 = 3, the score of a perfect match at brightness 1.
  - exercise:
      id: bright-flat
      kind: cell
      prompt: >
        The same vertical-bar kernel on a flat, bright patch where every pixel is 5, no bar at
        all. Output?
      patch: [[5, 5, 5], [5, 5, 5], [5, 5, 5]]
      kernel: [[0, 1, 0], [0, 1, 0], [0, 1, 0]]
      hints:
        - The kernel still adds the three middle-column pixels.
        - Each of them is 5 now.
      explanation: >
        5 + 5 + 5 = 15, five times the perfect match's 3, although this patch contains no bar.
        The raw dot product rewards brightness as well as shape. Normalised cross-correlation
        scores the perfect match 1; the flat patch minus its mean is all zeros, so it has no
        shape to match and cannot score high (libraries report 0 or leave it undefined).
  - exercise:
      id: similarity-fix
      kind: choice
      prompt: >
        A template matcher scores patches by their raw dot product with the template and keeps
        being fooled by bright, featureless regions. Which change fixes that?
      options:
        - a larger template
        - normalised cross-correlation, dividing each score by the norms after subtracting the means
        - taking the maximum over the image instead of the sum
      answer: b
      hints:
        - What happens to a raw dot product when every pixel of the patch doubles?
      explanation: >
        Normalising removes the effect of the patch's brightness (the mean) and contrast (the
        norm), leaving only how well its shape matches the template.
  - exercise:
      id: bias-and-relu
      kind: cell
      prompt: A 2×2 kernel on a 2×2 patch, with bias −4 and then ReLU. What is the output?
      patch: [[3, 1], [0, 2]]
      kernel: [[1, 1], [1, 1]]
      bias: -4
      activation: relu
      hints:
        - The order is dot product, then bias, then activation.
        - 3 + 1 + 0 + 2 = 6; now add −4 and apply max(0, ·).
      explanation: 3 + 1 + 0 + 2 = 6, plus the bias −4 gives 2, and ReLU keeps it at 2.
  - exercise:
      id: similarity
      kind: choice
      prompt: >
        A kernel with only non-negative weights slides over an image. Where can its largest
        outputs appear?
      options:
        - only where the patch resembles the kernel's pattern
        - where the patch resembles the pattern, or where the patch is simply bright
        - only at the image's centre
      answer: b
      hints:
        - Compare the bar kernel's score on the perfect match with its score on the flat patch of 5s.
      explanation: >
        Each output is an unnormalised dot product: it grows with similarity and with
        brightness, so a bright region can win without resembling the pattern.

"""#
}
