import Foundation
@testable import HubServer
import Mustache
import Testing

/// The screen values that name their fields to the templates directly (`MustacheParent`, for speed) name every field,
/// with the value reflection would give; and messages are formatted in one pass.
@Suite("Screens: template values")
struct TemplateValueTests {
    /// Every stored field of `value`, as reflection shows it, is what `child(named:)` gives; a name it lacks gives nil.
    func expectNamesEveryField<Value: MustacheParent>(_ value: Value) {
        func described(_ any: Any?) -> String {
            guard let any else { return "nil" }
            let mirror = Mirror(reflecting: any)
            guard mirror.displayStyle == .optional else { return String(describing: any) }
            return described(mirror.children.first?.value)
        }
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            #expect(described(value.child(named: label)) == described(child.value), "\(Value.self).\(label)")
        }
        #expect(value.child(named: "noSuchField") == nil)
    }

    @Test func boardInboxAndCountdownValuesNameEveryField() {
        let countdown = ScreenTime.Countdown(text: "2 h left", overdue: false, dueSoon: true, dueISO: "2026-12-07T10:00:00.000Z")
        let clock = IncidentBoardView.Clock(label: "Police", status: "Waiting", countdown: countdown)
        expectNamesEveryField(countdown)
        expectNamesEveryField(clock)
        expectNamesEveryField(IncidentBoardView.Clock(label: "Health", status: "Answered", countdown: nil))
        expectNamesEveryField(IncidentBoardView.Row(
            href: "/incidents/1", reference: "INC-1", referralReference: "R-1", form: "C1", rag: "Red", ragKind: "red", state: "Sharing",
            breached: true, clocks: [clock], opened: "7 December 2026, 09:00"))
        expectNamesEveryField(IncidentBoardView.Stat(label: "Open", count: 3))
        expectNamesEveryField(InboxView.Row(href: "/inbox/1", reference: "INC-1", rag: "Red", ragKind: "red", people: "A B (child)",
                                            countdown: countdown, status: "Waiting"))
        expectNamesEveryField(InboxView.Row(href: "/inbox/2", reference: "INC-2", rag: "Green", ragKind: "green", people: "C D (adult)",
                                            countdown: nil, status: "Answered on time"))
    }

    @Test func aMessageIsFormattedInOnePass() {
        let catalogue = MessageCatalogue(language: .english, messages: [
            "m": "{a} and {b}, {unknown} and {", "n": "{a}{a}",
        ])
        #expect(catalogue.format("m", ["a": "{b}", "b": "2"]) == "{b} and 2, {unknown} and {")
        #expect(catalogue.format("n", ["a": "x"]) == "xx")
        #expect(catalogue.format("missing", [:]) == "[missing]")
    }
}
