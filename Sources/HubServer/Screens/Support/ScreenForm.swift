import Foundation
import HubData
import Hummingbird

/// A submitted form (`application/x-www-form-urlencoded`), read only once its CSRF token has been checked.
struct ScreenForm: Sendable {
    let fields: [(name: String, value: String)]

    /// The first value of `name`, if any.
    subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// The record's version the page was drawn at (its hidden `version` field; 0, never current, when missing).
    var version: Int { Int(self["version"] ?? "") ?? 0 }

    /// The first value of `name` with surrounding white space removed; nil when blank.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Every value of `name` (check boxes, repeated fields).
    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// Every field whose name starts with `prefix`.
    func fields(withPrefix prefix: String) -> [(name: String, value: String)] { fields.filter { $0.name.hasPrefix(prefix) } }

    static let maximumSize = 1 << 20

    /// Reads the body and checks its `csrf` field against the browser's token. A missing or wrong token is refused
    /// (``CSRFRefused``: 403) and the attempt is recorded in the audit trail.
    static func read(_ request: Request, context: HubRequestContext, recorder: AuditRecorder) async throws -> ScreenForm {
        let body = try await request.body.collect(upTo: maximumSize)
        let form = ScreenForm(fields: parse(String(decoding: body.readableBytesView, as: UTF8.self)))
        guard let expected = context.screen?.csrfToken, !expected.isEmpty, let given = form["csrf"],
              CSRFToken.matches(given, expected)
        else {
            try? await recorder.record(
                context.caller, action: "access.denied", objectType: "route", objectId: "POST \(context.endpointPath ?? "screen")",
                outcome: .denied, detail: ["reason": "missing or invalid CSRF token"])
            throw CSRFRefused()
        }
        return form
    }

    /// `a=1&b=two+words&c=%C5%B5` as pairs, in order. A NUL character (`%00`), which no browser sends from what is
    /// typed and PostgreSQL's text cannot hold, is dropped.
    static func parse(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring?) -> String {
                guard let part else { return "" }
                return (String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "")
                    .replacingOccurrences(of: "\u{0}", with: "")
            }
            return (decode(parts.first), decode(parts.count > 1 ? parts[1] : nil))
        }
    }
}

/// A form posted without the browser's CSRF token (or with another's).
struct CSRFRefused: Error {}
