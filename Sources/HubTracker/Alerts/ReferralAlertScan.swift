import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// Runs the referral rules over referrals that have not been through them yet, a batch per transaction. A
/// background worker calls it every few seconds, so creating a referral stays fast; any number of processes
/// may run it at once (claimed rows are locked and skipped by the others).
public struct ReferralAlertScan: Sendable {
    let database: Database
    let names: PersonNameCleanser

    public init(database: Database, names: PersonNameCleanser = PersonNameCleanser()) {
        self.database = database
        self.names = names
    }

    public struct Result: Sendable, Hashable {
        public var referrals = 0
        public var alerts = 0

        public init(referrals: Int = 0, alerts: Int = 0) {
            self.referrals = referrals
            self.alerts = alerts
        }
    }

    /// Evaluates up to `batch` waiting referrals per transaction until none wait.
    @discardableResult
    public func run(now: Date, batch: Int = 50) async throws -> Result {
        var total = Result()
        while true {
            let result = try await database.transaction { connection in
                try await evaluateBatch(limit: batch, now: now, on: connection)
            }
            total.referrals += result.referrals
            total.alerts += result.alerts
            if result.referrals < batch { return total }
        }
    }

    func evaluateBatch(limit: Int, now: Date, on connection: PostgresConnection) async throws -> Result {
        let conditions = ReferralAlertConditions(database: database)
        let pending = try await conditions.claimPending(limit: limit, on: connection)
        guard !pending.isEmpty else { return Result() }
        let rules = try await AlertRuleStore(database: database).runnable(.referral, on: connection)
        // Each rule's condition is one query for the whole batch; the alerts are then put in the order of the
        // referrals, their rules and their subjects.
        let written = try await conditions.subjects(of: pending.map(\.id), on: connection)
        let subjects = pending.map { referral in (written[referral.id] ?? []).map(identity) }
        var matches: [[[AlertMatch]]] = Array(repeating: Array(repeating: [], count: rules.count), count: pending.count)
        for (ruleIndex, rule) in rules.enumerated() {
            switch rule.condition {
            case .repeatReferral:
                let found = try await conditions.repeatReferrals(rule, referrals: pending, on: connection)
                for (index, referral) in pending.enumerated() { matches[index][ruleIndex] = found[referral.id] ?? [] }
            case .referralSubjectOpenCase:
                let roles = Set(rule.parameters.roles ?? [])
                var asked: [(referral: PendingReferral, subject: ReferralSubjectIdentity)] = []
                var askedFor: [Int] = []  // the pending referral of each asked subject
                for (index, referral) in pending.enumerated() {
                    for subject in subjects[index] where roles.contains(subject.role) {
                        asked.append((referral, subject))
                        askedFor.append(index)
                    }
                }
                let found = try await conditions.subjectOpenCases(rule, subjects: asked, on: connection)
                for (key, index) in askedFor.enumerated() { matches[index][ruleIndex] += found[key] ?? [] }
            case .eventDuringOpenCase, .eventsInWindow, .addressEventsWithOpenCase:
                continue
            }
        }
        // A key found twice in the batch (a person's repeat referrals in one window bucket) is raised by the
        // first referral that found it; the store would refuse the others anyway.
        var alerts: [RaisedAlert] = []
        var keys: Set<String> = []
        for (index, referral) in pending.enumerated() {
            for (ruleIndex, rule) in rules.enumerated() {
                for match in matches[index][ruleIndex] {
                    let alert = RaisedAlert(rule: rule, match: match, trigger: .referral, referralId: referral.id)
                    if keys.insert(alert.dedupeKey).inserted { alerts.append(alert) }
                }
            }
        }
        let raised = try await AlertStore(database: database).raise(alerts, at: now, on: connection)
        try await conditions.markEvaluated(pending.map(\.id), at: now, on: connection)
        return Result(referrals: pending.count, alerts: raised)
    }

    /// The subject folded as the tracker folds its records.
    func identity(_ subject: ReferralAlertConditions.WrittenSubject) -> ReferralSubjectIdentity {
        let name = names.cleanse(forename: subject.forename, surname: subject.surname)
        return ReferralSubjectIdentity(
            position: subject.position, role: subject.role, displayName: "\(subject.forename) \(subject.surname)",
            nhsNumber: subject.nhsNumber, dateOfBirth: subject.dateOfBirth.flatMap(CalendarDate.init), foldedForename: name.forename ?? "",
            foldedSurname: name.surname ?? "", canonicalForenames: name.canonicalForenames)
    }
}
