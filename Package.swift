// swift-tools-version: 6.0
import PackageDescription

// The dependency rule, read top to bottom: RootmailCore (domain and service layer) imports
// neither storage, terminal nor network code; every other target builds on it.
let package = Package(
    name: "rootmail",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rootmail", targets: ["rootmail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Domain types, errors, backend protocols and the shared service layer; AWSContract/ holds
        // what rootmail knows of AWS's contract (operations, principals, texts, error meanings).
        .target(name: "RootmailCore"),
        // The one ordered JSON value, read and written compactly (the endpoint) and pretty (the CLI).
        .target(name: "OrderedJSON"),
        // Durable state of rootmail itself (pending updates, audit log) in SQLite.
        .target(
            name: "RootmailStore",
            dependencies: ["RootmailCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The same state on PostgreSQL, for a team whose hosts share one store.
        .target(
            name: "RootmailPostgres",
            dependencies: [
                "RootmailCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The demo organization's description, shipped as a file.
        .target(name: "DemoAssets", path: "assets", resources: [.copy("demo-organization.json")]),
        // The default backend: an organization that behaves as AWS does, kept in its own SQLite file.
        .target(
            name: "EmbeddedOrganization",
            dependencies: [
                "RootmailCore", "RootmailStore", "DemoAssets",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // libncursesw, seen from Swift through a shim header.
        .systemLibrary(
            name: "CNCurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The C library's wcwidth, hidden by its own module; no ncurses.
        .systemLibrary(name: "CWideChar"),
        // Drawing without a terminal: keys, the surface protocol, the in-memory surface, display widths.
        .target(name: "TerminalUI", dependencies: ["CWideChar"]),
        // The terminal through ncurses: its surface, key decoding, colours, signals.
        .target(name: "TerminalNCurses", dependencies: ["TerminalUI", "CNCurses"]),
        // The console: a pure state and reducer, views per screen, and the loop that runs them
        // on any ConsoleDevice; the executable hands it the ncurses terminal.
        .target(name: "RootmailConsole", dependencies: ["RootmailCore", "TerminalUI"]),
        // JMESPath (jmespath.org) for `--query`, with the semantics of Python's jmespath that the AWS CLI uses.
        .target(name: "JMESPath"),
        // AWS Signature Version 4: signing requests to AWS and verifying requests from AWS clients.
        .target(name: "AWSSigV4", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // `rootmail serve`: the embedded organization over AWS's own wire protocols.
        .target(
            name: "RootmailEndpoint",
            dependencies: [
                "RootmailCore", "RootmailStore", "EmbeddedOrganization", "AWSSigV4", "OrderedJSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The live AWS backend: credentials as the AWS CLI resolves them, Organizations, Account and STS clients.
        .target(
            name: "AWSBackend",
            dependencies: [
                "RootmailCore", "AWSSigV4",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // SHA-1 names the SSO token cache files, as the AWS CLI names them.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                // The trust roots of AWS_CA_BUNDLE / ca_bundle.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // A small IMAP client on SwiftNIO, for reading mail only (the codes of a migration); it knows
        // nothing of rootmail.
        .target(
            name: "IMAPClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "rootmail",
            dependencies: [
                "RootmailCore", "RootmailStore", "RootmailPostgres", "EmbeddedOrganization", "AWSBackend", "RootmailEndpoint",
                "RootmailConsole", "IMAPClient", "TerminalUI", "TerminalNCurses", "JMESPath", "OrderedJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the test targets share: the test clock, in-memory stores, the scripted backend, the one
        // subprocess runner, the rootmail binary's runner, the tmux driver, request signing and the
        // test tiers' tags. Only test targets depend on it.
        .target(
            name: "RootmailTestSupport",
            dependencies: ["RootmailCore", "RootmailStore", "AWSSigV4"],
            path: "Tests/RootmailTestSupport"
        ),
        .testTarget(name: "RootmailCoreTests", dependencies: ["RootmailCore", "RootmailTestSupport"]),
        // GRDB so that tests can inspect the files as any SQLite reader would.
        .testTarget(
            name: "RootmailStoreTests",
            dependencies: [
                "RootmailCore", "RootmailStore", "RootmailPostgres", "RootmailTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "EmbeddedOrganizationTests",
            dependencies: ["RootmailCore", "RootmailStore", "EmbeddedOrganization", "RootmailTestSupport"]
        ),
        .testTarget(
            name: "RootmailConsoleTests",
            dependencies: [
                "RootmailConsole", "TerminalUI", "RootmailCore", "RootmailStore", "EmbeddedOrganization",
                "RootmailTestSupport",
            ],
            exclude: ["Snapshots"]
        ),
        // The AWS CLI table oracle script is run by the tests, not compiled.
        .testTarget(name: "CommandLineTests", dependencies: ["RootmailCore", "RootmailTestSupport"], exclude: ["Oracle"]),
        .testTarget(name: "IMAPClientTests", dependencies: ["IMAPClient", "RootmailTestSupport"]),
        // The botocore oracle script is run by the tests, not compiled.
        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4", "RootmailTestSupport"], exclude: ["Oracle"]),
        // The jmespath oracle script is run by the tests, not compiled.
        .testTarget(name: "JMESPathTests", dependencies: ["JMESPath", "RootmailTestSupport"], exclude: ["Oracle"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TerminalNCurses", "CNCurses", "RootmailTestSupport"]),
        // The Python servers (moto's wrapper, the fault-injecting server) are run by the tests, not compiled.
        .testTarget(
            name: "AWSBackendTests",
            dependencies: [
                "AWSBackend", "AWSSigV4", "RootmailCore", "RootmailTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Servers"]
        ),
        // The AWS CLI and boto3 scripts are run by the tests, not compiled.
        .testTarget(
            name: "RootmailEndpointTests",
            dependencies: [
                "RootmailEndpoint", "RootmailCore", "RootmailStore", "EmbeddedOrganization", "AWSSigV4", "OrderedJSON",
                "RootmailTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Clients"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
