import Foundation
import HubData
import HubWorkflow

/// A MASH user lists referrals, newest first, a page at a time (audited with the count shown).
public struct ListReferrals: UseCase {
    public static let access = AccessRule.permission(.readReferrals)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(_ filter: ReferralFilter, by caller: Caller) async throws -> [ReferralSummary] {
        try authorize(caller)
        let items = try await stores.referrals.list(filter)
        try await recorder.record(caller, action: "referral.list", objectType: "referral", objectId: nil, detail: ["count": "\(items.count)"])
        return items
    }
}
