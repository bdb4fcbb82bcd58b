import Foundation

/// A report as a reader receives it, JSON or CSV: what each cell says, read without any knowledge of the figures
/// behind it.
public struct PublishedReport: Sendable {
    public enum Figure: Sendable, Hashable {
        case count(Int)
        /// `<5`: a count from 1 to 4.
        case small
        /// `suppressed`: withheld (a count of 1 or more, or a derived figure).
        case withheld
        case number(Double)
        case text(String)
        case empty
    }

    public let name: String
    public let columns: [String]
    /// Each column's kind as `columns` in the JSON names it (`dimension`, `count`, `derived`).
    public let kinds: [String]
    public let rows: [[Figure]]

    public func column(_ name: String) -> Int? { columns.firstIndex(of: name) }

    /// From the JSON body of `GET /api/v1/reports/{name}`.
    public init(json: [String: Any]) throws {
        guard let name = json["report"] as? String, let columns = json["columns"] as? [[String: Any]],
              let rows = json["rows"] as? [[String: Any]] else { throw TestHubError("not a report: \(json)") }
        self.name = name
        self.columns = columns.map { $0["name"] as? String ?? "" }
        self.kinds = columns.map { $0["kind"] as? String ?? "" }
        let (names, kinds) = (self.columns, self.kinds)
        self.rows = rows.map { row in
            zip(names, kinds).map { name, kind in Self.figure(json: row[name] ?? NSNull(), kind: kind) }
        }
    }

    /// From the CSV body of the same report; the column kinds are the JSON's (the reader knows the definitions).
    public init(csv: String, name: String, kinds: [String]) throws {
        let records = Self.records(csv)
        guard let header = records.first, header.count == kinds.count else { throw TestHubError("bad CSV header in \(csv)") }
        self.name = name
        self.columns = header
        self.kinds = kinds
        self.rows = try records.dropFirst().map { fields in
            guard fields.count == kinds.count else { throw TestHubError("bad CSV row \(fields)") }
            return zip(fields, kinds).map { Self.figure(csv: $0, kind: $1) }
        }
    }

    static func figure(json value: Any, kind: String) -> Figure {
        if value is NSNull { return .empty }
        if let text = value as? String { return marker(text) ?? .text(text) }
        guard let number = value as? NSNumber else { return .text("\(value)") }
        if kind == "count" { return .count(number.intValue) }
        return kind == "derived" ? .number(number.doubleValue) : .text(number.stringValue)
    }

    static func figure(csv field: String, kind: String) -> Figure {
        if field.isEmpty { return .empty }
        if let marker = marker(field) { return marker }
        if kind == "count", let value = Int(field) { return .count(value) }
        if kind == "derived", let value = Double(field) { return .number(value) }
        return .text(field)
    }

    static func marker(_ text: String) -> Figure? {
        switch text {
        case "<5": return .small
        case "suppressed": return .withheld
        default: return nil
        }
    }

    /// RFC 4180 records (quoted fields, doubled quotes, CRLF).
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field); field = ""
            } else if character == "\r\n" || character == "\n" {
                fields.append(field); field = ""
                records.append(fields); fields = []
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append(fields) }
        return records
    }
}
