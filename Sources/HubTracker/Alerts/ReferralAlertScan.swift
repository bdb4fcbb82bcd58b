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
        var alerts: [RaisedAlert] = []
        for referral in pending {
            let subjects = try await conditions.subjects(of: referral.id, on: connection).map(identity)
            for rule in rules {
                switch rule.condition {
                case .repeatReferral:
                    for match in try await conditions.repeatReferral(rule, referral: referral, on: connection) {
                        alerts.append(RaisedAlert(rule: rule, match: match, trigger: .referral, referralId: referral.id))
                    }
                case .referralSubjectOpenCase:
                    let roles = Set(rule.parameters.roles ?? [])
                    for subject in subjects where roles.contains(subject.role) {
                        for match in try await conditions.subjectOpenCases(rule, referral: referral, subject: subject, on: connection) {
                            alerts.append(RaisedAlert(rule: rule, match: match, trigger: .referral, referralId: referral.id))
                        }
                    }
                case .eventDuringOpenCase, .eventsInWindow, .addressEventsWithOpenCase:
                    continue
                }
            }
        }
        let raised = try await AlertStore(database: database).raise(alerts, at: now, on: connection)
        try await conditions.markEvaluated(pending.map(\.id), at: now, on: connection)
        return Result(referrals: pending.count, alerts: raised)
    }

    /// The subject folded as the tracker folds its records.
    func identity(_ subject: (position: Int, role: String, forename: String, surname: String, nhsNumber: String?, dateOfBirth: String?))
        -> ReferralSubjectIdentity
    {
        let name = names.cleanse(forename: subject.forename, surname: subject.surname)
        return ReferralSubjectIdentity(
            position: subject.position, role: subject.role, displayName: "\(subject.forename) \(subject.surname)",
            nhsNumber: subject.nhsNumber, dateOfBirth: subject.dateOfBirth.flatMap(CalendarDate.init), foldedForename: name.forename ?? "",
            foldedSurname: name.surname ?? "", canonicalForenames: name.canonicalForenames)
    }
}
