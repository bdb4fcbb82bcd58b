import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// Runs the import rules and the watchlists inside an import's transaction, after linking, so the alerts
/// commit (or roll back) with the data that raised them.
public struct ImportAlerts: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Raises what the import's data sets off; returns how many alerts were new. `eventWatermark` is the
    /// highest event id before the import wrote its events.
    public func evaluate(
        importId: Int64, extractDate: CalendarDate, eventWatermark: Int64, at instant: Date, on connection: PostgresConnection
    ) async throws -> Int {
        let conditions = ImportAlertConditions(database: database)
        var alerts: [RaisedAlert] = []
        for rule in try await AlertRuleStore(database: database).runnable(.import, on: connection) {
            for match in try await conditions.matches(rule, extractDate: extractDate.description, on: connection) {
                alerts.append(RaisedAlert(rule: rule, match: match, trigger: .import))
            }
        }
        alerts += try await WatchlistStore(database: database).newInteractionAlerts(since: eventWatermark, importId: importId, on: connection)
        return try await AlertStore(database: database).raise(alerts, importId: importId, at: instant, on: connection)
    }
}
