import Foundation

/// Where a page of a list newest first ended: the last item's time and id. Opaque to clients (base64).
struct PageCursor: Sendable {
    let at: Date
    let id: UUID

    var encoded: String {
        Data("\(at.timeIntervalSince1970)|\(id.uuidString)".utf8).base64EncodedString()
    }

    /// Reads a cursor a previous page gave; 400 naming `cursor` otherwise.
    init(decoding cursor: String) throws {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8) else {
            throw Problem.badParameter("cursor", "is not a cursor from a previous page")
        }
        let parts = text.split(separator: "|")
        guard parts.count == 2, let seconds = Double(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
            throw Problem.badParameter("cursor", "is not a cursor from a previous page")
        }
        self.init(at: Date(timeIntervalSince1970: seconds), id: id)
    }

    init(at: Date, id: UUID) {
        self.at = at
        self.id = id
    }
}
