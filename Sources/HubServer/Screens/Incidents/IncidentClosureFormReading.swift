import Foundation
import HubWorkflow

/// Reads the closing form into an ``IncidentClosure``: the closure outcome and what became of an adult's risk are
/// radio choices (a value the lists do not hold is refused naming its field), the reason free text.
enum IncidentClosureFormReading {
    static func closure(_ form: ScreenForm) throws(ValidationFailure) -> IncidentClosure {
        var issues: [ValidationIssue] = []
        func choice<Value: RawRepresentable>(_ name: String, as type: Value.Type) -> Value? where Value.RawValue == String {
            guard let text = form.text(name) else { return nil }
            guard let value = Value(rawValue: text) else {
                issues.append(ValidationIssue(field: name, message: "is not one of the choices"))
                return nil
            }
            return value
        }
        let closure = IncidentClosure(
            outcome: choice("closure.outcome", as: ClosureOutcome.self), reason: form.text("closure.reason"),
            adultRisk: choice("closure.adultRisk", as: AdultRiskAtClosure.self))
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return closure
    }
}
