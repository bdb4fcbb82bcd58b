import Foundation
import HubData
import HubTracker
import HubWorkflow

/// The tracker's candidate persons for each subject of a referral, best first, shown on the referral.
public struct ReferralTrackerPanel: Codable, Sendable {
    struct Candidate: Codable, Sendable {
        let personId: Int64
        let score: Double
        let forename: String?
        let surname: String?
        let dateOfBirth: String?
        let sources: [String]
    }

    /// The subject's position in the referral's `subjects`.
    let subject: Int
    let candidates: [Candidate]

    /// Searches the tracker by each subject's name, date of birth, postcode and NHS number.
    static func lookUp(_ subjects: [ReferralSubject], store: TrackerSearchStore, limit: Int = 5) async throws -> [ReferralTrackerPanel] {
        var panels: [ReferralTrackerPanel] = []
        for (position, subject) in subjects.enumerated() {
            let criteria = TrackerSearchCriteria(
                forename: subject.forename, surname: subject.surname, dateOfBirth: subject.dateOfBirth?.description,
                postcode: subject.postcode?.normalised, nhsNumber: subject.nhsNumber?.digits)
            guard let terms = try? criteria.terms(limit: limit) else {
                panels.append(ReferralTrackerPanel(subject: position, candidates: []))
                continue
            }
            let hits = try await store.search(terms)
            panels.append(ReferralTrackerPanel(subject: position, candidates: TrackerSearchResponse(hits: hits).persons.map {
                Candidate(personId: $0.personId, score: $0.score, forename: $0.forename, surname: $0.surname,
                          dateOfBirth: $0.dateOfBirth, sources: $0.sources)
            }))
        }
        return panels
    }
}
