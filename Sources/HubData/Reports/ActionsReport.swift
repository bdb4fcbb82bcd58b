import Foundation
import HubWorkflow
import PostgresNIO

/// Actions agreed at strategy discussions held in the period, per owner agency and in all: how many were agreed,
/// done on time (by the end of the due day in London), done late, still open and not yet due, and open and overdue
/// at the time of the report; and the share done on time of those done or due (done on time / (done on time + done
/// late + overdue)).
public struct ActionsReport: BoardReport {
    public static let name = "actions"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        let today = StrategyAction.londonDay(of: p.asOf).iso8601
        let result = try await database.query(
            """
            SELECT CASE WHEN GROUPING(a.owner_agency) = 1 THEN 'total' ELSE a.owner_agency END,
                   count(*)::int,
                   (count(*) FILTER (WHERE a.state = 'done' AND a.done_on_time))::int,
                   (count(*) FILTER (WHERE a.state = 'done' AND NOT a.done_on_time))::int,
                   (count(*) FILTER (WHERE a.state = 'open' AND a.due_date >= \(today)::date))::int,
                   (count(*) FILTER (WHERE a.state = 'open' AND a.due_date < \(today)::date))::int
            FROM strategy_actions a
            JOIN strategy_discussions d ON d.id = a.discussion_id
            WHERE d.held_at >= \(p.from) AND d.held_at < \(p.to)
              AND (\(p.service)::text IS NULL
                   OR EXISTS (SELECT 1 FROM incidents i WHERE i.id = a.incident_id AND i.service = \(p.service)))
              AND (\(p.agency)::text IS NULL OR a.owner_agency = \(p.agency))
            GROUP BY GROUPING SETS ((a.owner_agency), ())
            ORDER BY GROUPING(a.owner_agency), a.owner_agency
            """)
        var table = ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("agency", .dimension), .init("agreed", .count), .init("doneOnTime", .count), .init("doneLate", .count),
                      .init("open", .count), .init("overdue", .count), .init("onTimePercent", .derived)],
            rows: try result.map { row in
                let (agency, agreed, onTime, late, open, overdue) = try row.decode((String, Int, Int, Int, Int, Int).self)
                return [.text(agency), .count(agreed), .count(onTime), .count(late), .count(open), .count(overdue),
                        .percent(onTime, of: onTime + late + overdue)]
            })
        let columns = ["agreed", "doneOnTime", "doneLate", "open", "overdue"]
        table.sumColumns("agreed", of: Array(columns.dropFirst()))
        if let total = table.rows(where: "agency", is: "total").first {
            table.sumRows(total, of: table.rows.indices.filter { $0 != total }, columns: columns)
        }
        return table
    }
}
