import Foundation
import Testing
@testable import HubWorkflow

private typealias F = DomainFixtures

@Suite("Agreed actions")
struct StrategyActionDomainTests {
    /// Due on Thursday 18 June 2025 (British Summer Time: London is UTC+1).
    func action() -> StrategyAction {
        StrategyAction(agreed: AgreedAction(ownerAgency: "piphire_police", description: "Joint visit", dueDate: CalendarDate("2025-06-18")!))
    }

    @Test("an agreed action starts open")
    func startsOpen() {
        #expect(action().state == .open)
        #expect(action().completion == nil)
    }

    @Test("overdue once the due day has passed in London, not in UTC")
    func overdueByTheLondonDay() {
        let action = action()
        #expect(!action.isOverdue(now: F.instant("2025-06-18T22:59:59Z")))  // 23:59:59 on the due day in London
        #expect(action.isOverdue(now: F.instant("2025-06-18T23:00:00Z")))   // midnight in London, still the 18th in UTC
        #expect(action.timeliness(now: F.instant("2025-06-17T12:00:00Z")) == .open)
        #expect(action.timeliness(now: F.instant("2025-06-19T12:00:00Z")) == .overdue)
        // In winter London is UTC: the day ends at midnight UTC.
        let winter = StrategyAction(agreed: AgreedAction(ownerAgency: "piphire_police", description: "Visit", dueDate: CalendarDate("2025-12-18")!))
        #expect(!winter.isOverdue(now: F.instant("2025-12-18T23:59:59Z")))
        #expect(winter.isOverdue(now: F.instant("2025-12-19T00:00:00Z")))
    }

    @Test("done with a note, on time by the end of the due day")
    func doneOnTime() throws {
        var action = action()
        try action.complete(note: "  Visited with the social worker.  ", at: F.instant("2025-06-18T22:30:00Z"))
        #expect(action.state == .done)
        #expect(action.completion?.note == "Visited with the social worker.")
        #expect(action.completion?.onTime == true)
        #expect(!action.isOverdue(now: F.instant("2025-07-01T12:00:00Z")))
        #expect(action.timeliness(now: F.instant("2025-07-01T12:00:00Z")) == .doneOnTime)
    }

    @Test("done after the due day is late")
    func doneLate() throws {
        var action = action()
        try action.complete(note: "Visited a day late.", at: F.instant("2025-06-18T23:30:00Z"))
        #expect(action.completion?.onTime == false)
        #expect(action.timeliness(now: F.instant("2025-06-20T12:00:00Z")) == .doneLate)
    }

    @Test("the note is required and bounded in code points")
    func noteRequired() {
        for note in ["", "   \n"] {
            var action = action()
            #expect(throws: ValidationFailure.self) { try action.complete(note: note, at: F.instant("2025-06-17T12:00:00Z")) }
            #expect(action.state == .open)
        }
        do {
            var action = action()
            try action.complete(note: "x", at: F.instant("2025-06-17T12:00:00Z"))
        } catch {
            Issue.record("a one-character note was refused: \(error)")
        }
        // "é" decomposed is one character but two code points: 1,001 of them are 2,002 code points.
        let decomposed = String(repeating: "e\u{301}", count: TextLimits.actionNote / 2 + 1)
        #expect(decomposed.count <= TextLimits.actionNote)
        var action = action()
        do {
            try action.complete(note: decomposed, at: F.instant("2025-06-17T12:00:00Z"))
            Issue.record("a note of \(TextLength.count(decomposed)) code points was accepted")
        } catch let failure as ValidationFailure {
            #expect(F.fields(failure.issues) == ["note"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("done is final: completing again is an invalid transition naming the state")
    func doneIsFinal() throws {
        var action = action()
        try action.complete(note: "Visited.", at: F.instant("2025-06-17T12:00:00Z"))
        #expect(throws: InvalidTransition(entity: "action", state: "done", action: "complete")) {
            try action.complete(note: "Again.", at: F.instant("2025-06-17T13:00:00Z"))
        }
        #expect(action.completion?.note == "Visited.")
        #expect(StrategyActionState.allCases.map { try? $0.applying(.complete) } == [.done, nil])
    }

    @Test("a partner acts on its own agency's actions; the MASH on every agency's")
    func access() {
        func identity(_ role: Role, _ agency: String) -> Identity {
            Identity(userId: UUID(), username: "u", displayName: "U", agencyId: UUID(), agencyCode: agency, role: role)
        }
        #expect(StrategyActionAccess.mayAct(identity(.partnerResponder, "piphire_police"), onActionOwnedBy: "piphire_police"))
        #expect(!StrategyActionAccess.mayAct(identity(.partnerResponder, "piphire_police"), onActionOwnedBy: "piphire_uhb"))
        #expect(StrategyActionAccess.mayAct(identity(.mashTriage, "pip_childrens"), onActionOwnedBy: "piphire_uhb"))
        #expect(StrategyActionAccess.listedAgency(of: identity(.partnerResponder, "piphire_police")) == "piphire_police")
        #expect(StrategyActionAccess.listedAgency(of: identity(.mashManager, "pip_childrens")) == nil)
        #expect(Permission.readActions.isGranted(to: .partnerResponder) && !Permission.readActions.isGranted(to: .boardViewer))
        #expect(!Permission.completeActions.isGranted(to: .admin))
    }
}
