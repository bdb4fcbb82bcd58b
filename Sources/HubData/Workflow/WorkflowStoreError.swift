import Foundation

/// Why a workflow change was refused by the store (the server maps each to a problem response).
public enum WorkflowStoreError: Error, Equatable, Sendable {
    case notFound(String)
    /// `If-Match` named another version; the current one is given.
    case versionMismatch(current: Int)
    /// The same Idempotency-Key was used with a different request body.
    case idempotencyKeyReused
    case unknownAgencies([String])
    /// A share request that belongs to another agency.
    case notYourAgency
    case alreadyRequested([String])
}
