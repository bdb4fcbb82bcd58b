import Foundation
import HubData
import HubWorkflow
import Logging

/// A few months of fictional MASH work, made through the use cases on a clock set to each moment in turn:
/// referrals of every form, threshold decisions and ratifications, incidents rated red, amber and green, partners'
/// answers (most on time, some late), chasers, strategy discussions with outcomes and actions, closures; and, in
/// the last day, incidents whose clocks are fresh, near breach and breached, with requests waiting in every
/// partner's inbox. Deterministic for a given population and day.
struct DemoActivity {
    let stores: Stores
    let environment: AppEnvironment
    let population: DemoPopulation
    let logger: Logger

    /// The demo's own random numbers (SplitMix64), so that the same population gives the same story.
    struct Dice {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func chance(_ p: Double) -> Bool { unit() < p }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }

    struct Summary: Sendable {
        var referrals = 0
        var incidents = 0
        var answers = 0
        var discussions = 0
    }

    /// Makes about `referrals` referrals over the `days` before `now`.
    func run(referrals count: Int, days: Int, now: Date) async throws -> Summary {
        let clock = SettableClock(now.addingTimeInterval(-Double(days) * 86400))
        let scoped = AppEnvironment(database: environment.database, clock: clock, passwordHasher: environment.passwordHasher,
                                    signInPolicy: environment.signInPolicy, slaTargets: environment.slaTargets, layout: environment.layout,
                                    logger: environment.logger)
        let useCases = UseCases(environment: scoped, stores: stores)
        let staff = try await DemoStaff.load(stores.users)
        var dice = Dice(state: 0x4D41_5348 ^ UInt64(population.people.count))
        var summary = Summary()
        var casework = DemoCasework(useCases: useCases, staff: staff, clock: clock, now: now)
        // Received times spread over the period, more on weekdays, in the working day mostly.
        var times: [Date] = (0..<count).map { _ in
            let day = dice.int(0...(days - 1))
            let hour = dice.chance(0.85) ? dice.int(8...17) : dice.int(0...23)
            return Calendar.london.date(byAdding: .hour, value: hour, to: Calendar.london.startOfDay(for: now.addingTimeInterval(-Double(day) * 86400)))!
                .addingTimeInterval(Double(dice.int(0...59)) * 60)
        }.filter { $0 < now.addingTimeInterval(-6 * 3600) }.sorted()
        // The last day: incidents whose clocks are fresh, near breach and breached.
        times += [26.0, 6.5, 3.0, 2.2, 1.9, 0.5, 0.2].map { now.addingTimeInterval(-$0 * 3600) }
        for received in times {
            guard let referral = DemoReferrals.draft(population: population, received: received, dice: &dice) else { continue }
            clock.set(received.addingTimeInterval(Double(dice.int(5...40)) * 60))
            guard let stored = try await casework.receive(referral) else { continue }
            summary.referrals += 1
            let outcome = try await casework.work(stored, received: received, dice: &dice)
            summary.incidents += outcome.incident ? 1 : 0
            summary.answers += outcome.answers
            summary.discussions += outcome.discussions
        }
        clock.set(now)
        let fedBack = try await Self.feedBack(useCases: useCases, staff: staff, now: now, dice: &dice)
        let swept = try await SLASweep(database: stores.database).run(now: now)
        let feedbackSwept = try await FeedbackSweep(database: stores.database).run(now: now)
        logger.info("loaded the demo's casework", metadata: [
            "referrals": "\(summary.referrals)", "incidents": "\(summary.incidents)", "answers": "\(summary.answers)",
            "discussions": "\(summary.discussions)", "warnings": "\(swept.warnings)", "breaches": "\(swept.breaches)",
            "fed back": "\(fedBack)", "feedback warnings": "\(feedbackSwept.warnings)", "feedback breaches": "\(feedbackSwept.breaches)",
        ])
        return summary
    }

    /// Feedback to the referrers still waiting (issue #20), recorded now as given some hours after each decision: most
    /// within the working day, some late, a few not yet (so the board's figure and the chaser have something to show).
    static func feedBack(useCases: UseCases, staff: DemoStaff, now: Date, dice: inout Dice) async throws -> Int {
        let waiting = try await useCases.stores.database.query(
            """
            SELECT c.referral_id, c.decided_at,
                   (SELECT d.kind FROM threshold_decisions d WHERE d.referral_id = c.referral_id ORDER BY d.decided_at, d.id LIMIT 1)
            FROM referral_feedback_clocks c WHERE c.outcome IS NULL ORDER BY c.decided_at, c.referral_id
            """
        ).map { try $0.decode((UUID, Date, String).self) }
        var recorded = 0
        for (referralId, decidedAt, kind) in waiting where dice.chance(0.9) {
            let summary = ThresholdDecisionKind(rawValue: kind).map(FeedbackSummary.init(decision:)) ?? .noFurtherAction
            let given = decidedAt.addingTimeInterval(Double(dice.chance(0.8) ? dice.int(1...20) : dice.int(30...90)) * 3600)
            guard given < now.addingTimeInterval(-60) else { continue }
            let channel = dice.pick([FeedbackChannel.phone, .phone, .email, .secureEmail, .letter])
            _ = try await useCases.recordFeedback(
                ReferrerFeedback(channel: channel, givenAt: given, summary: summary), referralId: referralId, by: staff.triage)
            recorded += 1
        }
        return recorded
    }
}

/// The demo users who do the casework.
struct DemoStaff: Sendable {
    let byAgency: [String: Caller]
    let triage: Caller
    let manager: Caller

    static func load(_ users: UserStore) async throws -> DemoStaff {
        func caller(_ username: String) async throws -> Caller? {
            try await users.signInCandidate(username: username).map { Caller(identity: $0.identity, requestId: nil) }
        }
        guard let triage = try await caller("triage"), let manager = try await caller("manager") else {
            throw DemoSeedError("the demo users triage and manager are missing")
        }
        var byAgency: [String: Caller] = [:]
        for username in ["police", "health", "education"] {
            if let found = try await caller(username), let agency = found.identity?.agencyCode { byAgency[agency] = found }
        }
        return DemoStaff(byAgency: byAgency, triage: triage, manager: manager)
    }
}

struct DemoSeedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
