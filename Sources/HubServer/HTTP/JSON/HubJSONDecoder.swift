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
        try NULCharacters.refuse(in: data)
        // Malformed JSON is a `dataCorrupted` error at the root, which `Problem.decoding` reports as such.
        let decoder = makeDecoder()
        let ledger = FieldLedger()
        decoder.userInfo[FieldLedger.userInfoKey] = ledger
        let value: T
        do {
            value = try decoder.decode(FieldTracked<T>.self, from: data).value
        } catch let error as DecodingError {
            throw Problem.decoding(error)
        }
        // Unknown fields. Usually every key was asked for by the type's decoding and there is nothing more to do;
        // otherwise a key may still be one the type carries without reading it (a derived field a client echoes
        // back), so the input is compared with the decoded value encoded again.
        guard ledger.hasUnaskedField, let encodable = value as? any Encodable else { return value }
        let raw = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        let reEncoded = try JSONSerialization.jsonObject(with: HubJSONEncoder.makeEncoder().encode(encodable), options: [.fragmentsAllowed])
        let unknown = UnknownFields.find(input: raw, known: reEncoded, path: "")
        if !unknown.isEmpty {
            throw Problem.validation(unknown.map { .init(field: $0, message: "is not a field of this request") })
        }
        return value
    }
}

/// Decodes `Value` through a `FieldTrackingDecoder` that reports to the ledger in `userInfo`.
private struct FieldTracked<Value: Decodable>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        guard let ledger = decoder.userInfo[FieldLedger.userInfoKey] as? FieldLedger else {
            value = try Value(from: decoder)
            return
        }
        if FieldTrackingDecoder.isLeaf(Value.self) {
            value = try decoder.singleValueContainer().decode(Value.self)
        } else {
            value = try Value(from: FieldTrackingDecoder(base: decoder, ledger: ledger))
        }
    }
}

extension FieldLedger {
    static let userInfoKey = CodingUserInfoKey(rawValue: "hub.fieldLedger")!
}

/// PostgreSQL's text cannot hold U+0000, and no field of Hub means one: a string holding it is refused, naming its
/// field (422), before anything is decoded or written.
enum NULCharacters {
    static func refuse(in data: Data) throws {
        guard data.range(of: Data("\\u0000".utf8)) != nil,  // the only way JSON can carry it: cheap to rule out
              let document = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return }
        let fields = find(document, path: "")
        guard !fields.isEmpty else { return }
        throw Problem.validation(fields.map { .init(field: $0.isEmpty ? "body" : $0, message: "must not contain the NUL character (U+0000)") })
    }

    static func find(_ value: Any, path: String) -> [String] {
        switch value {
        case let text as String: return text.unicodeScalars.contains("\u{0}") ? [path] : []
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { key in find(object[key]!, path: path.isEmpty ? key : "\(path).\(key)") }
        case let array as [Any]: return array.enumerated().flatMap { find($0.element, path: "\(path)[\($0.offset)]") }
        default: return []
        }
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
