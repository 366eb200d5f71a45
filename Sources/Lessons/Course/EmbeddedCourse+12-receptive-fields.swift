// Written by lessons/embed.sh from lessons/12-receptive-fields.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_12_receptive_fields = #"""
id: receptive-fields
title: Receptive fields
summary: How far one output can see grows with depth, and why two 3×3 layers beat one 5×5.
steps:
  - text: |
      The **receptive field** of an output value is the patch of the input it depends on. One
      3×3 conv gives each output a 3×3 view. Stack a second 3×3 conv on top: each of its
      outputs looks at a 3×3 patch of the first layer's outputs, and each of those saw 3×3
      of the input, so together they see **5×5**.

      Layer by layer, the view grows by this recursion (r is the field's width, j the distance
      in input pixels between neighbouring outputs, k the kernel size and s the stride):

      r_out = r_in + (k − 1)·j_in
      j_out = j_in · s

      starting from r = 1 and j = 1 at the input. Strides and pooling multiply j, so every later
      kernel reaches further.
  - demo: receptive
    layers: 2
    kernel: 3
    caption: Add a layer at a time and watch the highlighted input region grow.
  - exercise:
      id: two-threes
      kind: number
      prompt: Two stacked 3×3 convolutions, stride 1. How wide is the receptive field of one output?
      answer: 5
      derive:
        receptive-field: {layers: [3/1, 3/1]}
      explanation: 1 + 2 + 2 = 5, the same view as one 5×5 kernel.
  - exercise:
      id: three-threes
      kind: number
      prompt: And three stacked 3×3 convolutions?
      answer: 7
      derive:
        receptive-field: {layers: [3/1, 3/1, 3/1]}
      explanation: Each 3×3 layer adds 2 at stride 1, so 1 + 2 + 2 + 2 = 7.
  - exercise:
      id: two-threes-weights
      kind: number
      prompt: For one input and one output channel (no bias), how many weights do two stacked 3×3 convs have?
      answer: 18
      derive:
        parameters: {network: "input 16x16x1 | conv 1 3x3 nobias | conv 1 3x3 nobias"}
      explanation: 9 + 9 = 18.
  - exercise:
      id: one-five-weights
      kind: number
      prompt: And one 5×5 conv with the same receptive field?
      answer: 25
      derive:
        parameters: {layer: conv 1 5x5 nobias, input: 16x16x1}
      explanation: >
        25 weights for the same 5×5 view. Two 3×3 layers use 18, fewer, and add a second
        non-linearity in between; a main reason modern designs like VGG use small kernels.
  - exercise:
      id: with-pooling
      kind: number
      prompt: A 3×3 conv, then 2×2 max pooling with stride 2, then another 3×3 conv. Receptive field width?
      derive:
        receptive-field: {layers: [3/1, 2/2, 3/1]}
      hints:
        - After the pooling, neighbouring outputs are 2 input pixels apart (j = 2).
      explanation: r goes 1 → 3 → 4, then the second conv adds (3 − 1)·2 = 4, giving 8.
  - exercise:
      id: stacked-any
      kind: number
      vary: {k: [3, 5, 7]}
      seed: 2
      prompt: Two stacked {k}×{k} convolutions at stride 1. Receptive field width?
      derive:
        receptive-field: {layers: ["{k}/1", "{k}/1"]}
      explanation: 1 + 2·({k} − 1).
  - exercise:
      id: vgg-field
      kind: number
      prompt: How wide is the receptive field of one value in VGG16's last pooled map (before flattening)?
      answer: 212
      derive:
        receptive-field: {network: vgg16}
      hints:
        - Run the recursion through all thirteen convs and five pools.
      explanation: 212 pixels, nearly the whole 224-pixel image, which is why the last conv features can describe whole objects.

"""#
}
