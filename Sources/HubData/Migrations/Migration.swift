import Crypto
import Foundation

/// One file in `migrations/`: `NNN_description.sql`, applied once, in order, in a transaction of its own.
public struct Migration: Sendable, Hashable {
    /// The file name without `.sql`, e.g. `001_extensions`: the identity recorded in `schema_migrations`.
    public let version: String
    public let sql: String

    public init(version: String, sql: String) {
        self.version = version
        self.sql = sql
    }

    /// SHA-256 of the file's bytes, hex: an applied file whose checksum changes stops the server.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads every `*.sql` file of a folder, ordered by name.
    public static func load(from directory: URL) throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { name in
            Migration(
                version: String(name.dropLast(4)),
                sql: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
    }
}
