import Foundation
import PostgresNIO

/// Where the database is: a server named by `DATABASE_URL`, or Hub's own embedded cluster.
public enum DatabaseLocation: Sendable {
    case url(String)
    case embedded(EmbeddedCluster)

    /// Parses `postgres://user:password@host:port/database?sslmode=disable|prefer|require`;
    /// `?host=/path/to/socket/dir` selects a Unix socket. `variable` names the setting the URL came from, for the error.
    public static func configuration(fromURL string: String, variable: String = "DATABASE_URL") throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: string),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme)
        else { throw DatabaseURLError(reason: "\(variable) must look like postgres://user:password@host:5432/database") }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? username : path
        let port = components.port ?? 5432

        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            return PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)",
                username: username, password: password, database: database)
        }
        guard let host = components.host, !host.isEmpty else {
            throw DatabaseURLError(reason: "\(variable) names no host")
        }
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? (["127.0.0.1", "localhost", "::1"].contains(host) ? "disable" : "prefer") {
        case "disable": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
    }
}

public struct DatabaseURLError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}
