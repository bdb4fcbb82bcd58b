import Foundation

/// Finds PostgreSQL's server programs (`initdb`, `pg_ctl`): `HUB_PG_BIN`, else Debian's
/// `/usr/lib/postgresql/<newest>/bin`, else the `PATH`.
public struct PostgresBinaries: Sendable {
    public let directory: String

    public var initdb: String { directory + "/initdb" }
    public var pgCtl: String { directory + "/pg_ctl" }

    public static func locate(_ configuration: HubConfiguration = .fromProcess()) throws -> PostgresBinaries {
        let fileManager = FileManager.default
        if let configured = configuration.postgresBin, fileManager.isExecutableFile(atPath: configured + "/initdb") {
            return PostgresBinaries(directory: configured)
        }
        let debianRoot = "/usr/lib/postgresql"
        if let versions = try? fileManager.contentsOfDirectory(atPath: debianRoot) {
            let newestFirst = versions.compactMap { Int($0) }.sorted(by: >)
            for version in newestFirst where fileManager.isExecutableFile(atPath: "\(debianRoot)/\(version)/bin/initdb") {
                return PostgresBinaries(directory: "\(debianRoot)/\(version)/bin")
            }
        }
        for directory in (configuration.searchPath ?? "").split(separator: ":").map(String.init)
        where fileManager.isExecutableFile(atPath: directory + "/initdb") && fileManager.isExecutableFile(atPath: directory + "/pg_ctl") {
            return PostgresBinaries(directory: directory)
        }
        throw EmbeddedClusterError(
            "PostgreSQL's server programs (initdb, pg_ctl) were not found. Install them with "
            + "`apt-get install -y postgresql postgresql-contrib`, set HUB_PG_BIN, or set DATABASE_URL to use another server.")
    }
}

public struct EmbeddedClusterError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
