import Foundation
import HubWorkflow
@testable import HubWorkflow

/// Instants and days for the SLA tests, written the way a person reads them.
enum SLAFixtures {
    /// Parses an ISO 8601 instant with its offset, e.g. `"2026-03-29T13:00:00+01:00"`.
    static func instant(_ text: String) -> Date {
        do {
            return try Date.ISO8601FormatStyle().parse(text)
        } catch {
            preconditionFailure("bad instant in test: \(text)")
        }
    }

    /// Parses `"YYYY-MM-DD"`.
    static func day(_ text: String) -> CalendarDate {
        guard let day = CalendarDate(text) else { preconditionFailure("bad day in test: \(text)") }
        return day
    }

    static let hour: TimeInterval = 3600
    static let minute: TimeInterval = 60
}
