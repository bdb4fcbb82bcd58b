import Foundation
import HubWorkflow

/// The partnership's choice of calendar policy for each SLA clock as stored (`sla_policies`), with its version
/// (the API's ETag) and when it last changed (nil for the default the migration wrote).
public struct StoredSLAPolicies: Sendable, Hashable {
    public let policies: SLAClockPolicies
    public let version: Int
    public let changedAt: Date?

    public init(policies: SLAClockPolicies, version: Int, changedAt: Date?) {
        self.policies = policies
        self.version = version
        self.changedAt = changedAt
    }
}
