import Foundation
import HubData
import HubWorkflow

/// The response body for a referral just created: the document the store wrote (the `Referral`, encoded once
/// with sorted keys) merged, member by member in key order, with the few members a `ReferralView` adds (and the acknowledgement).
/// The result is byte for byte `HubJSONEncoder.encode` of that `ReferralView`, without encoding the referral twice.
enum ReferralCreatedBody {
    /// What a `ReferralView` shows beyond the referral's own fields.
    private struct Additions: Encodable {
        let acknowledgement: ReferralAcknowledgement
        let awaitingRatification: Bool
        let createdAt: Date
        let createdBy: String
        let decisions: [StoredDecision]
        let id: UUID
        let reference: String
        let status: ReferralStatus
        let version: Int
    }

    static func render(_ stored: StoredReferral, acknowledgement: ReferralAcknowledgement, document: String) throws -> Data {
        var view = ReferralView(stored)
        view.acknowledgement = acknowledgement
        // A stored referral with an incident, links or decisions is not new: encode it the ordinary way.
        guard view.incident == nil, view.maracOutcomes == nil, view.tracker == nil else { return try HubJSONEncoder.encode(view) }
        let additions = try HubJSONEncoder.encode(Additions(
            acknowledgement: acknowledgement, awaitingRatification: view.awaitingRatification, createdAt: view.createdAt, createdBy: view.createdBy,
            decisions: view.decisions, id: view.id, reference: view.reference, status: view.status, version: view.version))
        guard let merged = SortedJSONObject.merge(Array(document.utf8), Array(additions)) else { return try HubJSONEncoder.encode(view) }
        var bytes = merged
        HubJSONEncoder.lowercaseIdentifiers(&bytes)
        return Data(bytes)
    }
}
