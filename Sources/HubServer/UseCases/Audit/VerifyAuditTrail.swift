import Foundation
import HubData
import HubWorkflow

/// Checks the audit hash chain (sealing what is pending first), records the result and audits the check; the
/// latest result is what the administration screen shows.
public struct VerifyAuditTrail: UseCase {
    public static let access = AccessRule.permission(.readAudit)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(by caller: Caller) async throws -> AuditVerifier.Report {
        let actor = try authorize(caller)
        return try await verify(caller: caller, who: actor.username)
    }

    /// For the operator at the command line (`hub audit verify`).
    public func asOperator(source: String) async throws -> AuditVerifier.Report {
        try await verify(caller: Caller(identity: nil, requestId: nil), who: source)
    }

    /// The latest verification, if any.
    public func latest(by caller: Caller) async throws -> AuditVerificationStore.Verification? {
        try authorize(caller)
        return try await stores.auditVerifications.latest()
    }

    private func verify(caller: Caller, who: String) async throws -> AuditVerifier.Report {
        try await AuditSealer(database: stores.database).sealAll()
        let report = try await AuditVerifier(database: stores.database).verify()
        try await stores.auditVerifications.record(report, by: who, at: clock.now())
        try await recorder.record(caller, action: "audit.verify", objectType: "audit_event", objectId: nil,
                                  detail: ["checked": String(report.checked), "intact": String(report.intact)])
        return report
    }
}
