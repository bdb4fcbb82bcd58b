import Foundation
import HubData
import HubWorkflow

/// The people or addresses behind a band of the interaction-bands report: personal data, so MASH roles only,
/// with a purpose, audited.
public struct ListHighFrequency: UseCase {
    public static let access = AccessRule.permission(.readPersonalReports)

    let stores: Stores
    let recorder: AuditRecorder

    public enum Unit: String, Sendable {
        case person, address
    }

    public enum Listed: Sendable {
        case persons([HighFrequencyStore.Person])
        case addresses([HighFrequencyStore.Address])

        var count: Int {
            switch self {
            case .persons(let items): return items.count
            case .addresses(let items): return items.count
            }
        }
    }

    public func callAsFunction(
        _ unit: Unit, band: (name: String, range: ClosedRange<Int>), period: ReportParameters, limit: Int, purpose: String,
        by caller: Caller
    ) async throws -> Listed {
        try authorize(caller)
        let listed: Listed
        switch unit {
        case .person:
            listed = .persons(try await stores.highFrequency.persons(from: period.from, to: period.to, band: band.range, limit: limit))
        case .address:
            listed = .addresses(try await stores.highFrequency.addresses(from: period.from, to: period.to, band: band.range, limit: limit))
        }
        try await recorder.record(caller, action: "tracker.high_frequency.read", objectType: unit.rawValue, objectId: nil, purpose: purpose,
                                  detail: ["band": band.name, "count": String(listed.count)])
        return listed
    }
}
