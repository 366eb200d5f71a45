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
    goal:
      text: Add one 3×3 layer (key 1) and see the field of the top cell reach 7×7.
      when: {layers: 3, field: 7}
  - exercise:
      id: two-threes
      kind: number
      fixed: the classic two-3×3-against-one-5×5 comparison the lesson builds on
      prompt: Two stacked 3×3 convolutions, stride 1. How wide is the receptive field of one output?
      answer: 5
      derive:
        receptive-field: {layers: [3/1, 3/1]}
      hints:
        - Start from r = 1, j = 1; a 3×3 layer at stride 1 adds (3 − 1)·1.
        - r goes 1 → 3 → ?
      explanation: 1 + 2 + 2 = 5, the same view as one 5×5 kernel.
  - exercise:
      id: three-threes
      kind: number
      fixed: the classic three-3×3-against-one-7×7 comparison the lesson builds on
      prompt: And three stacked 3×3 convolutions?
      answer: 7
      derive:
        receptive-field: {layers: [3/1, 3/1, 3/1]}
      hints:
        - Each 3×3 layer at stride 1 adds k − 1 = 2.
        - 1 + 2 + 2 + 2
      explanation: Each 3×3 layer adds 2 at stride 1, so 1 + 2 + 2 + 2 = 7.
  - exercise:
      id: two-threes-weights
      kind: number
      fixed: the classic two-3×3-against-one-5×5 comparison the lesson builds on
      prompt: For one input and one output channel (no bias), how many weights do two stacked 3×3 convs have?
      answer: 18
      derive:
        parameters: {network: "input 16x16x1 | conv 1 3x3 nobias | conv 1 3x3 nobias"}
      hints:
        - One 3×3 filter on one channel has 9 weights.
        - Two layers, one filter each.
      explanation: 9 + 9 = 18.
  - exercise:
      id: one-five-weights
      kind: number
      fixed: the classic two-3×3-against-one-5×5 comparison the lesson builds on
      prompt: And one 5×5 conv with the same receptive field?
      answer: 25
      derive:
        parameters: {layer: conv 1 5x5 nobias, input: 16x16x1}
      hints:
        - One filter, one channel, F·F weights.
        - 5 × 5
      explanation: >
        25 weights for the same 5×5 view. Two 3×3 layers use 18, fewer, and add a second
        non-linearity in between; a main reason modern designs like VGG use small kernels.
  - text: |
      Real layers have channels. With C input and C output channels (no biases), a 3×3 layer
      has 9·C² weights and a 5×5 layer 25·C². Two stacked 3×3 layers see as far as one 5×5 with
      **2·9·C² = 18·C²** weights against **25·C²**, 28% fewer; three 3×3 layers see as far as
      one 7×7 with **27·C²** against **49·C²**, 45% fewer. Simonyan and Zisserman made the
      7×7 argument for VGG (27C² against 49C²), and added that the stack has three
      non-linearities where the single layer has one.

      The compute follows the weights. At stride 1 with same padding, every layer runs at
      each of the H×W positions, and at each position does one multiply-accumulate (MAC) per
      weight: a 3×3 layer from C to C channels costs 9·C²·H·W MACs. So the stack of 3×3 layers
      saves the same 28% or 45% of the arithmetic, too.
  - exercise:
      id: two-threes-channels
      kind: number
      vary: {channels: [16, 32, 64, 128, 256]}
      seed: 3
      prompt: >
        Two stacked 3×3 convs, each from {channels} to {channels} channels, no biases. How many
        weights in total?
      derive:
        parameters: {network: "input 8x8x{channels} | conv {channels} 3x3 pad 1 nobias | conv {channels} 3x3 pad 1 nobias"}
      hints:
        - One layer has F·F·C·K weights, here 3·3·{channels}·{channels}.
        - Two such layers hold 2·9·{channels}².
      explanation: 2 · 9 · {channels}² = 18 · {channels}², against 25 · {channels}² for one 5×5 layer with the same field.
  - exercise:
      id: one-five-channels
      kind: number
      vary: {channels: [16, 32, 64, 128, 256]}
      seed: 3
      prompt: One 5×5 conv from {channels} to {channels} channels, no biases. How many weights?
      derive:
        parameters: {layer: "conv {channels} 5x5 nobias", input: "8x8x{channels}"}
      hints:
        - F·F·C·K with F = 5.
        - 25 · {channels} · {channels}
      explanation: 25 · {channels}², more than the 18 · {channels}² of two 3×3 layers that see just as far.
  - exercise:
      id: three-threes-channels
      kind: number
      vary: {channels: [16, 32, 64, 128, 256]}
      seed: 5
      prompt: >
        Three stacked 3×3 convs from {channels} to {channels} channels (no biases) see as far
        as one 7×7. How many weights do the three hold together?
      derive:
        parameters: {network: "input 8x8x{channels} | conv {channels} 3x3 pad 1 nobias | conv {channels} 3x3 pad 1 nobias | conv {channels} 3x3 pad 1 nobias"}
      hints:
        - Each layer has 9·{channels}² weights.
        - Three layers hold 27·{channels}²; compare 49·{channels}² for the 7×7.
      explanation: 3 · 9 · {channels}² = 27 · {channels}², against 49 · {channels}² for one 7×7 layer.
  - exercise:
      id: seven-by-seven-macs
      kind: number
      vary: {channels: [16, 32, 64, 128]}
      seed: 2
      prompt: >
        A 7×7 conv from {channels} to {channels} channels, stride 1, same padding. How many
        multiply-accumulates does it do at one output position (no biases)?
      derive:
        # one MAC per weight at each position, so the count is the layer's weight count
        parameters: {layer: "conv {channels} 7x7 nobias", input: "8x8x{channels}"}
      hints:
        - At one position, each output channel is a dot product over a 7×7×{channels} window.
        - 7 · 7 · {channels} multiply-accumulates per output channel, times {channels} output channels.
      explanation: >
        49 · {channels}² MACs at each position, one per weight; three 3×3 layers do 27 ·
        {channels}² there. Over an H×W map both are multiplied by H·W, so the ratio, 27/49,
        stays.
  - exercise:
      id: stack-or-single
      kind: choice
      prompt: >
        You need a field of 7 at stride 1 on a 56×56×128 map, keeping 128 channels. Which
        choice costs fewer weights and fewer MACs, and adds non-linearities?
      options:
        - one 7×7 conv
        - three stacked 3×3 convs with ReLUs between them
        - they cost the same
      answer: b
      hints:
        - Compare 3·9·C² with 49·C².
      explanation: >
        27·C² against 49·C² weights, and since both run at all 56·56 positions the MACs shrink
        in the same ratio; the stack also applies three ReLUs instead of one.
  - exercise:
      id: with-pooling
      kind: number
      vary: {k: [3, 5]}
      prompt: A {k}×{k} conv, then 2×2 max pooling with stride 2, then another {k}×{k} conv. Receptive field width?
      derive:
        receptive-field: {layers: ["{k}/1", "2/2", "{k}/1"]}
      hints:
        - Use r_out = r_in + (k − 1)·j_in and j_out = j_in·s, layer by layer.
        - After the pooling, neighbouring outputs are 2 input pixels apart (j = 2).
      explanation: >
        r goes 1 → {k} → {k} + 1, then the second conv adds ({k} − 1)·2, because after the pool
        neighbouring outputs are 2 pixels apart (for 3×3: 1 → 3 → 4 → 8).
  - exercise:
      id: pool-early-or-not
      kind: choice
      prompt: >
        Network A stacks four 3×3 convs at stride 1. Network B has a 3×3 conv, a 2×2 max pool
        with stride 2, then two 3×3 convs. Which last layer has the larger receptive field?
      options:
        - A, since it has more convolutions
        - B, since after the pool each 3×3 conv adds twice as much
        - they are equal
      answer: b
      hints:
        - Run r_out = r_in + (k − 1)·j_in for both.
        - A ends at 1 + 4·2; B goes 1 → 3 → 4, then adds 2·2 twice.
      explanation: >
        A reaches 9. B reaches 3, then 4 after the pool, then 8 and 12, because the pool
        doubled j: downsampling early makes every later layer see further.
  - exercise:
      id: stacked-any
      kind: number
      vary: {k: [3, 5, 7]}
      seed: 2
      prompt: Two stacked {k}×{k} convolutions at stride 1. Receptive field width?
      derive:
        receptive-field: {layers: ["{k}/1", "{k}/1"]}
      hints:
        - At stride 1 each {k}×{k} layer adds {k} − 1 to the field.
        - Start from 1 and add it twice.
      explanation: 1 + 2·({k} − 1).
  - exercise:
      id: vgg-field
      kind: number
      fixed: VGG16's own numbers
      prompt: How wide is the receptive field of one value in VGG16's last pooled map (before flattening)?
      answer: 212
      derive:
        receptive-field: {network: vgg16}
      hints:
        - Run r_out = r_in + (k − 1)·j_in and j_out = j_in·s through all thirteen convs and five pools.
        - j doubles at each pool (1, 2, 4, 8, 16), and the last pool makes it 32.
      explanation: >
        212 pixels, nearly the whole 224-pixel image: the last conv layer reaches 196, and the
        last pool adds (2 − 1)·16. That is the theoretical field, the region that can affect
        the value at all.
  - exercise:
      id: vgg-last-conv-field
      kind: number
      fixed: VGG16's own numbers
      prompt: And the receptive field of one value of VGG16's last conv layer, before the last pool?
      answer: 196
      derive:
        receptive-field: {network: "input 224x224x3 | conv 64 3x3 pad 1 | conv 64 3x3 pad 1 | maxpool 2 | conv 128 3x3 pad 1 | conv 128 3x3 pad 1 | maxpool 2 | conv 256 3x3 pad 1 | conv 256 3x3 pad 1 | conv 256 3x3 pad 1 | maxpool 2 | conv 512 3x3 pad 1 | conv 512 3x3 pad 1 | conv 512 3x3 pad 1 | maxpool 2 | conv 512 3x3 pad 1 | conv 512 3x3 pad 1 | conv 512 3x3 pad 1"}
      hints:
        - The pooled map's field is 212; the last pool added (k − 1)·j_in with k = 2.
        - Before the last pool, j = 16.
      explanation: 212 − (2 − 1)·16 = 196.
  - text: |
      The recursion gives the **theoretical** receptive field: every pixel outside it cannot
      affect the output, every pixel inside it can. That does not mean they all matter
      equally. Luo, Li, Urtasun and Zemel (2016) measured the **effective receptive field**,
      how much each input pixel actually changes an output (the gradient of the output with
      respect to each pixel). It is roughly **Gaussian**: strong at the centre, fading fast
      towards the edges, and it occupies only a fraction of the theoretical field. The centre
      pixels reach the output along many paths through the stack, the edge pixels along very
      few. So "VGG16's last features see 212 pixels" is an upper bound; in practice they
      attend mostly to a much smaller central region, which training enlarges somewhat.
  - exercise:
      id: effective-field
      kind: truefalse
      prompt: >
        Every pixel inside a unit's theoretical receptive field influences that unit about
        equally.
      answer: false
      hints:
        - Count the paths from a centre pixel and from a corner pixel to the output of two stacked 3×3 convs.
      explanation: >
        The influence is roughly Gaussian (Luo et al., 2016): centre pixels reach the output
        through many paths, edge pixels through few, so the effective field is much smaller
        than the theoretical one.
  - exercise:
      id: paths-centre-corner
      kind: number
      prompt: >
        Two stacked 3×3 convs at stride 1 give a 5×5 field. Through how many different
        intermediate units does the centre pixel of that field reach the output? (The corner
        pixel reaches it through only 1.)
      answer: 9
      hints:
        - The output reads a 3×3 block of intermediate units; each of them reads a 3×3 block of pixels.
        - Which of the nine intermediate units have the centre pixel in their 3×3 window?
      explanation: >
        All nine intermediate units around the centre have the centre pixel in their window,
        so it contributes along 9 paths, while a corner pixel lies in the window of only the
        corner unit: a first sign of the effective field's Gaussian shape.
  - exercise:
      id: design-strided-field
      kind: design
      prompt: >
        Build a stack of identical stride-2 convolutions whose receptive field is {r}×{r}:
        choose the kernel size and the number of layers.
      vary: {r: [4, 7, 8, 15]}
      seed: 5
      design:
        goal: receptive-field == {r}
        stride: 2
        choose: {kernel: [2, 3], layers: 1..4}
      hints:
        - Each stride-2 layer doubles the jump j, so layer L adds (k − 1)·2^(L−1).
        - "The field is 1 + (k − 1)·(1 + 2 + … + 2^(L−1)) = 1 + (k − 1)·(2^L − 1); find k and L for {r}."
      explanation: >
        With stride 2 the field is 1 + (k − 1)·(2^L − 1): kernel 3 gives 3, 7, 15, 31 and
        kernel 2 gives 2, 4, 8, 16, so strided layers widen the field far faster than stride-1
        ones.

"""#
}
