// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "pln",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pln", targets: ["pln"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .target(
            name: "CLuaShim",
            dependencies: ["CLua"]
        ),
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .target(
            name: "CSQLiteShim",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "PLNCore",
            dependencies: ["CZlib", "CSQLiteShim", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "PLNScripting",
            dependencies: ["PLNCore", "CLua", "CLuaShim"],
            exclude: ["Bundled/lua"]  // compiled in through Bundled/BundledLua.swift (scripts/bundle-lua)
        ),
        .target(
            name: "PLNShell",
            dependencies: ["PLNCore", "PLNScripting", "CReadline"]
        ),
        .executableTarget(
            name: "pln",
            dependencies: [
                "PLNCore", "PLNScripting", "PLNShell",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "PLNTestSupport",
            dependencies: ["PLNCore"],
            path: "Tests/PLNTestSupport"
        ),
        .testTarget(name: "PLNCoreTests", dependencies: ["PLNCore", "PLNTestSupport", "CZlib"]),
        .testTarget(name: "PLNScriptingTests", dependencies: ["PLNScripting", "PLNTestSupport"]),
        .testTarget(name: "PLNShellTests", dependencies: ["PLNShell", "PLNTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PLNCore", "PLNTestSupport"],
                    exclude: ["Fixtures"]),  // sample exports the importer tests read by path
    ],
    swiftLanguageModes: [.v6]
)
