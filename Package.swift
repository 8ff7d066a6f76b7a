// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "leadsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "leadsim", targets: ["leadsim"]),
        .library(name: "LeadSimCore", targets: ["LeadSimCore"]),
        // What the libFuzzer drivers in Fuzz/ feed leadsim.
        .library(name: "LeadSimFuzzing", targets: ["LeadSimFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Mapping files of imports are YAML, which users know from other data tools.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Domain model and simulation engine: no file, terminal or clock I/O.
        .target(name: "LeadSimCore"),
        // Text tables and number formatting shared by the command language and the CLI.
        .target(name: "LeadSimRender", dependencies: ["LeadSimCore"]),
        // Reading data in: streaming CSV, value spellings of CRM exports.
        .target(name: "LeadSimData", dependencies: ["LeadSimCore", .product(name: "Yams", package: "Yams")]),
        // Datasets from simulated journeys: names and places by locale, rows, streaming writers.
        .target(name: "LeadSimGenerate", dependencies: ["LeadSimCore"]),
        // The command language of scenario files (and of the REPL).
        .target(name: "LeadSimScript", dependencies: ["LeadSimCore", "LeadSimRender", "LeadSimData", "LeadSimGenerate"]),
        // Fuzz targets: the script, session, CSV and mapping inputs `Fuzz/run` mutates, shared with
        // the corpus regression tests.
        .target(name: "LeadSimFuzzing", dependencies: ["LeadSimScript", "LeadSimData"]),
        // GNU readline for the REPL's line editing, history and completion (GPL-3).
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // The thin executable: subcommands, and the REPL's terminal side.
        .executableTarget(
            name: "leadsim",
            dependencies: [
                "LeadSimScript",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Times the models against the reference peers: `swift run -c release leadsim-bench`.
        .executableTarget(
            name: "leadsim-bench", dependencies: ["LeadSimCore", "LeadSimData", "LeadSimGenerate", "LeadSimScript"], path: "Benchmarks/leadsim-bench"),

        .testTarget(name: "LeadSimCoreTests", dependencies: ["LeadSimCore"]),
        .testTarget(name: "LeadSimScriptTests", dependencies: ["LeadSimScript", "LeadSimData", "LeadSimFuzzing"]),
        .testTarget(name: "LeadSimRenderTests", dependencies: ["LeadSimRender"]),
        .testTarget(name: "LeadSimGenerateTests", dependencies: ["LeadSimGenerate"]),
        .testTarget(name: "LeadSimDataTests", dependencies: ["LeadSimData"]),
        .testTarget(name: "LeadSimCLITests", dependencies: ["leadsim"]),
    ]
)
