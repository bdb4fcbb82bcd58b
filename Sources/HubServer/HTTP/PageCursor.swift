import Foundation
import HubData

/// A page's end as the API hands it out: the exact ``KeysetPosition`` of its last item, opaque (base64 of
/// `microseconds|id`).
struct PageCursor: Sendable {
    let position: KeysetPosition

    init(at instant: Date, id: UUID) { position = KeysetPosition(at: instant, id: id) }

    init(_ position: KeysetPosition) { self.position = position }

    var encoded: String {
        Data("\(position.microseconds)|\(position.id.uuidString.lowercased())".utf8).base64EncodedString()
    }

    /// Reads a cursor a previous page gave; 400 naming `cursor` otherwise.
    init(decoding cursor: String) throws {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8) else {
            throw Problem.badParameter("cursor", "is not a cursor from a previous page")
        }
        let parts = text.split(separator: "|")
        guard parts.count == 2, let microseconds = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
            throw Problem.badParameter("cursor", "is not a cursor from a previous page")
        }
        position = KeysetPosition(microseconds: microseconds, id: id)
    }
}
