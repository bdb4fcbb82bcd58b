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
            guard let terms = try? SubjectCandidates.criteria(for: subject).terms(limit: limit) else {
                panels.append(ReferralTrackerPanel(subject: position, candidates: [], weakerCandidates: 0))
                continue
            }
            let matched = SubjectCandidates.judged(try await store.search(terms), against: subject)
            let shown = matched.filter { $0.match.strength != .weak }
            let people = TrackerSearchResponse(hits: shown.map(\.hit)).persons
            panels.append(ReferralTrackerPanel(
                subject: position,
                candidates: zip(people, shown).map { person, candidate in
                    Candidate(personId: person.personId, score: person.score, strength: candidate.match.strength,
                              reasons: candidate.match.reasons.map { Reason(field: $0.field, agreement: $0.agreement) },
                              forename: person.forename, surname: person.surname, dateOfBirth: person.dateOfBirth, sources: person.sources)
                },
                weakerCandidates: matched.count - shown.count))
        }
        return panels
    }
}
