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

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let data = try Self.makeEncoder().encode(value)
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
