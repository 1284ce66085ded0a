// swift-tools-version: 6.2
import PackageDescription

// Benchmarks of the TerminalUI module, kept out of the main package so that its build and CI do not
// pay for the benchmark dependencies. Run from this folder:
//   swift package --allow-writing-to-package-directory benchmark   (ordo-one/benchmark, release)
//   swift run -c release TerminalBytes                             (bytes ncursesw sends to a pty)
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "TerminalUIBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "smartmlops", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The 200×50 frame with a 10,000-row table that both measurements draw.
        .target(
            name: "TableFixture",
            dependencies: [.product(name: "TerminalUI", package: "smartmlops")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "TerminalBytes",
            dependencies: ["TableFixture", .product(name: "TerminalUI", package: "smartmlops")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "TerminalUIBenchmarks",
            dependencies: [
                "TableFixture",
                .product(name: "TerminalUI", package: "smartmlops"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TerminalUIBenchmarks",
            swiftSettings: strict,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
