// Written by lessons/embed.sh from lessons/01-mlp-limits.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_01_mlp_limits = #"""
id: mlp-limits
title: Why fully connected networks struggle with images
summary: Counting the weights of a dense layer on a real image, and why a shifted object looks brand new to it.
steps:
  - text: |
      Up to now every network has been **fully connected**: each unit of one layer has its own
      weight to each unit of the layer before. That is fine for a few dozen inputs. An image
      is not a few dozen inputs.

      A modest 1000×1000 greyscale photo is 10⁶ numbers. Give the first hidden layer as many
      units as there are pixels and every one of those 10⁶ units needs 10⁶ weights:
      10⁶ × 10⁶ = **10¹² weights** in a single layer.
  - demo: sharing
    side: 1000
    channels: 1
    caption: The 2-D count at the bottom is this layer, 10⁶ × 10⁶ = 10¹² weights, beside a shared 3×3 kernel's 9; change the side with i/I and the channels with c/C.
  - exercise:
      id: trillion-weights
      kind: number
      fixed: the notes' own 1000×1000 example, which the lesson quotes
      prompt: >
        A 1000×1000 greyscale image is fed to a fully connected layer with 1,000,000 units.
        Ignoring biases, how many weights does that one layer hold?
      answer: 10^12
      derive:
        mlp-weights: {inputs: 1000000, hidden: 1000000}
      hints:
        - Each pixel has its own weight to each unit.
        - Multiply the number of inputs by the number of units.
      explanation: >
        10⁶ inputs × 10⁶ units = 10¹² weights, a trillion. Storing them alone (4 bytes each)
        takes 4 terabytes; every forward and backward pass touches all of them; and fitting that
        many free numbers would need vastly more labelled images than exist.
  - text: |
      Colour makes it worse. A colour pixel carries three numbers, red, green and blue, so the
      same photo in colour has **3×** as many inputs, and the dense layer three times as many
      weights.
  - exercise:
      id: colour-weights
      kind: number
      fixed: the notes' own 1000×1000 example, now in colour
      prompt: >
        The same 1000×1000 photo, now in RGB, feeds the same 1,000,000-unit layer. How many
        weights, ignoring biases?
      answer: 3e12
      derive:
        mlp-weights: {inputs: 3000000, hidden: 1000000}
      hints:
        - How many numbers describe one colour pixel?
        - 3 × 10⁶ inputs, each with a weight to each of the 10⁶ units.
      explanation: 3 × 10⁶ inputs × 10⁶ units = 3 × 10¹² weights.
  - text: |
      Size is only half of the trouble. A dense layer has **no idea which pixels are
      neighbours**: shuffle the pixels the same way in every image and it learns just as well,
      which means it cannot use the fact that nearby pixels belong together.

      It also has no notion of **position**. Teach it to spot a 7 in the middle of the frame,
      then show it the same 7 in a corner: the digit now lands on entirely different weights,
      and the network may not recognise it. It would have to learn the 7 separately at every
      place it might appear.

      Both problems point to one remedy: let the same weights look at every position.
  - demo: shift
    image: digit
    dx: 3
    caption: Shift the 7 and compare the lit pixels; line (c) shows nets trained on centred digits losing accuracy as the shift grows, the MLP fastest.
  - exercise:
      id: shifted-seven
      kind: truefalse
      prompt: >
        A fully connected network trained only on centred 7s is guaranteed to recognise a 7
        moved to a corner of the image.
      answer: false
      hints:
        - Which weights does a pixel in the corner meet?
      explanation: >
        The corner pixels connect through weights that never saw a 7 during training. Nothing in
        a dense layer ties the weights for one position to those for another, so nothing carries
        over.
  - exercise:
      id: missing-structure
      kind: choice
      prompt: Which built-in assumption does a fully connected layer lack?
      options:
        - that the inputs are numbers
        - that neighbouring pixels are related and a pattern means the same wherever it appears
        - that the output has fewer units than the input
      answer: b
      explanation: >
        A dense layer treats every pixel as unrelated to every other and every position as
        separate, so it can neither exploit local structure nor reuse what it learns at one
        position at another.
  - exercise:
      id: dense-on-photo
      kind: number
      vary: {units: [100, 500, 1000, 4096]}
      seed: 3
      prompt: >
        A 224×224 RGB image, 150,528 numbers, feeds a fully connected layer of {units} units.
        How many weights, ignoring biases?
      derive:
        mlp-weights: {inputs: 150528, hidden: "{units}"}
      hints:
        - Every one of the 150,528 inputs has a weight to every unit.
        - 150,528 × {units}
      explanation: 150,528 × {units} weights, for a single layer of modest width.
  - exercise:
      id: shuffled-pixels
      kind: choice
      prompt: >
        Every training and test image has its pixels shuffled by the same fixed permutation.
        What happens to a fully connected network trained on the shuffled images?
      options:
        - it learns just as well as on the original images
        - it cannot learn at all
        - it learns only if the permutation is undone first
      answer: a
      hints:
        - Does a dense layer know which inputs were neighbours?
      explanation: >
        A dense layer treats its inputs as an unordered list, so a fixed reordering is just a
        relabelling of its weights: it learns equally well. That it cannot tell the difference
        shows it makes no use of which pixels are neighbours; a CNN would lose its advantage.

"""#
}
