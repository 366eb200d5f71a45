// Written by lessons/embed.sh from lessons/04-activations.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_04_activations = #"""
id: activations
title: Activation functions, revisited
summary: Why sigmoid stalls deep networks, and what ReLU and leaky ReLU do instead.
steps:
  - text: |
      After a layer sums its weighted inputs it applies a non-linearity. Without one, any
      stack of layers would collapse into a single linear map. Which non-linearity matters
      more in deep networks than it first seems.

      - **Sigmoid**, σ(x) = 1/(1 + e⁻ˣ), squeezes everything into (0, 1). For large positive or
        negative x the curve goes flat, so its slope, σ(x)·(1 − σ(x)), is nearly 0 there. It
        **saturates**: gradients passing back through it shrink, layer after layer.
      - **Tanh** ranges over (−1, 1) and is centred at 0, which helps, but it saturates just the
        same.
      - **ReLU**, max(0, x), has slope exactly 1 for every positive input, so it never
        saturates there, and it is very cheap. Its weakness: a unit whose input is always
        negative outputs 0 with slope 0 and can stop learning altogether, a **dead** unit.
      - **Leaky ReLU** keeps a small slope for negative inputs (0.01·x is the usual default), so
        no unit is ever completely stuck.

      Modern CNNs use ReLU in their hidden layers almost by default: it is fast and does not
      saturate for positive inputs. The well-known evidence is Figure 1 of Krizhevsky, Sutskever
      and Hinton (2012, the AlexNet paper): a four-layer CNN with ReLUs reached 25% training
      error on CIFAR-10 about **six times faster than the same network with tanh** units. That
      comparison was against tanh, not sigmoid; it measured training speed on one task, and it
      is not a law for every network.
  - demo: activations
    function: sigmoid
    caption: Compare the slope of each function far from zero.
  - exercise:
      id: relu-negative
      kind: number
      fixed: checks the definition at one point; other inputs test nothing new
      prompt: What does ReLU output for the input −3?
      answer: 0
      derive:
        cell: {patch: [[-3]], kernel: [[1]], activation: relu}
      hints:
        - ReLU(x) = max(0, x).
        - Which is larger, 0 or −3?
      explanation: max(0, −3) = 0.
  - exercise:
      id: leaky-negative
      kind: number
      fixed: the slope 0.01 is the lesson's own, PyTorch's default
      prompt: What does leaky ReLU with slope 0.01 output for −3?
      answer: -0.03
      derive:
        cell: {patch: [[-3]], kernel: [[1]], activation: leakyrelu}
      hints:
        - For x < 0 leaky ReLU returns slope · x.
        - 0.01 × (−3)
      explanation: For negative inputs leaky ReLU returns 0.01·x = −0.03.
  - exercise:
      id: sigmoid-zero
      kind: number
      fixed: σ(0) = 0.5 is the fact asked
      prompt: What is σ(0)?
      answer: 0.5
      derive:
        cell: {patch: [[0]], kernel: [[1]], activation: sigmoid}
      hints:
        - σ(x) = 1/(1 + e⁻ˣ)
        - e⁰ = 1
      explanation: 1/(1 + e⁰) = 1/2.
  - exercise:
      id: sigmoid-slope
      kind: number
      prompt: The sigmoid's slope is σ(x)·(1 − σ(x)). What is its largest value (reached at x = 0)?
      answer: 0.25
      hints:
        - Use σ(0) from the previous question.
        - σ(0)·(1 − σ(0)) with σ(0) = 0.5.
      explanation: >
        0.5 × 0.5 = 0.25. Even at its steepest, every sigmoid a gradient passes through
        multiplies it by at most a quarter, which is why deep sigmoid networks learn slowly.
  - exercise:
      id: which-saturates
      kind: choice
      prompt: Which activation never saturates for positive inputs?
      options: [sigmoid, tanh, ReLU]
      answer: c
      explanation: ReLU's slope is 1 for every positive input; sigmoid and tanh both flatten out.
  - exercise:
      id: dead-relu
      kind: truefalse
      prompt: A ReLU unit whose input is negative for every example still receives gradient to adjust its weights.
      answer: false
      explanation: ReLU's slope is 0 for negative inputs, so no gradient flows back and the unit cannot recover; leaky ReLU avoids this.
  - exercise:
      id: relu-evidence
      kind: choice
      prompt: >
        In Krizhevsky, Sutskever and Hinton's Figure 1 (2012), a four-layer CNN with ReLUs
        reached 25% training error on CIFAR-10 about six times faster than the same network
        with which activation?
      options: [sigmoid, tanh, leaky ReLU]
      answer: b
      hints:
        - The comparison was with the other zero-centred saturating function of this lesson.
      explanation: >
        Tanh. The figure is often quoted as "ReLU trains six times faster than sigmoid", but
        sigmoid was not in it; and it is one network on one task, not a general law.
  - exercise:
      id: sigmoid-chain
      kind: number
      prompt: >
        A gradient passes back through four sigmoid units in a row, each at its steepest point
        (slope 0.25), with weights of 1 between them. What fraction of it is left? (Answer as
        a decimal.)
      answer: 0.00390625
      tolerance: 0.00001
      hints:
        - By the chain rule the slopes multiply.
        - 0.25 × 0.25 × 0.25 × 0.25
      explanation: >
        0.25⁴ = 1/256 ≈ 0.0039, and that is the best case; away from 0 each slope is smaller
        still. Through ReLUs on their positive side the factor would be 1⁴ = 1.
  - exercise:
      id: leaky-dead-gradient
      kind: number
      prompt: >
        A leaky ReLU unit (slope 0.01) has a negative input for every example. By what factor
        does it multiply the gradient passing back through it?
      answer: 0.01
      hints:
        - For x < 0, leaky ReLU is 0.01·x. What is its derivative?
        - A plain ReLU would multiply by 0 here.
      explanation: >
        0.01: small, but not zero, so the unit's weights still move and it can recover, which
        a dead ReLU (factor 0) cannot.

"""#
}
