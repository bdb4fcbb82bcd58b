import Foundation
import HubData
import HubWorkflow

/// The safeguarding board (and the MASH) read a board report: aggregates only; for every role that sees no
/// personal data (board viewers, administrators) every count from 1 to 4 is suppressed. Audited with the period.
public struct ReadBoardReport: UseCase {
    public static let access = AccessRule.permission(.readBoardReports)

    let stores: Stores
    let recorder: AuditRecorder

    /// The reports there are, by name.
    public func catalog(by caller: Caller) throws -> [String] {
        try authorize(caller)
        return BoardReportCatalog.names
    }

    /// The report of that name (``UseCaseError/notFound(_:)`` naming the reports there are, otherwise).
    public func report(named name: String) throws -> any BoardReport {
        guard let report = BoardReportCatalog.all[name] else {
            throw UseCaseError.notFound("The report \(name) (reports: \(BoardReportCatalog.names.joined(separator: ", ")))")
        }
        return report
    }

    public func callAsFunction(_ name: String, parameters: ReportParameters, by caller: Caller) async throws -> ReportTable {
        let actor = try authorize(caller)
        let report = try report(named: name)
        var table: ReportTable
        do { table = try await report.run(stores.database, parameters) } catch let missing as ReportParameterError {
            throw UseCaseError.invalidParameter(name: missing.name, message: missing.message)
        }
        if !actor.role.seesPersonalData { table = table.suppressingSmallNumbers() }
        try await recorder.record(caller, action: "report.read", objectType: "report", objectId: name,
                                  detail: ["from": HubDateFormat.string(from: parameters.from), "to": HubDateFormat.string(from: parameters.to)])
        return table
    }
}
