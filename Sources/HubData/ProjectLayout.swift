import Foundation

/// Where Hub finds the files it ships beside its binary: `migrations/`, `seed/`, `docs/`.
///
/// `HUB_HOME` names the folder; otherwise the current folder or one of its parents, then the folders above the
/// executable (`.build/debug/hub` in a checkout), then the checkout this file was compiled from.
public struct ProjectLayout: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public var migrations: URL { root.appendingPathComponent("migrations") }
    public var seed: URL { root.appendingPathComponent("seed") }
    public var docs: URL { root.appendingPathComponent("docs") }
    /// The screens' templates, message catalogues and assets.
    public var screens: URL { root.appendingPathComponent("screens") }
    /// The default home of the embedded cluster (git-ignored).
    public var defaultDataDirectory: URL { root.appendingPathComponent(".hub") }

    public static func locate(_ configuration: HubConfiguration = .fromProcess()) throws -> ProjectLayout {
        var candidates: [URL] = []
        if let home = configuration.home { candidates.append(URL(fileURLWithPath: home)) }
        candidates += ancestors(of: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        candidates += ancestors(of: URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent())
        candidates += ancestors(of: URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            let marker = candidate.appendingPathComponent("migrations/001_extensions.sql").path
            if FileManager.default.fileExists(atPath: marker, isDirectory: &isDirectory) {
                return ProjectLayout(root: candidate.standardizedFileURL)
            }
        }
        throw EmbeddedClusterError("Hub's migrations/ folder was not found: run hub from its project folder or set HUB_HOME.")
    }

    private static func ancestors(of url: URL) -> [URL] {
        var result: [URL] = []
        var current = url.standardizedFileURL
        while current.path != "/" && !current.path.isEmpty {
            result.append(current)
            current.deleteLastPathComponent()
        }
        return result
    }
}
