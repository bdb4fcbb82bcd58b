import Foundation
import Hummingbird
import NIOCore

/// The responses screens give: an HTML page, or a redirect after a form (303, so that a reload does not post
/// again).
enum ScreenResponse {
    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A path on this site to go back to (never another site's address).
    static func localPath(_ candidate: String?, fallback: String = "/") -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
              !candidate.contains("\r"), !candidate.contains("\n")
        else { return fallback }
        return candidate
    }
}
