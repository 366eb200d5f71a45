// swift-tools-version: 6.0
// ConvLab: a terminal tutor for convolutional neural networks.
//
// Dependencies point one way, down this list:
//   CNcurses ← TerminalUI ← ConvLabApp ← convlab
//   CConvKernels ← ConvEngine ← ConvFiles ← ConvLabApp
//   ConvEngine ← Lessons ← ConvLabApp
// CConvKernels is C: the GEMM micro-kernel, built for AVX2 + FMA by a per-function target
// attribute and chosen at run time by a CPU check, so no global flags are needed and the
// binary runs on any x86-64 or ARM CPU. ConvEngine imports Foundation (and that kernel) only;
// ConvFiles (npy, npz, IDX, PGM/PPM, gzip, atomic writes) adds ZIPFoundation's inflater;
// Lessons imports only ConvEngine (and Yams).
import PackageDescription

let package = Package(
    name: "ConvLab",
    platforms: [.macOS(.v15)],

    // MARK: products
    products: [
        .executable(name: "convlab", targets: ["convlab"]),
        .library(name: "ConvEngine", targets: ["ConvEngine"]),
        .library(name: "ConvFiles", targets: ["ConvFiles"]),
    ],

    // MARK: dependencies
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],

    // MARK: targets
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "CConvKernels"),
        .target(
            name: "ConvEngine",
            dependencies: ["CConvKernels"],
            // Plain -O: preconditions (shape checks) stay on in release builds. The hot loops
            // in Fast/ work on unsafe pointers, so bounds checks cost them nothing.
        ),
        .target(
            name: "ConvFiles",
            dependencies: ["ConvEngine", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "Lessons",
            dependencies: ["ConvEngine", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "TerminalUI", dependencies: ["CNcurses"]),
        .target(name: "ConvLabApp", dependencies: ["ConvEngine", "ConvFiles", "Lessons", "TerminalUI"]),
        .executableTarget(
            name: "convlab",
            dependencies: [
                "ConvEngine", "ConvFiles", "Lessons", "TerminalUI", "ConvLabApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: tests
        .target(name: "TestSupport", dependencies: ["ConvEngine", "ConvFiles", "TerminalUI"], path: "Tests/TestSupport"),
        .testTarget(
            name: "ConvEngineTests",
            dependencies: ["ConvEngine", "ConvFiles", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"]),
        .testTarget(name: "ConvLabAppTests", dependencies: ["ConvLabApp", "TestSupport"]),
        .testTarget(name: "convlabTests", dependencies: ["convlab", "TestSupport"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "TestSupport"], exclude: ["Fixtures"]),
    ]
)
