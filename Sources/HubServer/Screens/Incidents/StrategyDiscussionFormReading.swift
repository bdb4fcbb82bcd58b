import Foundation
import HubWorkflow

/// Reads the strategy discussion form into the API's JSON (attendee and action rows left blank are not sent).
enum StrategyDiscussionFormReading {
    static let attendeeRows = 6
    static let actionRows = 3

    static func document(_ form: ScreenForm) -> (json: Data, issues: [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        var object: [String: Any] = [:]
        object["kind"] = form.text("kind")
        if let day = form.text("heldAt.date"), let time = form.text("heldAt.time") {
            if let instant = ReferralFormReading.londonInstant(day: day, time: time) {
                object["heldAt"] = HubDateFormat.string(from: instant)
            } else {
                issues.append(.init(field: "heldAt", message: "must be a date (day/month/year) and a time (hh:mm)"))
            }
        }
        object["chair"] = ["name": form.text("chair.name") ?? "", "agency": form.text("chair.agency") ?? ""]
        object["attendees"] = (0..<attendeeRows).compactMap { index -> [String: String]? in
            let name = form.text("attendees[\(index)].name"), agency = form.text("attendees[\(index)].agency")
            guard name != nil || agency != nil else { return nil }
            return ["name": name ?? "", "agency": agency ?? ""]
        }
        object["informationConsidered"] = form.text("informationConsidered") ?? ""
        object["decisions"] = form.text("decisions") ?? ""
        object["outcome"] = form.text("outcome")
        object["actions"] = (0..<actionRows).compactMap { index -> [String: String]? in
            let owner = form.text("actions[\(index)].ownerAgency"), what = form.text("actions[\(index)].description")
            let due = form.text("actions[\(index)].dueDate")
            guard owner != nil || what != nil || due != nil else { return nil }
            return ["ownerAgency": owner ?? "", "description": what ?? "", "dueDate": due.flatMap(ReferralFormReading.isoDay) ?? due ?? ""]
        }
        let json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return (json, issues)
    }
}
