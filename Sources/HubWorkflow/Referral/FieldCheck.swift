import Foundation

/// The small checks every form repeats, each returning the issues it finds for one field.
enum FieldCheck {
    /// The value with surrounding white space removed.
    static func trimmed(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Required text: not blank, at most `limit` characters.
    static func required(_ value: String, field: String, limit: Int, label: String) -> [ValidationIssue] {
        let text = trimmed(value)
        if text.isEmpty { return [ValidationIssue(field: field, message: "\(label) is required")] }
        if text.count > limit {
            return [ValidationIssue(field: field, message: "\(label) must be at most \(limit) characters")]
        }
        return []
    }

    /// Optional text: when present, at most `limit` characters (blank counts as absent).
    static func optional(_ value: String?, field: String, limit: Int, label: String) -> [ValidationIssue] {
        guard let value, trimmed(value).count > limit else { return [] }
        return [ValidationIssue(field: field, message: "\(label) must be at most \(limit) characters")]
    }

    /// True when the optional text is absent or blank.
    static func isBlank(_ value: String?) -> Bool {
        value.map { trimmed($0).isEmpty } ?? true
    }

    /// An agency code as the database keeps it: lower-case letters, digits and underscores, starting
    /// with a letter (`police`, `childrens_services`).
    static func agencyCode(_ value: String, field: String) -> [ValidationIssue] {
        let code = value
        guard !code.isEmpty else { return [ValidationIssue(field: field, message: "agency is required")] }
        let shapeOK = code.count <= TextLimits.code
            && code.first.map { $0.isASCII && $0.isLowercase } == true
            && code.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
        return shapeOK ? [] : [ValidationIssue(
            field: field, message: "agency must be a code of lower-case letters, digits and underscores (e.g. childrens_services)")]
    }

    /// A telephone number as typed: digits, spaces and `+ - ( )`, with 7 to 15 digits.
    static func phone(_ value: String, field: String) -> [ValidationIssue] {
        let allowed = value.allSatisfy { ($0.isASCII && $0.isNumber) || " +-()".contains($0) }
        let digits = value.filter { $0.isASCII && $0.isNumber }.count
        guard allowed, (7...15).contains(digits), value.count <= TextLimits.phone else {
            return [ValidationIssue(field: field, message: "not a telephone number")]
        }
        return []
    }

    /// An email address of the plain `local@domain.tld` shape, without spaces.
    static func email(_ value: String, field: String) -> [ValidationIssue] {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard value.count <= TextLimits.email, parts.count == 2, !parts[0].isEmpty,
              !value.contains(where: \.isWhitespace)
        else { return [ValidationIssue(field: field, message: "not an email address")] }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard domain.count >= 2, domain.allSatisfy({ !$0.isEmpty }) else {
            return [ValidationIssue(field: field, message: "not an email address")]
        }
        return []
    }
}
