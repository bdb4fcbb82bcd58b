@testable import HubData
import Testing

/// The circuit's states, on instants the test chooses (no waiting).
@Suite("Database circuit breaker")
struct DatabaseCircuitTests {
    let limits: DatabaseLimits = {
        var limits = DatabaseLimits()
        limits.failuresToOpen = 3
        limits.openInterval = .seconds(2)
        limits.leaseTimeout = .seconds(3)
        limits.retryAfterSeconds = 5
        return limits
    }()
    let start = ContinuousClock.now

    @Test func opensAfterThreeFailuresInARowAndRefusesAtOnce() throws {
        let circuit = DatabaseCircuit(limits: limits)
        circuit.recordFailure(at: start)
        circuit.recordFailure(at: start)
        #expect(circuit.current == .closed(failures: 2))
        try circuit.admit(at: start)
        circuit.recordFailure(at: start)
        #expect(circuit.current == .open(until: start + .seconds(2)))
        #expect(circuit.isOpen(at: start + .seconds(1)))
        #expect(throws: DatabaseUnavailable(.circuitOpen, retryAfterSeconds: 5)) { try circuit.admit(at: start + .seconds(1)) }
    }

    @Test func aSuccessBetweenFailuresStartsTheCountAgain() {
        let circuit = DatabaseCircuit(limits: limits)
        circuit.recordFailure(at: start)
        circuit.recordFailure(at: start)
        circuit.recordSuccess()
        circuit.recordFailure(at: start)
        #expect(circuit.current == .closed(failures: 1))
    }

    @Test func halfOpensForOneProbeThatClosesItOnSuccess() throws {
        let circuit = DatabaseCircuit(limits: limits)
        for _ in 0..<3 { circuit.recordFailure(at: start) }
        let later = start + .seconds(2)
        try circuit.admit(at: later)  // the probe
        #expect(circuit.current == .halfOpen(probeSince: later))
        #expect(throws: DatabaseUnavailable.self) { try circuit.admit(at: later + .milliseconds(10)) }  // others wait for it
        circuit.recordSuccess()
        #expect(circuit.current == .closed(failures: 0))
        #expect(!circuit.isOpen(at: later))
        try circuit.admit(at: later)
    }

    @Test func aFailedProbeOpensItAgainForAnotherInterval() throws {
        let circuit = DatabaseCircuit(limits: limits)
        for _ in 0..<3 { circuit.recordFailure(at: start) }
        try circuit.admit(at: start + .seconds(3))
        circuit.recordFailure(at: start + .seconds(4))
        #expect(circuit.current == .open(until: start + .seconds(6)))
    }

    @Test func aProbeThatNeverEndsIsReplacedAfterTheLeaseTimeoutAndASecond() throws {
        let circuit = DatabaseCircuit(limits: limits)
        for _ in 0..<3 { circuit.recordFailure(at: start) }
        try circuit.admit(at: start + .seconds(2))
        #expect(throws: DatabaseUnavailable.self) { try circuit.admit(at: start + .seconds(5)) }
        try circuit.admit(at: start + .seconds(6) + .milliseconds(1))
        #expect(circuit.current == .halfOpen(probeSince: start + .seconds(6) + .milliseconds(1)))
    }
}
