// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "liner-export",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "liner-export", targets: ["liner-export"]),
        .library(name: "LinerExport", targets: ["LinerExport"]),
    ],
    traits: [
        // `liner-export demo` and `mock-server`, which bundle the fake Liner API (LinerMock, LinerDemo).
        // On by default; a production build leaves them out: `swift build -c release --disable-default-traits`.
        .trait(name: "FakeServer", description: "The demo and mock-server commands, with the bundled fake Liner API."),
        .default(enabledTraits: ["FakeServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // Already there for AsyncHTTPClient; named to tell a failed TLS handshake from other transport errors.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // The pipeline: Pipeline/ (spec, runner), Fetch/, Normalize/, Write/.
        .target(
            name: "LinerExport",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                "LinerJSON",
                "PhoneShim",
                "CXLSXWriter",
                "CLibXML2",
                "CZlib",
                "CCrypto",
            ]
        ),
        // JSON: the lossless parser, `JSONValue`, the writer and the byte sinks it writes into.
        .target(name: "LinerJSON"),
        // zlib, for gzip-compressed CSV and NDJSON outputs.
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libxlsxwriter (C), for XLSX outputs.
        .systemLibrary(
            name: "CXLSXWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // OpenSSL's libcrypto, for the run manifest's SHA-256 hashes.
        .systemLibrary(
            name: "CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // libxml2's xmlTextWriter, for XML outputs.
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Plain C face over libphonenumber (C++); Swift never sees a C++ type.
        .target(
            name: "PhoneShim",
            linkerSettings: [.linkedLibrary("phonenumber")]
        ),
        // The fake Liner API used by tests, benchmarks and `demo`.
        .target(
            name: "LinerMock",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The built-in demo pipeline as a value, and running it against the fake Liner API.
        .target(
            name: "LinerDemo",
            dependencies: [
                "LinerExport",
                "LinerMock",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Argument parsing only; the fake server is linked only with the FakeServer trait.
        .executableTarget(
            name: "liner-export",
            dependencies: [
                "LinerExport",
                .target(name: "LinerDemo", condition: .when(traits: ["FakeServer"])),
                .target(name: "LinerMock", condition: .when(traits: ["FakeServer"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Release-build throughput of the normalize stage: `swift run -c release NormalizeBenchmark`.
        .executableTarget(
            name: "NormalizeBenchmark",
            dependencies: ["LinerExport", "LinerJSON", "LinerMock"]
        ),
        // Writes N generated leads with one writer and prints leads/s and peak RSS (run in release).
        .executableTarget(
            name: "WriterBenchmark",
            dependencies: ["LinerExport", "LinerJSON", "LinerMock"]
        ),
        // Helpers shared by the test suites: a seeded random number generator, random JSON values.
        .target(
            name: "LinerTestSupport",
            dependencies: ["LinerJSON"]
        ),
        .testTarget(
            name: "LinerExportTests",
            dependencies: [
                "LinerExport",
                "LinerJSON",
                "LinerMock",
                "LinerDemo",
                "LinerTestSupport",
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "LinerJSONTests",
            dependencies: ["LinerJSON", "LinerTestSupport"]
        ),
        .testTarget(
            name: "LinerMockTests",
            dependencies: ["LinerMock"]
        ),
    ],
    cxxLanguageStandard: .cxx17
)
