import Foundation

/// A board report: aggregate figures only, defined once in SQL (see docs/reports.md for each definition).
public protocol BoardReport: Sendable {
    static var name: String { get }
    func run(_ database: Database, _ parameters: ReportParameters) async throws -> ReportTable
}

/// The reports by name, as `GET /api/v1/reports/{name}` serves them.
public enum BoardReportCatalog {
    public static let all: [String: any BoardReport] = [
        VolumesReport.name: VolumesReport(),
        RAGReport.name: RAGReport(),
        SLAReport.name: SLAReport(),
        OutcomesReport.name: OutcomesReport(),
        ConversionReport.name: ConversionReport(),
        RepeatReferralsReport.name: RepeatReferralsReport(),
        MARACReport.name: MARACReport(),
        MeetingsReport.name: MeetingsReport(),
        ActionsReport.name: ActionsReport(),
        InteractionBandsReport.name: InteractionBandsReport(),
        AreaReport.name: AreaReport(),
        AdultRiskAtClosureReport.name: AdultRiskAtClosureReport(),
        ReferrerFeedbackReport.name: ReferrerFeedbackReport(),
    ]

    public static var names: [String] { all.keys.sorted() }
}
