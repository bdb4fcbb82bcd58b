import Foundation
import HubData
import HubWorkflow

/// The partnership changes which calendar policy each SLA clock counts under: an administrator through the API, or
/// the operator's `HUB_SLA_POLICIES` file when `hub serve` starts. Every clock must name a policy the catalog offers
/// (a ``ValidationFailure`` names each field that does not). A change is audited with the choice before and after;
/// asking for the choice already stored changes and records nothing. Clocks already running keep their policy until
/// they are retargeted (re-rating); new clocks start under the new choice.
public struct ChangeSLAPolicies: UseCase {
    public static let access = AccessRule.permission(.manageSLAPolicies)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    /// An administrator's change to the stored choice at `expectedVersion` (`If-Match`; stale → ``UseCaseError/staleVersion(current:)``).
    public func callAsFunction(_ choice: SLAClockPolicyChoice, expectedVersion: Int, by caller: Caller) async throws -> SLAPolicySettings {
        try authorize(caller)
        let stored = try await change(to: choice, expectedVersion: expectedVersion, caller: caller, detail: ["source": "api"])
        return SLAPolicySettings(stored: stored, available: stores.slaPolicies.catalog.identifiers)
    }

    /// The choice in the operator's file (`HUB_SLA_POLICIES`, named by `file`), applied when `hub serve` starts,
    /// whatever the stored version: the file is the operator's configuration.
    @discardableResult
    public func applyConfigured(_ choice: SLAClockPolicyChoice, file: String) async throws -> StoredSLAPolicies {
        try await change(to: choice, expectedVersion: nil, caller: Caller(identity: nil, requestId: nil),
                         detail: ["source": "HUB_SLA_POLICIES", "file": file])
    }

    private func change(
        to choice: SLAClockPolicyChoice, expectedVersion: Int?, caller: Caller, detail: [String: String]
    ) async throws -> StoredSLAPolicies {
        let policies = try choice.resolved(in: stores.slaPolicies.catalog)
        return try await stores.database.transaction { connection in
            let current = try await stores.slaPolicies.lockForChange(on: connection)
            if let expectedVersion, current.version != expectedVersion {
                throw UseCaseError.staleVersion(current: current.version)
            }
            let before = current.policies.choice
            guard before != choice else { return current }
            let stored = try await stores.slaPolicies.replace(with: policies, at: clock.now(), on: connection)
            try await recorder.record(
                caller, action: "sla_policies.change", objectType: "sla_policies", objectId: "current",
                detail: detail.merging(["before": before.summary, "after": choice.summary, "version": String(stored.version)]) { $1 },
                on: connection)
            return stored
        }
    }
}
