import Foundation
import HubData
import HubTracker
import HubWorkflow

/// The tracker panel of a referral: for each subject, who the tracker holds that matches (with the match strength
/// and its reasons field by field), the agencies involved in the last 12 months with their lead professionals,
/// the household at the same address, activity over time and priority alerts. A purpose is required and the read
/// is audited with the persons shown; a candidate too weak to be the same person is counted, never shown.
public struct ReadTrackerPanel: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores
    let window: TrackerWindow
    let recorder: AuditRecorder
    let clock: any WallClock

    /// At most this many candidates a subject, and this many shown with their activity.
    static let searchLimit = 5
    static let shownLimit = 2

    public struct Candidate: Sendable {
        public let personId: Int64
        public let match: PanelMatch
        /// The record that matched best, as its source holds it.
        public let record: TrackerRecordSummary
        public let person: TrackerPersonView?
        /// Others known at the same address (UPRN).
        public let household: [TrackerHouseholdMember]
        public let alerts: [StoredAlert]
    }

    public struct SubjectPanel: Sendable {
        public let position: Int
        public let subject: ReferralSubject
        public let candidates: [Candidate]
        /// Candidates strong enough to show beyond those shown (the tracker search lists them all).
        public let moreCandidates: Int
        /// Candidates found but too weak to show.
        public let weakerCandidates: Int
    }

    public struct Panel: Sendable {
        public let subjects: [SubjectPanel]
        /// The agency behind each partner feed, by source system.
        public let sourceAgencies: [String: String]
    }

    public func callAsFunction(_ referralId: UUID, purpose: String, by caller: Caller) async throws -> Panel {
        let actor = try authorize(caller)
        guard let stored = try await stores.referrals.find(id: referralId) else { throw UseCaseError.notFound("The referral") }
        let since = window.start
        let alertsSince = clock.now().addingTimeInterval(-365 * 86400)
        var panels: [SubjectPanel] = []
        var households: [Int64: TrackerAddressView] = [:]
        for (position, subject) in stored.referral.subjects.enumerated() {
            var found: [TrackerSearchHit] = []
            if let terms = try? SubjectCandidates.criteria(for: subject).terms(limit: Self.searchLimit) {
                found = try await stores.trackerSearch.search(terms)
            }
            let matched = SubjectCandidates.judged(found, against: subject)
            let strong = matched.filter { $0.match.strength != .weak }.sorted { $0.match.strength > $1.match.strength }
            var candidates: [Candidate] = []
            for (hit, record, match) in strong.prefix(Self.shownLimit).map({ ($0.hit, $0.record, $0.match) }) {
                let person = try await stores.trackerPersons.person(hit.personId, since: since)
                var household: [TrackerHouseholdMember] = []
                if let uprn = record.uprn {
                    if households[uprn] == nil { households[uprn] = try await stores.trackerPersons.address(uprn: uprn, since: since) }
                    household = households[uprn]?.members.filter { $0.personId != hit.personId } ?? []
                }
                let alerts = try await stores.alerts.alerts(aboutPersons: [hit.personId], agency: actor.agencyCode, user: actor.userId,
                                                            since: alertsSince, limit: 5)
                candidates.append(Candidate(personId: hit.personId, match: match, record: record, person: person, household: household,
                                            alerts: alerts))
            }
            panels.append(SubjectPanel(position: position, subject: subject, candidates: candidates,
                                       moreCandidates: strong.count - candidates.count, weakerCandidates: matched.count - strong.count))
        }
        let shown = panels.flatMap { $0.candidates.map { String($0.personId) } }
        try await recorder.record(
            caller, action: "tracker.panel.read", objectType: "referral", objectId: referralId.lowercased, purpose: purpose,
            detail: ["persons": String(shown.count), "person_ids": shown.joined(separator: ",")])
        return Panel(subjects: panels, sourceAgencies: try await stores.feedSources.agencyNames())
    }
}
