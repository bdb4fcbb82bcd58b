import Foundation
import HubData
import HubTracker
import HubWorkflow

/// The tracker's candidate persons for each subject of a referral, best first, as the API shows them on the
/// referral: only candidates whose match is strong or possible (``PanelMatch``) with their personal details and the
/// reasons field by field; weaker ones are counted, never shown.
public struct ReferralTrackerPanel: Codable, Sendable {
    struct Candidate: Codable, Sendable {
        let personId: Int64
        let score: Double
        let strength: PanelMatch.Strength
        let reasons: [Reason]
        let forename: String?
        let surname: String?
        let dateOfBirth: String?
        let sources: [String]
    }

    struct Reason: Codable, Sendable {
        let field: PanelMatch.Field
        let agreement: PanelMatch.Agreement
    }

    /// The subject's position in the referral's `subjects`.
    let subject: Int
    let candidates: [Candidate]
    /// Candidates found but too weak to be this person (not shown).
    let weakerCandidates: Int

    /// Searches the tracker by each subject's name, date of birth, postcode and NHS number.
    static func lookUp(_ subjects: [ReferralSubject], store: TrackerSearchStore, limit: Int = 5) async throws -> [ReferralTrackerPanel] {
        var panels: [ReferralTrackerPanel] = []
        for (position, subject) in subjects.enumerated() {
            let criteria = TrackerSearchCriteria(
                forename: subject.forename, surname: subject.surname, dateOfBirth: subject.dateOfBirth?.description,
                postcode: subject.postcode?.normalised, nhsNumber: subject.nhsNumber?.digits)
            guard let terms = try? criteria.terms(limit: limit) else {
                panels.append(ReferralTrackerPanel(subject: position, candidates: [], weakerCandidates: 0))
                continue
            }
            let hits = try await store.search(terms)
            let matched = hits.map { hit -> (TrackerSearchHit, PanelMatch) in
                (hit, hit.records.map { PanelMatch.compare(subject, with: $0) }.max { $0.strength < $1.strength }!)
            }
            let shown = matched.filter { $0.1.strength != .weak }
            let people = TrackerSearchResponse(hits: shown.map(\.0)).persons
            panels.append(ReferralTrackerPanel(
                subject: position,
                candidates: zip(people, shown).map { person, match in
                    Candidate(personId: person.personId, score: person.score, strength: match.1.strength,
                              reasons: match.1.reasons.map { Reason(field: $0.field, agreement: $0.agreement) },
                              forename: person.forename, surname: person.surname, dateOfBirth: person.dateOfBirth, sources: person.sources)
                },
                weakerCandidates: matched.count - shown.count))
        }
        return panels
    }
}
