import Foundation
import HTTPTypes
import HubWorkflow
import Hummingbird

/// The purpose a client gives for looking at personal data: the `X-Hub-Purpose` header or the `purpose` query
/// parameter, recorded on the read's audit event (its first ``TextLimits/purpose`` code points).
enum Purpose {
    static let header = HTTPField.Name("X-Hub-Purpose")!

    /// The purpose of a request: its `X-Hub-Purpose` header, else its `purpose` query parameter.
    static func of(_ request: Request) -> String? {
        of(request.headers, query: request.uri.queryParameters["purpose"].map(String.init))
    }

    static func of(_ headers: HTTPFields, query: String?) -> String? {
        let value = headers[header] ?? query
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return TextLength.prefix(value, TextLimits.purpose)
    }

    /// The purpose, which this read requires (422 naming `X-Hub-Purpose` without one).
    static func required(_ request: Request) throws -> String {
        guard let purpose = of(request) else {
            throw Problem.validation([.init(field: "X-Hub-Purpose", message: "is required: say why you are looking")])
        }
        return purpose
    }
}
