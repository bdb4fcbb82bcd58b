import Foundation
import HubData
import HubWorkflow

/// An administrator reads which calendar policy each SLA clock counts under, and the policies on offer.
public struct ReadSLAPolicies: UseCase {
    public static let access = AccessRule.permission(.manageSLAPolicies)

    let stores: Stores

    /// The stored choice and the identifiers of every policy it may name.
    public func callAsFunction(by caller: Caller) async throws -> SLAPolicySettings {
        try authorize(caller)
        let stored = try await stores.database.withConnection { try await stores.slaPolicies.current(on: $0) }
        return SLAPolicySettings(stored: stored, available: stores.slaPolicies.catalog.identifiers)
    }
}
