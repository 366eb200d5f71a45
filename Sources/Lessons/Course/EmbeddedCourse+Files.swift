// Written by lessons/embed.sh: the table of embedded lesson files. Do not edit by hand.
extension EmbeddedCourse {
    static let contents: [String: String] = [
        "01-mlp-limits.yaml": file_01_mlp_limits,
        "02-weight-sharing.yaml": file_02_weight_sharing,
        "03-image-representation.yaml": file_03_image_representation,
        "04-activations.yaml": file_04_activations,
        "05-convolution.yaml": file_05_convolution,
        "06-hand-designed-kernels.yaml": file_06_hand_designed_kernels,
        "07-output-size.yaml": file_07_output_size,
        "08-conv-layers.yaml": file_08_conv_layers,
        "09-pooling.yaml": file_09_pooling,
        "10-vgg16.yaml": file_10_vgg16,
        "11-invariance-equivariance.yaml": file_11_invariance_equivariance,
        "12-receptive-fields.yaml": file_12_receptive_fields,
        "13-backprop-through-conv.yaml": file_13_backprop_through_conv,
        "14-beyond-classification.yaml": file_14_beyond_classification,
        "15-reading-and-designing.yaml": file_15_reading_and_designing,
        "course.yaml": file_course,
    ]
}
