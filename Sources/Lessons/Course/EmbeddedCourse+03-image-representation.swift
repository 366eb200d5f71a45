// Written by lessons/embed.sh from lessons/03-image-representation.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_03_image_representation = #"""
id: image-representation
title: What an image is to a network
summary: Bit depth, intensity levels, channels and the H×W×C tensor a colour image becomes.
steps:
  - text: |
      To a network an image is nothing more than an array of numbers.

      - A **greyscale 8-bit** image is a 2-D grid of whole numbers from 0 to 255: one byte per
        pixel, so 2⁸ = **256** possible intensities.
      - A **16-bit** image, common in science and medicine, spends two bytes per pixel:
        2¹⁶ = **65,536** intensities.
      - A **32-bit floating-point** image stores real numbers, handy when processing pushes
        values outside any integer range.
      - A **colour (RGB)** image stacks three grids, one each for red, green and blue. An image
        H pixels high and W wide becomes a tensor of shape **H×W×3**.

      With 8 bits in each of the three channels, a pixel has 24 bits in all, so it can take
      2²⁴ = 16,777,216 different colours, the familiar "16.7 million".
  - demo: conv
    image: numbers
    kernel: identity
    caption: The identity kernel copies the image, so the output shows the raw pixel values the network sees.
  - exercise:
      id: eight-bit-levels
      kind: number
      prompt: How many different intensities can one pixel of an 8-bit greyscale image take?
      answer: 256
      hints:
        - Each extra bit doubles the count.
        - n bits give 2ⁿ values.
      explanation: 8 bits give 2⁸ = 256 values, 0 to 255.
  - exercise:
      id: sixteen-bit-levels
      kind: number
      prompt: And one pixel of a 16-bit image?
      answer: 65,536
      hints:
        - n bits give 2ⁿ values.
        - 2¹⁶ = 2⁸ × 2⁸.
      explanation: 2¹⁶ = 65,536 values, 0 to 65,535.
  - exercise:
      id: rgb-shape
      kind: shape
      prompt: An RGB photo is 480 pixels high and 640 wide. What is its shape, height × width × channels?
      answer: 480x640x3
      hints:
        - One grid per colour channel.
        - Height first, then width, then the number of channels.
      explanation: Three 480×640 grids, one per channel, stacked in depth.
  - exercise:
      id: colour-count
      kind: number
      prompt: With 8 bits per channel, how many colours can one RGB pixel show?
      answer: 2^24
      hints:
        - How many bits does a pixel have in total?
        - Three channels of 8 bits; n bits give 2ⁿ values.
      explanation: 3 × 8 = 24 bits, so 2²⁴ = 16,777,216 colours.
  - text: |
      The third axis, **depth** or **channels**, matters once convolution arrives: the kernel
      of an ordinary convolution reaches through the whole depth of its input, so a kernel
      applied to an RGB image reads all three colour values at each position it covers.
      (Lesson 8 names the variants that do not.)
  - exercise:
      id: rgb-inputs
      kind: number
      vary: {side: [28, 32, 64, 96, 224, 227, 256]}
      seed: 5
      prompt: How many numbers does a {side}×{side} RGB image hand to a network?
      derive:
        output-shape: {network: "input {side}x{side}x3 | flatten"}
      hints:
        - Every pixel has three numbers.
        - "{side} × {side} × 3"
      explanation: '{side} × {side} × 3 numbers, one per pixel and channel (224×224 gives 150,528).'
  - exercise:
      id: filter-weights-by-channels
      kind: number
      vary: {channels: [1, 3, 4]}
      seed: 2
      prompt: >
        A single 3×3 filter is applied to an image with {channels} channel(s) (greyscale has 1,
        RGB 3, RGBA 4). How many weights does the filter have, bias aside?
      derive:
        parameters: {layer: "conv 1 3x3 nobias", input: "32x32x{channels}"}
      hints:
        - The filter reaches through every channel of its input.
        - 3 × 3 × {channels}
      explanation: 3 · 3 · {channels} = 9 · {channels} weights; the same 3×3 footprint, one slice per channel.
  - exercise:
      id: grey-net-colour-image
      kind: choice
      tests: understanding
      prompt: >
        A CNN trained on 28×28 greyscale digits is handed a 28×28 RGB image as it is. What goes
        wrong first?
      options:
        - nothing; the network ignores colour
        - its first conv's filters have depth 1, but the input has depth 3
        - the image is too large
      answer: b
      hints:
        - What is the shape of a first-layer filter of this network?
      explanation: >
        The first layer's filters are F×F×1; an input of depth 3 does not match them. Convert
        the image to greyscale first (or retrain with three-channel filters).
  - exercise:
      id: float-conversion
      kind: truefalse
      tests: understanding
      prompt: Converting an 8-bit image to 32-bit floating point gives the network more detail to learn from.
      answer: false
      hints:
        - How many different values did the original pixels take?
      explanation: >
        The pixels still take only the 256 values they had; floats are used because the
        network's arithmetic (scaling, normalising, weights) needs real numbers, not because
        they add information.

"""#
}
