import Foundation
import Hummingbird
import NIOCore

/// Encodes responses as JSON with stable key order and ISO 8601 dates in UTC.
public struct HubJSONEncoder: ResponseEncoder {
    public init() {}

    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(HubDateFormat.string(from: date))
        }
        return encoder
    }

    /// Encodes a value; identifiers (`id` and `…Id` fields holding UUIDs) are written in lower case, as
    /// everywhere else in Hub (Foundation writes UUIDs in upper case).
    public static func encode(_ value: some Encodable) throws -> Data {
        let data = try makeEncoder().encode(value)
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return data }
        return try JSONSerialization.data(
            withJSONObject: lowercasingIdentifiers(object), options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
    }

    static func lowercasingIdentifiers(_ value: Any, key: String? = nil) -> Any {
        switch value {
        case let object as [String: Any]:
            return object.reduce(into: [String: Any]()) { result, entry in
                result[entry.key] = lowercasingIdentifiers(entry.value, key: entry.key)
            }
        case let array as [Any]:
            return array.map { lowercasingIdentifiers($0, key: key) }
        case let string as String:
            guard let key, key == "id" || key.hasSuffix("Id") || key.hasSuffix("Ids"), UUID(uuidString: string) != nil else { return string }
            return string.lowercased()
        default:
            return value
        }
    }

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let data = try Self.encode(value)
        var buffer = ByteBuffer()
        buffer.writeBytes(data)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: "\(buffer.readableBytes)"],
            body: .init(byteBuffer: buffer))
    }
}

/// How Hub writes and reads instants: ISO 8601 with milliseconds, `2026-11-21T09:30:00.000Z`.
public enum HubDateFormat {
    public static func string(from date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
            .replacingOccurrences(of: "+0000", with: "Z")
    }

    /// Accepts `2026-11-21T09:30:00Z`, with fractional seconds or a numeric offset.
    public static func date(from string: String) -> Date? {
        if let date = try? Date(string, strategy: .iso8601) { return date }
        return try? Date(string, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
