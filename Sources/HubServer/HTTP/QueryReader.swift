import Foundation
import HubWorkflow
import Hummingbird

/// A request's query parameters read into typed values: a value that does not read is 400 naming the parameter
/// and saying what it must be.
struct QueryReader: Sendable {
    let parameters: Parameters

    init(_ request: Request) { parameters = request.uri.queryParameters }

    func string(_ name: String) -> String? { parameters[name[...]].map(String.init) }

    /// A value of a ``QueryValue`` type, if the parameter is there.
    func value<Value: QueryValue>(_ name: String, as type: Value.Type = Value.self) throws -> Value? {
        guard let text = string(name) else { return nil }
        guard let value = Value(queryValue: text) else { throw Problem.badParameter(name, Value.expectation) }
        return value
    }

    /// How many items a page holds: `default` when absent.
    func limit(default fallback: Int = 50, range: ClosedRange<Int> = 1...500) throws -> Int {
        guard let text = string("limit") else { return fallback }
        guard let limit = Int(text), range.contains(limit) else {
            throw Problem.badParameter("limit", "must be \(range.lowerBound)–\(range.upperBound)")
        }
        return limit
    }

    /// The `cursor` of the previous page, if given.
    func cursor() throws -> PageCursor? {
        try string("cursor").map(PageCursor.init(decoding:))
    }

    /// An instant given as a date (`2026-11-21`, the start of that day in London) or an ISO 8601 instant.
    func instant(_ name: String) throws -> Date? {
        guard let value = string(name) else { return nil }
        if let date = HubDateFormat.date(from: value) { return date }
        if let day = CalendarDate(value), let date = Calendar.london.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) {
            return date
        }
        throw Problem.badParameter(name, "must be a date (2026-11-21) or an ISO 8601 instant")
    }
}

/// A type a query parameter reads into, with what a good value looks like (the 400's message).
protocol QueryValue {
    init?(queryValue: String)
    static var expectation: String { get }
}

/// A request's query parameters decoded into a struct, as `decodeQuery` does for form-encoded values.
protocol QueryDecodable {
    init(query: QueryReader) throws
}

extension Request {
    func decodeQuery<Query: QueryDecodable>(as type: Query.Type) throws -> Query {
        try Query(query: QueryReader(self))
    }
}

extension Bool: QueryValue {
    init?(queryValue: String) {
        switch queryValue {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }

    static var expectation: String { "must be true or false" }
}

extension RAGRating: QueryValue {
    init?(queryValue: String) { self.init(rawValue: queryValue) }
    static var expectation: String { "must be red, amber or green" }
}

extension IncidentState: QueryValue {
    init?(queryValue: String) { self.init(rawValue: queryValue) }
    static var expectation: String { "must be one of \(allCases.map(\.rawValue).joined(separator: ", "))" }
}

extension ReferralStatus: QueryValue {
    init?(queryValue: String) { self.init(rawValue: queryValue) }
    static var expectation: String { "must be one of \(allCases.map(\.rawValue).joined(separator: ", "))" }
}

extension ReferralForm: QueryValue {
    init?(queryValue: String) { self.init(rawValue: queryValue.lowercased()) }
    static var expectation: String { "must be one of c1, a1, ppn, marac" }
}

extension ShareRequestState: QueryValue {
    init?(queryValue: String) { self.init(rawValue: queryValue) }
    static var expectation: String { "must be one of \(allCases.map(\.rawValue).joined(separator: ", "))" }
}
