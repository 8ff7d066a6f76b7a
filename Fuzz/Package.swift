// swift-tools-version:6.0
// The libFuzzer driver for leadsim's fuzz targets. Its own package, because it links libFuzzer's
// runtime and is built with sanitizer flags that the product must not carry: `Fuzz/run TARGET`.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, which is whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "leadsim-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "leadsim-fuzz", dependencies: [.product(name: "LeadSimFuzzing", package: root)])
    ]
)
