// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "hub",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hub", targets: ["hub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // Pure domain: forms, thresholds, RAG/SLA clocks, state machines. No I/O, no dependencies of ours.
        .target(name: "HubWorkflow", swiftSettings: strict),
        // PostgreSQL access, the embedded cluster and the migration runner.
        .target(
            name: "HubData",
            dependencies: [
                "HubWorkflow",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        // Partner feeds, cleansing, linkage and search.
        .target(
            name: "HubTracker",
            dependencies: [
                "HubWorkflow", "HubData",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Optimised in debug builds too: linkage compares millions of record pairs, the suite links thousands of
            // records in several tests and in every demo start-up, and unoptimised it took a tenth of the suite's CPU.
            swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // HTTP API, auth, audit, screens and the `hub` subcommands that serve and administer.
        .target(
            name: "HubServer",
            dependencies: [
                "HubWorkflow", "HubData", "HubTracker",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        // The `hub bench` commands and the synthetic activity they time: not part of the server.
        .target(
            name: "HubBench",
            dependencies: [
                "HubWorkflow", "HubData", "HubTracker", "HubServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "hub",
            dependencies: ["HubServer", "HubBench", "HubTracker", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .target(
            name: "HubTestSupport",
            dependencies: [
                "HubData", "HubTracker", "HubServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/HubTestSupport",
            swiftSettings: strict
        ),
        .testTarget(name: "HubWorkflowTests", dependencies: ["HubWorkflow"], swiftSettings: strict),
        .testTarget(
            name: "HubDataTests",
            dependencies: ["HubData", "HubTestSupport", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HubTrackerTests",
            dependencies: ["HubTracker", "HubData", "HubTestSupport", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HubServerTests",
            dependencies: [
                "HubServer", "HubData", "HubTracker", "HubWorkflow", "HubTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HubBenchTests",
            dependencies: ["HubBench", "HubServer", "HubData", "HubTracker", "HubTestSupport"],
            swiftSettings: strict
        ),
    ]
)
