/// One reason an input was refused, naming the field it concerns as a JSON path (`subjects[0].nhsNumber`).
public struct ValidationIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Thrown when an input breaks one or more domain rules; carries every issue found, not just the first.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public let issues: [ValidationIssue]

    public init(_ issues: [ValidationIssue]) {
        self.issues = issues
    }

    public init(field: String, message: String) {
        self.issues = [ValidationIssue(field: field, message: message)]
    }

    public var description: String { issues.map(\.description).joined(separator: "; ") }
}
