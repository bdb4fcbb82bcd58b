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
        var bytes = [UInt8](try makeEncoder().encode(value))
        lowercaseIdentifiers(&bytes)
        return Data(bytes)
    }

    /// Lower-cases, in place, every UUID string that is the value of a key `id` or ending in `Id` in compact
    /// JSON (`"id":"E621E1F8-…"`). A byte scan: far cheaper than parsing and re-serialising the document.
    static func lowercaseIdentifiers(_ bytes: inout [UInt8]) {
        let quote = UInt8(ascii: "\""), colon = UInt8(ascii: ":"), dash = UInt8(ascii: "-")
        var index = 0
        while index + 38 <= bytes.count {
            // A value starts with `":"` (end of key, colon, opening quote).
            guard bytes[index] == quote, index >= 4, bytes[index - 1] == colon, bytes[index - 2] == quote,
                  bytes[index + 37] == quote
            else { index += 1; continue }
            let keyEndsWithId = bytes[index - 3] == UInt8(ascii: "d")
                && (bytes[index - 4] == UInt8(ascii: "I") || (bytes[index - 4] == UInt8(ascii: "i") && index >= 5 && bytes[index - 5] == quote))
            guard keyEndsWithId else { index += 1; continue }
            var isUUID = true
            for offset in 1...36 {
                let byte = bytes[index + offset]
                let isDashPosition = offset == 9 || offset == 14 || offset == 19 || offset == 24
                if isDashPosition ? byte != dash : !((byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102)) {
                    isUUID = false
                    break
                }
            }
            if isUUID {
                for offset in 1...36 where bytes[index + offset] >= 65 && bytes[index + offset] <= 70 { bytes[index + offset] += 32 }
                index += 38
            } else {
                index += 1
            }
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
