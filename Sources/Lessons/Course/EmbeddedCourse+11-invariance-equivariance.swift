// Written by lessons/embed.sh from lessons/11-invariance-equivariance.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_11_invariance_equivariance = #"""
id: invariance-equivariance
title: Equivariance and invariance
summary: Convolution moves its output with the input; pooling forgets small moves, global average pooling and varied data the rest.
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
        boundary moves to the neighbouring cell (lesson 9). Each pooling stage tolerates moves
        smaller than its window, and only some of those.
      - **Global shift invariance** is not given by the flatten and dense layers at the end:
        they have one weight per position, so that head is position-bound, exactly the
        fully connected network of lesson 1. It comes from **global average pooling**, which
        averages each final map over all positions (exactly unchanged when the map shifts
        circularly, since the same values are averaged), and from what the network **learns
        from varied data**: seeing objects at many positions, it learns to answer the same.
        The shift demo's line (c) shows the converse: a small CNN with a dense head, trained
        only on centred digits, loses accuracy as the test digits shift, more slowly than an
        MLP but steadily.

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
      tests: understanding
      prompt: The input image moves 2 pixels to the right. What happens to the output of a stride-1 conv layer (away from the borders)?
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
      tests: understanding
      prompt: After 2×2 max pooling, moving a single strong activation by one pixel always changes the pooled output.
      answer: false
      hints:
        - Does the pixel leave its 2×2 window?
      explanation: >
        If the activation stays inside the same window, the maximum, and so the pooled value,
        is unchanged. A move across a window boundary, half of all one-pixel moves along an
        axis, carries it to the neighbouring pooled cell: the invariance is partial and local.
  - exercise:
      id: where-invariance-hurts
      kind: choice
      tests: understanding
      prompt: For which task is full shift invariance unwanted?
      options: [image classification, semantic segmentation]
      answer: b
      explanation: Segmentation labels every pixel, so the output must follow the objects' positions, equivariance and not invariance.
  - exercise:
      id: invariance-source
      kind: choice
      tests: understanding
      prompt: Which part of a CNN gives it local shift invariance?
      options:
        - weight sharing in the conv layers
        - pooling and strided downsampling
        - the flatten and dense layers at the end
      answer: b
      hints:
        - What does a shared kernel do to its output when the input moves?
        - Which layer's output stays put while a feature moves inside a window?
      explanation: >
        Weight sharing makes the conv output move with the input, equivariance. Pooling and
        strided downsampling absorb small moves within a window. The dense head has one weight
        per position, so it is as position-bound as any fully connected network.
  - exercise:
      id: dense-head-position
      kind: truefalse
      tests: understanding
      prompt: >
        VGG16's flatten and dense layers make its answer independent of where the object sits
        in the image.
      answer: false
      hints:
        - Lesson 1 showed a dense layer a 7 in a new corner. What did it meet there?
      explanation: >
        Flattening turns each position of the 7×7×512 volume into its own input, with its own
        weights; a feature that moves to another cell meets different weights, exactly the
        problem of lesson 1. What invariance VGG16 has comes from its pools and from training
        on objects at many positions.
  - exercise:
      id: global-average-pooling
      kind: number
      fixed: a lone 9 among zeros makes the average exactly 1, the point of the question
      prompt: >
        Global average pooling of a 3×3 feature map that is 0 everywhere except a 9 in its
        top-left corner. What does it output? (A circular shift by one column moves the 9 to
        the next cell; the output would be the same.)
      answer: 1
      derive:
        cell: {patch: [[9, 0, 0], [0, 0, 0], [0, 0, 0]], kernel: box-blur}
      hints:
        - Global average pooling averages the whole map into one number.
        - 9 spread over 9 cells.
      explanation: >
        (9 + 0 + … + 0)/9 = 1, wherever the 9 sits: a circular shift only reorders the values it
        averages, so global average pooling is exactly invariant to it. An ordinary shift can
        push values off the edge and change it slightly.
  - exercise:
      id: total-stride-shift
      kind: number
      prompt: >
        A conv network downsamples by a total stride of 8: each cell of its last map stands for
        8 input pixels. The input shifts 16 pixels to the right. By how many cells does the
        last map shift (away from the borders)?
      answer: 2
      hints:
        - Equivariance survives strides for shifts that are multiples of the total stride.
        - 16 / 8
      explanation: >
        16 is a multiple of 8, so the last map shifts by exactly 16/8 = 2 cells. A shift of 4
        pixels is not a multiple: the map does not simply move, it changes.
  - exercise:
      id: non-multiple-shift
      kind: choice
      tests: understanding
      prompt: >
        The same network (total stride 8) sees the input shifted by 3 pixels. What happens to
        its last map?
      options:
        - it shifts by 3/8 of a cell
        - it stays exactly the same
        - in general it changes, neither moving by whole cells nor staying the same
      answer: c
      hints:
        - A map can only move by whole cells.
      explanation: >
        Only shifts by multiples of the total stride move the map by whole cells. A 3-pixel
        shift moves some features across window boundaries and not others, so the map
        changes in a way that is neither equivariant nor invariant; this is why CNN outputs can
        flicker under small shifts.
  - exercise:
      id: global-average-circular
      kind: truefalse
      tests: understanding
      prompt: >
        A stride-1 conv layer with circular padding (the image wraps around at its edges) is
        followed by global average pooling. Shifting the input circularly by any number of
        pixels leaves the pooled vector exactly the same.
      answer: true
      hints:
        - With circular padding, a circular shift of the input shifts every map circularly.
        - An average over all positions does not depend on the order of the positions.
      explanation: >
        The conv is exactly equivariant to circular shifts, so each map is the same values
        moved around, and their average is unchanged. With zero padding the border values
        differ, and the invariance holds only approximately.
  - exercise:
      id: invariance-from-data
      kind: choice
      tests: understanding
      prompt: >
        A classifier's training photos always show the object centred; at test time objects
        appear anywhere. Which change does most for its global shift invariance?
      options:
        - adding another dense layer
        - training on randomly shifted and cropped copies of the photos
        - removing the pooling layers
      answer: b
      mistakes:
        a: The dense head is tied to positions; another dense layer learns positions too.
        c: Pooling gives local invariance; removing it takes some away.
      hints:
        - Local invariance comes from pooling and strided downsampling; where does global invariance come from?
        - A network learns what its data shows it.
      explanation: >
        Global invariance comes from global average pooling and from what the network learns
        from varied data. Shifted crops show it the object in many places, so it learns to
        answer the same wherever the object sits.
  - demo: train
    epochs: "2"
    page: shift
    caption: >
      Now measure your own trained network. This page shows, layer by layer, how far
      F(shift x) is from shift F(x) for shifts of 0 to 4 pixels: zero-padded convs stay close,
      each 2×2 pool breaks the match at odd shifts, and the dense head is tied to positions.
      Below, the share of digits given the same class under two random shifts, against a
      perceptron of about the same size trained the same way. Press d for the overview.

"""#
}
