import Logging
import PostgresNIO

/// An error as Hub writes it to its log: what kind of error it was and what it concerns, never the values it quotes.
///
/// PostgreSQL's message, detail, hint and context quote what failed: `Key (reference)=(R-000001) already exists`, or
/// a CHECK's whole failing row (a password hash, a name, free text). `String(reflecting:)` of a `PSQLError` prints all
/// of them, and the statement. So a database error is logged by its SQLSTATE and the names of the constraint, table
/// and column it concerns; a `PostgresTransactionError` by the error that failed the transaction; any other error by
/// its type, and by its description only when it is one of Hub's that promises to quote nothing (``LoggableError``).
///
/// Every log line about an error takes its `error.*` metadata from here:
/// `logger.error("unhandled error", metadata: LoggedError(error).metadata)`.
public struct LoggedError: Sendable, CustomStringConvertible {
    /// `error.type`, and what else is safe to say: `error.sqlstate`, `error.constraint`, `error.table`, `error.column`,
    /// `error.code` (the driver's), `error.cause` (the type of a connection error's cause), `error.message` (ours).
    public let metadata: Logger.Metadata

    public init(_ error: any Error) {
        metadata = Self.metadata(of: error)
    }

    /// The metadata as one line, for a message rather than a log's metadata (`PSQLError sqlstate=23505 constraint=…`).
    public var description: String {
        let type = metadata["error.type"].map { "\($0)" } ?? "error"
        let rest = metadata.keys.filter { $0 != "error.type" }.sorted().compactMap { key in
            metadata[key].map { "\(key.dropFirst("error.".count))=\($0)" }
        }
        return ([type] + rest).joined(separator: " ")
    }

    private static func metadata(of error: any Error) -> Logger.Metadata {
        switch error {
        case let error as PostgresTransactionError:
            let underlying = error.underlying
            return underlying is PostgresTransactionError ? ["error.type": "PostgresTransactionError"] : metadata(of: underlying)
        case let error as PSQLError:
            return metadata(of: error)
        case let error as PostgresDecodingError:
            return [
                "error.type": "PostgresDecodingError", "error.code": "\(error.code)", "error.column": "\(error.columnName)",
                "error.target": "\(String(reflecting: error.targetType))",
            ]
        case let error as any LoggableError:
            return ["error.type": "\(typeName(of: error))", "error.message": "\(error.description)"]
        default:
            return ["error.type": "\(typeName(of: error))"]
        }
    }

    private static func metadata(of error: PSQLError) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["error.type": "PSQLError", "error.code": "\(error.code)"]
        if let server = error.serverInfo {
            metadata["error.sqlstate"] = server[.sqlState].map { .string($0) }
            metadata["error.constraint"] = server[.constraintName].map { .string($0) }
            metadata["error.table"] = server[.tableName].map { .string($0) }
            metadata["error.column"] = server[.columnName].map { .string($0) }
        }
        if let cause = error.underlying {
            metadata["error.cause"] = "\(typeName(of: cause))"
        }
        return metadata
    }

    private static func typeName(of error: any Error) -> String {
        String(reflecting: type(of: error))
    }
}
