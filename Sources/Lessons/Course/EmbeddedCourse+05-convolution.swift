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
      vary: {a: 0..6, b: 0..6}
      seed: 5
      patch: [["{a}", 2, 0], [4, 1, "{b}"], [2, 1, 0]]
      kernel: [[1, 0, -1], [1, 0, -1], [1, 0, -1]]
      hints:
        - Multiply cell by cell, then add all nine products.
        - The middle column of the kernel is 0; only the left and right columns count.
        - The left column adds {a} + 4 + 2; the right column subtracts 0 + {b} + 0.
      explanation: >
        The left column meets weights 1 and adds its three pixels, the middle column is
        multiplied by 0, and the right column meets −1 and is subtracted: left sum minus right
        sum.
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
      prompt: The same kernel on a patch like the last, but now with true (flipped) convolution. What is the output?
      vary: {a: 0..6, b: 0..6}
      seed: 5
      patch: [["{a}", 2, 0], [4, 1, "{b}"], [2, 1, 0]]
      kernel: [[1, 0, -1], [1, 0, -1], [1, 0, -1]]
      flipped: true
      hints:
        - Rotating this kernel by 180° swaps its left and right columns.
        - The rotated kernel is [[−1, 0, 1], [−1, 0, 1], [−1, 0, 1]].
        - Subtract the left column, {a} + 4 + 2, from the right column, 0 + {b} + 0.
      explanation: >
        Rotated 180°, the kernel is −1 on the left and +1 on the right: right sum minus left
        sum, the negative of the cross-correlation. This kernel is antisymmetric, so the flip
        only changes the sign; that is a property of this kernel, not of the flip.
  - exercise:
      id: flipped-general
      kind: cell
      fixed: the single 1 above the centre is what shows where the flip moves a weight
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
      fixed: the bar pattern is the point; compared with the bright flat patch next
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
      fixed: its brightness is set against the perfect match of the exercise before
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
      vary: {a: 0..5, b: 0..3}
      seed: 3
      patch: [["{a}", 1], [0, "{b}"]]
      kernel: [[1, 1], [1, 1]]
      bias: -4
      activation: relu
      hints:
        - The order is dot product, then bias, then activation.
        - "{a} + 1 + 0 + {b}; now add −4 and apply max(0, ·)."
      explanation: >
        The kernel of ones adds the four pixels, the bias takes 4 away, and ReLU keeps the
        result if it is positive and gives 0 if not.
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
