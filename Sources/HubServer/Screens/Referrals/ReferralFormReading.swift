import Foundation
import HubWorkflow

/// Reads the intake form into the JSON document the API takes, so the same strict decoding and the same
/// validation apply, and every problem names the form field it is about.
enum ReferralFormReading {
    /// The subjects the form holds (`subjects[0].forename` …), in order.
    static func subjectCount(_ form: ScreenForm) -> Int {
        var highest = -1
        for field in form.fields(withPrefix: "subjects[") {
            let digits = field.name.dropFirst("subjects[".count).prefix { $0.isNumber }
            if let index = Int(digits) { highest = max(highest, index) }
        }
        return highest + 1
    }

    /// The API's JSON for the referral the form describes (sorted keys, so one form always gives the same bytes),
    /// and the problems found before decoding (a received time that does not read).
    static func document(_ form: ScreenForm, subjects: Int) -> (json: Data, issues: [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        var object: [String: Any] = [:]
        func text(_ name: String) -> String? { form.text(name) }
        object["form"] = text("form")
        object["channel"] = text("channel")
        object["localAuthority"] = text("localAuthority")
        if let day = text("receivedAt.date"), let time = text("receivedAt.time") {
            if let instant = londonInstant(day: day, time: time) {
                object["receivedAt"] = HubDateFormat.string(from: instant)
            } else {
                issues.append(.init(field: "receivedAt", message: "must be a date (day/month/year) and a time (hh:mm)"))
            }
        }
        var referrer: [String: Any] = [:]
        for key in ["name", "role", "agency", "phone", "email"] { referrer[key] = text("referrer.\(key)") }
        object["referrer"] = referrer
        object["subjects"] = (0..<subjects).map { subject(form, $0) }
        var concern: [String: Any] = ["categories": form.values("concern.categories")]
        concern["summary"] = text("concern.summary")
        if let risk = text("concern.immediateRisk") { concern["immediateRisk"] = risk == "yes" }
        object["concern"] = concern
        var consent: [String: Any] = [:]
        consent["status"] = text("consent.status")
        consent["reason"] = text("consent.reason")
        object["consent"] = consent
        if let score = text("dashScore") {
            if let value = Int(score) { object["dashScore"] = value } else {
                issues.append(.init(field: "dashScore", message: "must be a whole number from 0 to 27"))
            }
        }
        let json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return (json, issues)
    }

    private static func subject(_ form: ScreenForm, _ index: Int) -> [String: Any] {
        let prefix = "subjects[\(index)]."
        var subject: [String: Any] = [:]
        for key in ["role", "forename", "surname", "gender", "nhsNumber", "town", "postcode"] {
            subject[key] = form.text(prefix + key)
        }
        if subject["forename"] == nil { subject["forename"] = "" }
        if subject["surname"] == nil { subject["surname"] = "" }
        for key in ["dateOfBirth", "expectedDateOfBirth"] {
            if let value = form.text(prefix + key) { subject[key] = isoDay(value) ?? value }
        }
        subject["addressLines"] = [form.text(prefix + "addressLine1"), form.text(prefix + "addressLine2")].compactMap { $0 }
        if let aliases = form.text(prefix + "aliases") {
            subject["aliases"] = aliases.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return subject
    }

    /// `2/4/2016`, `02/04/2016` or `2016-04-02` as `2016-04-02` (nil for anything else, left for validation to
    /// refuse as written).
    static func isoDay(_ text: String) -> String? {
        if CalendarDate(text) != nil { return text }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == " " })
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4,
              let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        return date.iso8601
    }

    /// A London wall-clock day and time (`06/12/2026`, `14:05`) as an instant.
    static func londonInstant(day: String, time: String) -> Date? {
        guard let iso = isoDay(day), let date = CalendarDate(iso) else { return nil }
        let pieces = time.split(separator: ":")
        guard pieces.count == 2, let hour = Int(pieces[0]), let minute = Int(pieces[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return Calendar.london.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute))
    }
}
