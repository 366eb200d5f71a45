// Written by lessons/embed.sh from lessons/11-invariance-equivariance.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_11_invariance_equivariance = #"""
id: invariance-equivariance
title: Equivariance and invariance
summary: Convolution moves its output along with the input; pooling and the layers after it stop caring where.
steps:
  - text: |
      Two symmetries are easy to confuse: equivariance and invariance. They come from
      different parts of the network.

      - **Shift equivariance** comes from convolution with shared weights. Shift the input,
        and the output of a conv layer shifts by the same amount (away from the borders): the
        same features are found, only at new positions. The same kernel is applied everywhere,
        so it cannot behave differently at the new place. Weight sharing gives equivariance,
        **not** invariance. With a stride (or pooling) in the stack, this holds exactly only
        for shifts that are multiples of the total stride: shift the input of a stride-2 layer
        by 2 pixels and its output moves by 1.
      - **Local shift invariance** comes from pooling and strided downsampling. A feature
        that moves within a window leaves the pooled value unchanged; one that crosses a window
        boundary moves to the neighbouring cell (lesson 9). The tolerance is a pixel or two
        per pooling stage, and only partial.
      - **Global shift invariance** is not given by the flatten and dense layers at the end:
        they have one weight per position, so that head is position-bound, exactly the
        fully connected network of lesson 1. It comes from **global average pooling**, which
        averages each final map over all positions (exactly unchanged when the map shifts
        circularly, since the same values are averaged), and from what the network **learns
        from varied data**: seeing objects at many positions, it learns to answer the same.

      In short, conv layers keep track of **where** features are; pooling and downsampling
      gradually forget where and keep **what**. That suits classification, since a cat is a
      cat wherever it sits in the frame. It does not suit segmentation, where a cat on the left
      and a cat on the right need different pixel labels.
  - demo: shift
    image: cross
    dx: 1
    caption: Line (a) shows conv∘shift = shift∘conv away from the borders; line (b) shows one more pixel still changes pooled cells (3 of 9 here), so pooling's invariance is partial.
  - exercise:
      id: conv-shift
      kind: choice
      prompt: The input image moves 2 pixels to the right. What happens to a conv layer's output (away from the borders)?
      options:
        - it moves 2 pixels to the right
        - it stays exactly the same
        - it changes unpredictably
      answer: a
      explanation: Convolution is shift-equivariant; the same kernel at the new position gives the same values, 2 pixels further right.
  - exercise:
      id: name-of-conv-property
      kind: text
      prompt: What is the property called when shifting the input shifts the output by the same amount?
      answer: equivariance
      accept: [shift equivariance, translation equivariance, equivariant, shift-equivariance]
      explanation: That is (shift) equivariance; invariance would mean the output does not change at all.
  - exercise:
      id: pool-invariance
      kind: truefalse
      prompt: After 2×2 max pooling, moving a single strong activation by one pixel always changes the pooled output.
      answer: false
      hints:
        - Does the pixel leave its 2×2 window?
      explanation: >
        If the activation stays inside the same window, the maximum, and so the pooled value,
        is unchanged. Only a move across a window boundary changes the output, and then only
        slightly; that is approximate invariance.
  - exercise:
      id: where-invariance-hurts
      kind: choice
      prompt: For which task is full shift invariance unwanted?
      options: [image classification, semantic segmentation]
      answer: b
      explanation: Segmentation labels every pixel, so the output must follow the objects' positions, equivariance and not invariance.

"""#
}
