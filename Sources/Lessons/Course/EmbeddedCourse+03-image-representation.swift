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
      explanation: 8 bits give 2⁸ = 256 values, 0 to 255.
  - exercise:
      id: sixteen-bit-levels
      kind: number
      prompt: And one pixel of a 16-bit image?
      answer: 65,536
      explanation: 2¹⁶ = 65,536 values, 0 to 65,535.
  - exercise:
      id: rgb-shape
      kind: shape
      prompt: An RGB photo is 480 pixels high and 640 wide. What is its shape, height × width × channels?
      answer: 480x640x3
      hints:
        - One grid per colour channel.
      explanation: Three 480×640 grids, one per channel, stacked in depth.
  - exercise:
      id: colour-count
      kind: number
      prompt: With 8 bits per channel, how many colours can one RGB pixel show?
      answer: 2^24
      hints:
        - How many bits does a pixel have in total?
      explanation: 3 × 8 = 24 bits, so 2²⁴ = 16,777,216 colours.
  - text: |
      The third axis, **depth** or **channels**, matters once convolution arrives: a kernel
      always reaches through the whole depth of its input, so a kernel applied to an RGB image
      reads all three colour values at each position it covers.
  - exercise:
      id: rgb-inputs
      kind: number
      prompt: How many numbers does a 224×224 RGB image hand to a network?
      answer: 150,528
      derive:
        output-shape: {network: "input 224x224x3 | flatten"}
      explanation: 224 × 224 × 3 = 150,528.

"""#
}
