// swift-tools-version: 6.2
import PackageDescription

// Our own code treats every warning as an error; SwiftPM ignores this for dependencies.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "smartmlops",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "smartmlops", targets: ["smartmlops"]),
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
        // For the dashboard benchmark in Benchmarks/.
        .library(name: "Cabinet", targets: ["Cabinet"]),
        .library(name: "Client", targets: ["Client"]),
        .library(name: "Dashboards", targets: ["Dashboards"]),
    ],
    dependencies: [
        // Each one is deliberate (see docs/architecture.md, "Dependencies").
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        // Already in the graph through swift-openapi-generator; the same major so one copy is built.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Already in the graph through Hummingbird; named so the platform can stop gracefully.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),
        // Linux calls Swift's Glibc module hides (O_PATH, pipe2, closefrom for posix_spawn).
        .target(name: "CLinux"),

        .target(name: "Model", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: strict),
        // Server stubs, client and types generated from openapi.yaml; kept apart so that our
        // hand-written modules can be strict about warnings while generated code is not.
        .target(
            name: "PlatformContract",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            swiftSettings: [.unsafeFlags(["-suppress-warnings"])],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The one mapping between the generated wire types and Model's, each direction in one file.
        .target(name: "ContractMapping", dependencies: ["Model", "PlatformContract"], swiftSettings: strict),
        // The TOML reader with per-value lines, config problems and the one XDG resolver; Foundation only.
        .target(name: "ConfigFormat", swiftSettings: strict),
        .target(name: "TerminalUI", dependencies: ["CNcursesw", "CLinux", "ConfigFormat"], swiftSettings: strict),
        .target(
            name: "Client",
            dependencies: [
                "Model", "CCurl", "PlatformContract", "ContractMapping",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Platform",
            dependencies: [
                "Model", "PlatformContract", "ContractMapping", "CLinux",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Dashboards as TOML files, their variables and units, and the Grafana importer.
        .target(name: "Dashboards", dependencies: ["Model", "ConfigFormat"], swiftSettings: strict),
        .target(name: "Cabinet", dependencies: ["Model", "TerminalUI", "Client", "Dashboards"], swiftSettings: strict),
        .executableTarget(
            name: "smartmlops",
            dependencies: [
                "Cabinet", "Platform", "Client", "TerminalUI", "Model", "Dashboards", "ConfigFormat",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // Peers that misbehave on purpose (a stalled platform, a recording proxy), shared by tests.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "ModelTests", dependencies: ["Model", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ConfigFormatTests", dependencies: ["ConfigFormat", "TestSupport"], exclude: ["tomllib_tagged.py"], swiftSettings: strict),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DashboardsTests", dependencies: ["Dashboards", "Model", "ConfigFormat"], swiftSettings: strict),
        .testTarget(
            name: "ClientTests",
            dependencies: ["Client", "Platform", "Model", "TestSupport", "PlatformContract", "ContractMapping",
                           .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            swiftSettings: strict),
        .testTarget(
            name: "PlatformTests",
            dependencies: [
                "Platform", "Model", "Client", "TestSupport",
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "GRDB", package: "GRDB.swift"),
                // A test identity provider: serves a key set and signs tokens with it.
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "CabinetTests", dependencies: ["Cabinet", "TerminalUI", "Client", "Platform", "Model", "TestSupport", "Dashboards"],
            swiftSettings: strict),
        .testTarget(
            name: "SmartmlopsTests",
            dependencies: [
                "Model", "Client", "Platform", "TestSupport",
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
