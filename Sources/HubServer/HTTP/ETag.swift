import Foundation
import HTTPTypes
import Hummingbird

/// Optimistic concurrency on every change: responses carry `ETag: "<version>"`; a change must send it back in
/// `If-Match` (428 without it, 412 when it is stale).
enum ETag {
    static func value(_ version: Int) -> String { "\"\(version)\"" }

    /// The version named by `If-Match`.
    static func requiredVersion(_ request: Request) throws -> Int {
        guard let header = request.headers[.ifMatch] else {
            throw Problem(
                status: .preconditionRequired, kind: "precondition-required", title: "If-Match is required",
                detail: "Send the resource's ETag in If-Match so that concurrent changes are not lost.")
        }
        var value = header.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("W/") { value.removeFirst(2) }
        value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let version = Int(value) else { throw Problem.badParameter("If-Match", "must be an ETag such as \"3\"") }
        return version
    }
}
