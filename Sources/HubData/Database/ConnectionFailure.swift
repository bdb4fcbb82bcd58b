import PostgresNIO

/// Tells a failure to reach PostgreSQL (the connection refused, broken or timed out; the server shutting down,
/// starting up or full) from an ordinary SQL error, which keeps its own meaning (a unique violation is still a
/// conflict).
enum ConnectionFailure {
    /// SQLSTATEs that say the server cannot serve now: class 08 (connection exception), admin and crash shutdown,
    /// "cannot connect now" (starting up, in recovery) and too many connections.
    static let unavailableStates: Set<String> = ["57P01", "57P02", "57P03", "53300"]

    /// The failure as ``DatabaseUnavailable``, or nil for an ordinary error.
    static func unavailable(_ error: any Error, retryAfterSeconds: Int) -> DatabaseUnavailable? {
        switch error {
        case let error as DatabaseUnavailable:
            return error
        case let error as PostgresTransactionError:
            let underlying = error.underlying
            return underlying is PostgresTransactionError ? nil : unavailable(underlying, retryAfterSeconds: retryAfterSeconds)
        case let error as PSQLError:
            switch error.code {
            case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
                return DatabaseUnavailable(.connectionLost, cause: LoggedError(error).description, retryAfterSeconds: retryAfterSeconds)
            case .server:
                guard let state = error.serverInfo?[.sqlState], state.hasPrefix("08") || unavailableStates.contains(state) else {
                    return nil
                }
                return DatabaseUnavailable(.serverUnavailable, cause: LoggedError(error).description, retryAfterSeconds: retryAfterSeconds)
            default:
                return nil
            }
        default:
            return nil
        }
    }
}
