import Foundation
import Testing
@testable import HubWorkflow

@Suite("SLA clock storage")
struct SLAClockRecordTests {
    private let hour = SLAFixtures.hour
    private func at(_ text: String) -> Date { SLAFixtures.instant(text) }

    private func sampleClock() throws -> SLAClock {
        let policies = SLAPolicySet(green: .hours(72, policy: .workingHours))
        var clock = policies.startClock(for: .green, at: at("2026-01-16T15:00:00Z"))
        try clock.pause(at: at("2026-01-16T16:00:00Z"))
        try clock.resume(at: at("2026-01-19T09:00:00Z"))
        try clock.retarget(to: policies.amber, at: at("2026-01-19T10:00:00Z"))
        return clock
    }

    @Test("a clock survives its record, through JSON, with the same answers")
    func roundTrip() throws {
        let clock = try sampleClock()
        let record = clock.record
        #expect(record.policyIdentifier == "continuous")
        #expect(record.runningPeriods.map(\.policyIdentifier) == ["working-hours", "working-hours", "continuous"])
        #expect(record.targetSeconds == 24 * hour)

        let decoded = try JSONDecoder().decode(SLAClockRecord.self, from: JSONEncoder().encode(record))
        let restored = try SLAClock(record: decoded, catalog: .standard())
        #expect(restored == clock)
        // 1 h Friday, 1 h Monday morning, then 22 continuous hours.
        #expect(restored.dueDate == at("2026-01-20T08:00:00Z"))
    }

    @Test("a stored clock with an unknown policy or broken periods is refused")
    func invalidRecords() throws {
        let record = try sampleClock().record
        var unknown = record
        unknown.runningPeriods[0].policyIdentifier = "weekends"
        #expect(throws: SLAClockError.unknownPolicy("weekends")) {
            try SLAClock(record: unknown, catalog: .standard())
        }
        var openInMiddle = record
        openInMiddle.runningPeriods[0].end = nil
        #expect(throws: SLAClockError.self) { try SLAClock(record: openInMiddle, catalog: .standard()) }
        var stoppedButOpen = record
        stoppedButOpen.stoppedAt = at("2026-01-19T11:00:00Z")
        #expect(throws: SLAClockError.self) { try SLAClock(record: stoppedButOpen, catalog: .standard()) }
        var noPeriods = record
        noPeriods.runningPeriods = []
        #expect(throws: SLAClockError.self) { try SLAClock(record: noPeriods, catalog: .standard()) }
    }
}
