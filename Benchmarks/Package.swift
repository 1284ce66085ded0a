// swift-tools-version: 6.2
import PackageDescription

// Benchmarks of the TerminalUI module, kept out of the main package so that its build and CI do not
// pay for the benchmark dependencies. Run from this folder:
//   swift package --allow-writing-to-package-directory benchmark   (ordo-one/benchmark, release)
//   swift run -c release TerminalBytes                             (bytes ncursesw sends to a pty)
//   swift run -c release DashboardRefresh                          (12 panels against VictoriaMetrics)
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "TerminalUIBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "smartmlops", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
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
            name: "DashboardRefresh",
            dependencies: [
                .product(name: "Cabinet", package: "smartmlops"),
                .product(name: "Client", package: "smartmlops"),
                .product(name: "Dashboards", package: "smartmlops"),
                .product(name: "TerminalUI", package: "smartmlops"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
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
