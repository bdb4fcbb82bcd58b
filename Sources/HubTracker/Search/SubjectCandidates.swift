import Foundation
import HubData
import HubWorkflow

/// How a referral's subject is looked for in the tracker, and how each person found is judged against it: the one
/// home of the tracker panel's matching, which the referral's API view and the panel's screen both use.
public enum SubjectCandidates {
    /// The search for a subject: by name, date of birth, postcode and NHS number, as the referral gives them.
    public static func criteria(for subject: ReferralSubject) -> TrackerSearchCriteria {
        TrackerSearchCriteria(
            forename: subject.forename, surname: subject.surname, dateOfBirth: subject.dateOfBirth?.description,
            postcode: subject.postcode?.normalised, nhsNumber: subject.nhsNumber?.digits)
    }

    /// A person found, with the record of theirs that best matches the subject and how well (``PanelMatch``).
    public struct Candidate: Sendable {
        public let hit: TrackerSearchHit
        public let record: TrackerRecordSummary
        public let match: PanelMatch
    }

    /// Each hit, in the search's order, with its record that best matches `subject` (a hit without records, which
    /// the search never returns, is passed over).
    public static func judged(_ hits: [TrackerSearchHit], against subject: ReferralSubject) -> [Candidate] {
        hits.compactMap { hit in
            hit.records.map { ($0, PanelMatch.compare(subject, with: $0)) }.max { $0.1.strength < $1.1.strength }
                .map { Candidate(hit: hit, record: $0.0, match: $0.1) }
        }
    }
}
