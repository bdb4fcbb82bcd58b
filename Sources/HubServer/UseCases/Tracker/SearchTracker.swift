import Foundation
import HubData
import HubTracker
import HubWorkflow

/// A MASH user searches the tracker by name, partial date of birth, address or postcode, reference id or NHS
/// number, saying why. The search and its audit event (the criteria used, not their values, and the persons
/// shown) commit together.
public struct SearchTracker: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(
        _ criteria: TrackerSearchCriteria, purpose: String?, limit: Int?, by caller: Caller
    ) async throws -> [TrackerSearchHit] {
        try authorize(caller)
        guard let purpose = purpose?.trimmingCharacters(in: .whitespacesAndNewlines), !purpose.isEmpty else {
            throw ValidationFailure(field: "purpose", message: "is required: say why you are searching")
        }
        let limit = limit ?? 20
        guard (1...100).contains(limit) else { throw ValidationFailure(field: "limit", message: "must be 1–100") }
        let terms: TrackerSearchTerms
        do { terms = try criteria.terms(limit: limit) } catch let invalid as TrackerSearchCriteria.Invalid {
            throw ValidationFailure(field: invalid.field, message: invalid.message)
        }
        let names = criteria.namesInUse
        return try await stores.database.transaction { connection in
            let hits = try await stores.trackerSearch.search(terms, on: connection)
            try await recorder.record(
                caller, action: "tracker.search", objectType: "person", objectId: nil, purpose: TextLength.prefix(purpose, TextLimits.purpose),
                detail: ["criteria": names.joined(separator: ","), "persons": String(hits.count),
                         "person_ids": hits.map { String($0.personId) }.joined(separator: ",")],
                on: connection)
            return hits
        }
    }
}
