import Foundation
import HTTPTypes
import HubWorkflow
import Hummingbird
import NIOCore

/// An RFC 9457 problem: every error Hub returns is one of these, as `application/problem+json`.
///
/// `type` is a stable URI per kind of problem (`https://hub.example/problems/validation`), so clients branch
/// on it, not on the human-readable `title` and `detail`. Validation problems list the failing fields.
public struct Problem: Error, HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// The last path segment of the type URI, e.g. `validation`.
    public var kind: String
    public var title: String
    public var detail: String?
    public var errors: [ValidationIssue]
    /// Extra members (e.g. `currentState`, `retryAfter`).
    public var extensions: [String: String]
    public var headers: HTTPFields

    public static let typeBase = "https://hub.piphire.example/problems/"

    public init(
        status: HTTPResponse.Status, kind: String, title: String, detail: String? = nil,
        errors: [ValidationIssue] = [], extensions: [String: String] = [:], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.errors = errors
        self.extensions = extensions
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: Any] = [
            "type": Self.typeBase + kind,
            "title": title,
            "status": Int(status.code),
            "instance": request.uri.path,
        ]
        if let detail { body["detail"] = detail }
        if !errors.isEmpty { body["errors"] = errors.map { ["field": $0.field, "message": $0.message] } }
        if let requestId = context.logger[metadataKey: "hb.request.id"] { body["requestId"] = "\(requestId)" }
        for (key, value) in extensions { body[key] = value }
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Problem {
    public static func validation(_ issues: [ValidationIssue], detail: String? = nil) -> Problem {
        Problem(status: .unprocessableContent, kind: "validation", title: "The request has invalid fields",
                detail: detail ?? issues.map(\.description).joined(separator: "; "), errors: issues)
    }

    public static func malformedBody(_ detail: String) -> Problem {
        Problem(status: .badRequest, kind: "malformed-body", title: "The request body could not be read", detail: detail)
    }

    public static func badParameter(_ name: String, _ message: String) -> Problem {
        Problem(status: .badRequest, kind: "invalid-parameter", title: "A parameter is invalid",
                detail: "\(name): \(message)", errors: [.init(field: name, message: message)])
    }

    public static func unauthenticated(_ detail: String = "Sign in and send the session token as `Authorization: Bearer <token>`.") -> Problem {
        Problem(status: .unauthorized, kind: "unauthenticated", title: "Authentication is required", detail: detail,
                headers: [.wwwAuthenticate: "Bearer realm=\"hub\""])
    }

    public static func forbidden(_ detail: String) -> Problem {
        Problem(status: .forbidden, kind: "forbidden", title: "You may not do this", detail: detail)
    }

    public static func notFound(_ what: String) -> Problem {
        Problem(status: .notFound, kind: "not-found", title: "Not found", detail: "\(what) was not found")
    }

    public static func conflict(kind: String = "conflict", _ detail: String, extensions: [String: String] = [:]) -> Problem {
        Problem(status: .conflict, kind: kind, title: "The request conflicts with the current state", detail: detail, extensions: extensions)
    }

    /// The database cannot be reached just now (``DatabaseUnavailable``): try again after `Retry-After` seconds.
    public static func unavailable(retryAfterSeconds: Int) -> Problem {
        Problem(
            status: .serviceUnavailable, kind: "unavailable", title: "Hub cannot reach its database just now",
            detail: "Try again in \(retryAfterSeconds) seconds. A change may or may not have been made: check before repeating it (an Idempotency-Key makes repeating a new referral safe).",
            headers: [.retryAfter: "\(retryAfterSeconds)"])
    }

    public static func internalError() -> Problem {
        Problem(status: .internalServerError, kind: "internal", title: "Something went wrong on our side",
                detail: "The error was logged with this request's id.")
    }

    /// Maps a decoding error to a problem naming the field.
    static func decoding(_ error: DecodingError) -> Problem {
        func path(_ codingPath: [any CodingKey]) -> String {
            var result = ""
            for key in codingPath {
                if let index = key.intValue { result += "[\(index)]" } else { result += result.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return result
        }
        switch error {
        case let .keyNotFound(key, context):
            return validation([.init(field: path(context.codingPath + [key]), message: "is required")])
        case let .valueNotFound(_, context):
            return validation([.init(field: path(context.codingPath), message: "must not be null")])
        case let .typeMismatch(type, context):
            return validation([.init(field: path(context.codingPath), message: "has the wrong type (expected \(jsonTypeName(type)))")])
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return malformedBody("the request body is not valid JSON") }
            return validation([.init(field: path(context.codingPath), message: context.debugDescription)])
        @unknown default:
            return malformedBody("the request body could not be decoded")
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "string"
        case is Bool.Type: return "boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: return "integer"
        case is Double.Type, is Float.Type: return "number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") || name.hasPrefix("[") { return "array" }
            if name.hasPrefix("Dictionary") { return "object" }
            return "object"
        }
    }
}
