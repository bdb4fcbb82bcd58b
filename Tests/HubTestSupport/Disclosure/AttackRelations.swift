import Foundation

/// The relations each report's definition (docs/reports.md) makes hold between its figures, as a reader would write
/// them down from the documentation alone.
extension AttackModel {
    func rows(_ dimension: String, _ value: String) -> [Int] {
        guard let column = published.column(dimension) else { return [] }
        return published.rows.indices.filter { published.rows[$0][column] == .text(value) }
    }

    func values(_ dimension: String) -> [String] {
        guard let column = published.column(dimension) else { return [] }
        var seen: [String] = []
        for row in published.rows { if case let .text(value) = row[column], !seen.contains(value) { seen.append(value) } }
        return seen
    }

    /// Each of `columns` of the `total` row is the sum of `parts`.
    mutating func totalRow(_ total: Int, _ parts: [Int], _ columns: [String]) throws {
        for name in columns { equal(try count(total, name), try sum(parts, name)) }
    }

    /// A total the reader does not see but may work out: an unknown of 0 or more.
    mutating func impliedTotal(_ rows: [Int], _ name: String) throws -> AttackExpression {
        let column = exact.column(name)!
        let truth = rows.reduce(0) { sum, row in if case let .count(value) = exact.rows[row][column] { return sum + value }; return sum }
        let total = unknown(lower: 0, upper: .infinity, truth: truth, at: nil)
        equal(total, try sum(rows, name))
        return total
    }

    mutating func relate() throws {
        let all = Array(published.rows.indices)
        switch published.name {
        case "volumes":
            guard let total = rows("dimension", "total").first else { return }
            for dimension in ["month", "form", "source", "channel"] { try totalRow(total, rows("dimension", dimension), ["count", "previousYearCount"]) }
            for row in all {
                let (now, before) = (try count(row, "count"), try count(row, "previousYearCount"))
                try derived(row, "changePercent", scale: 100, now - before, over: before)
            }
        case "rag":
            guard let total = rows("rating", "total").first else { return }
            try totalRow(total, all.filter { $0 != total }, ["incidents", "incidentsReRated", "reRatings"])
            for row in all {
                atMost(try count(row, "incidentsReRated"), try count(row, "incidents"))
                atMost(try count(row, "incidentsReRated"), try count(row, "reRatings"))
                try derived(row, "sharePercent", scale: 100, try count(row, "incidents"), over: try count(total, "incidents"))
            }
        case "sla":
            let columns = ["due", "met", "breached", "open", "withdrawn"]
            let shares = all.filter { published.rows[$0][published.column("clock")!] == .text("share_request") }
            if let total = shares.first(where: { rows("dimension", "total").contains($0) }) {
                try totalRow(total, shares.filter { rows("dimension", "rag").contains($0) }, columns)
                try totalRow(total, shares.filter { rows("dimension", "agency").contains($0) }, columns)
            }
            for row in all {
                equal(try count(row, "due"), try sum([row], "met") + sum([row], "breached") + sum([row], "open") + sum([row], "withdrawn"))
                let (met, breached) = (try count(row, "met"), try count(row, "breached"))
                try derived(row, "compliancePercent", scale: 100, met, over: met + breached)
            }
        case "outcomes":
            for service in values("service") {
                let group = rows("service", service)
                let total = try impliedTotal(group, "incidents")
                for row in group { try derived(row, "sharePercent", scale: 100, try count(row, "incidents"), over: total) }
            }
        case "conversion":
            for row in all {
                let (referrals, incidents) = (try count(row, "referrals"), try count(row, "incidents"))
                atMost(incidents, referrals)
                try derived(row, "conversionPercent", scale: 100, incidents, over: referrals)
            }
        case "repeat-referrals":
            try relateRepeatReferrals()
        default:
            try relateMore()
        }
    }

    mutating func relateRepeatReferrals() throws {
        for row in published.rows.indices {
            let (referrals, repeats) = (try count(row, "referrals"), try count(row, "reReferrals"))
            atMost(repeats, referrals)
            try derived(row, "percent", scale: 100, repeats, over: referrals)
            // "622 of 3,102 = 20.05%" states both counts.
            if case let .text(statement) = published.rows[row][published.column("statement")!] {
                let numbers = statement.replacingOccurrences(of: ",", with: "").split(whereSeparator: { !$0.isNumber && $0 != "." })
                    .compactMap { Double($0) }
                if numbers.count == 3 {
                    equal(repeats, AttackExpression(constant: numbers[0]))
                    equal(referrals, AttackExpression(constant: numbers[1]))
                }
            }
        }
    }

    mutating func relateMore() throws {
        let all = Array(published.rows.indices)
        switch published.name {
        case "marac":
            for row in all {
                equal(try count(row, "total"), try sum([row], "maracForms") + sum([row], "raisedFromDiscussions") + sum([row], "unlinkedOutcomes"))
            }
        case "meetings":
            let minutes = ["strategy_discussion": 45.0, "strategy_meeting": 90, "domestic_abuse_daily_discussion": 15]
            for row in all {
                atMost(try count(row, "held"), try count(row, "attendances"))
                guard case let .text(kind) = published.rows[row][published.column("kind")!], let length = minutes[kind] else { continue }
                try derived(row, "staffHours", scale: length / 60, try count(row, "attendances"))
            }
        case "actions":
            guard let total = rows("agency", "total").first else { return }
            try totalRow(total, all.filter { $0 != total }, ["agreed", "doneOnTime", "doneLate", "open", "overdue"])
            for row in all {
                equal(try count(row, "agreed"), try sum([row], "doneOnTime") + sum([row], "doneLate") + sum([row], "open") + sum([row], "overdue"))
                let (onTime, late, overdue) = (try count(row, "doneOnTime"), try count(row, "doneLate"), try count(row, "overdue"))
                try derived(row, "onTimePercent", scale: 100, onTime, over: onTime + late + overdue)
            }
        case "adult-risk-at-closure":
            if let total = rows("localAuthority", "all").first {
                try totalRow(total, all.filter { $0 != total }, ["closed", "reduced", "removed", "remains", "notRecorded"])
            }
            for row in all {
                equal(try count(row, "closed"), try sum([row], "reduced") + sum([row], "removed") + sum([row], "remains") + sum([row], "notRecorded"))
                let (reduced, removed, remains) = (try count(row, "reduced"), try count(row, "removed"), try count(row, "remains"))
                try derived(row, "reducedOrRemovedPercent", scale: 100, reduced + removed, over: reduced + removed + remains)
            }
        case "referrer-feedback":
            if let total = rows("dimension", "total").first {
                for dimension in ["referrer_type", "local_authority"] {
                    try totalRow(total, rows("dimension", dimension), ["decided", "onTime", "late", "open"])
                }
            }
            for row in all {
                equal(try count(row, "decided"), try sum([row], "onTime") + sum([row], "late") + sum([row], "open"))
                let (onTime, late) = (try count(row, "onTime"), try count(row, "late"))
                try derived(row, "onTimePercent", scale: 100, onTime, over: onTime + late)
            }
        case "interaction-bands":
            for unit in values("unit") {
                let group = rows("unit", unit)
                let total = try impliedTotal(group, "count")
                for row in group { try derived(row, "percent", scale: 100, try count(row, "count"), over: total) }
            }
        case "grid":
            // A test table: rows of counts `a`, `b`, `c` and their `total`, and a last row `total` summing the others.
            let total = all.last!
            try totalRow(total, Array(all.dropLast()), ["a", "b", "c", "total"])
            for row in all { equal(try count(row, "total"), try sum([row], "a") + sum([row], "b") + sum([row], "c")) }
        case "area":
            for row in all {
                let (open, children, adults) = (try count(row, "openToSocialCare"), try count(row, "openChildrensCase"), try count(row, "openAdultsCase"))
                atMost(children, open)
                atMost(adults, open)
                atMost(open, children + adults)
                _ = try count(row, "missedAppointments")
                _ = try count(row, "attendedAE")
            }
        default:
            throw TestHubError("no relations known for the report \(published.name)")
        }
    }
}
