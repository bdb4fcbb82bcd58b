import HubData
import PostgresNIO

/// What PostgreSQL said when it refused a statement: its SQLSTATE and message (nil, nil when it ran).
struct SQLRefusal: Equatable, CustomStringConvertible {
    let state: String?
    let message: String?

    static let ran = SQLRefusal(state: nil, message: nil)

    /// `42501` insufficient_privilege, with PostgreSQL's message.
    static func insufficientPrivilege(_ message: String) -> SQLRefusal { SQLRefusal(state: "42501", message: message) }

    var description: String { state.map { "\($0) \(message ?? "")" } ?? "ran" }

    static func of(_ sql: String, on connection: PostgresConnection, logger: Logger) async -> SQLRefusal {
        do {
            // Rows are read to the end: an error raised while the statement runs arrives with them.
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
            return .ran
        } catch let error as PSQLError {
            return SQLRefusal(state: error.serverInfo?[.sqlState], message: error.serverInfo?[.message])
        } catch {
            return SQLRefusal(state: "not a PostgreSQL error", message: "\(error)")
        }
    }

    static func of(_ sql: String, on database: Database) async -> SQLRefusal {
        do {
            _ = try await database.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger).collect()
            }
            return .ran
        } catch let error as PSQLError {
            return SQLRefusal(state: error.serverInfo?[.sqlState], message: error.serverInfo?[.message])
        } catch {
            return SQLRefusal(state: "not a PostgreSQL error", message: "\(error)")
        }
    }
}
