import Foundation
import Hummingbird
import NIOCore

/// Decodes request bodies strictly: malformed JSON, a wrong type, a missing field and an unknown field are
/// all refused with a problem naming the field (an unknown field usually means a client typo that would
/// otherwise silently lose data).
public struct HubJSONDecoder: RequestDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return try Self.decode(type, from: Data(buffer.readableBytesView))
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let string = try container.decode(String.self)
            guard let date = HubDateFormat.date(from: string) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an ISO 8601 date-time such as 2026-11-21T09:30:00Z")
            }
            return date
        }
        return decoder
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        guard !data.isEmpty else { throw Problem.malformedBody("the request body is empty; a JSON object is expected") }
        let raw: Any
        do {
            raw = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw Problem.malformedBody("the request body is not valid JSON")
        }
        let value: T
        do {
            value = try makeDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Problem.decoding(error)
        }
        // Unknown fields: anything in the input that the decoded value does not carry when encoded again.
        if let encodable = value as? any Encodable {
            let reEncoded = try JSONSerialization.jsonObject(with: HubJSONEncoder.makeEncoder().encode(encodable), options: [.fragmentsAllowed])
            let unknown = UnknownFields.find(input: raw, known: reEncoded, path: "")
            if !unknown.isEmpty {
                throw Problem.validation(unknown.map { .init(field: $0, message: "is not a field of this request") })
            }
        }
        return value
    }
}

/// Compares an input JSON document with the same value decoded and encoded again.
enum UnknownFields {
    static func find(input: Any, known: Any, path: String) -> [String] {
        switch (input, known) {
        case let (input as [String: Any], known as [String: Any]):
            var result: [String] = []
            for key in input.keys.sorted() {
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if let knownChild = known[key] {
                    result += find(input: input[key]!, known: knownChild, path: childPath)
                } else if !(input[key] is NSNull) {
                    result.append(childPath)
                }
            }
            return result
        case let (input as [Any], known as [Any]):
            var result: [String] = []
            for (index, element) in input.enumerated() where index < known.count {
                result += find(input: element, known: known[index], path: "\(path)[\(index)]")
            }
            return result
        default:
            return []
        }
    }
}
