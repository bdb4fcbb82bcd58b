import Foundation

/// The small checks every form repeats, each returning the issues it finds for one field. Lengths are in code points
/// (``TextLength``), as the limits are.
enum FieldCheck {
    /// The value with surrounding white space removed.
    static func trimmed(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Required text: not blank, at most `limit` code points once trimmed (as it is stored).
    static func required(_ value: String, field: String, limit: Int, label: String) -> [ValidationIssue] {
        let text = trimmed(value)
        if text.isEmpty { return [ValidationIssue(field: field, message: "\(label) is required")] }
        if TextLength.count(text) > limit {
            return [ValidationIssue(field: field, message: "\(label) must be at most \(limit) characters")]
        }
        return []
    }

    /// Optional text: when present, at most `limit` code points once trimmed (blank counts as absent).
    static func optional(_ value: String?, field: String, limit: Int, label: String) -> [ValidationIssue] {
        guard let value, TextLength.count(trimmed(value)) > limit else { return [] }
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
        let shapeOK = TextLength.count(code) <= TextLimits.code
            && code.first.map { $0.isASCII && $0.isLowercase } == true
            && code.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
        return shapeOK ? [] : [ValidationIssue(
            field: field, message: "agency must be a code of lower-case letters, digits and underscores (e.g. childrens_services)")]
    }

    /// A telephone number as typed: digits, spaces and `+ - ( )`, with 7 to 15 digits.
    static func phone(_ value: String, field: String) -> [ValidationIssue] {
        let allowed = value.allSatisfy { ($0.isASCII && $0.isNumber) || " +-()".contains($0) }
        let digits = value.filter { $0.isASCII && $0.isNumber }.count
        guard allowed, (7...15).contains(digits), TextLength.count(value) <= TextLimits.phone else {
            return [ValidationIssue(field: field, message: "not a telephone number")]
        }
        return []
    }

    /// An email address of the plain `local@domain.tld` shape, without spaces.
    static func email(_ value: String, field: String) -> [ValidationIssue] {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard TextLength.count(value) <= TextLimits.email, parts.count == 2, !parts[0].isEmpty,
              !value.contains(where: \.isWhitespace)
        else { return [ValidationIssue(field: field, message: "not an email address")] }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard domain.count >= 2, domain.allSatisfy({ !$0.isEmpty }) else {
            return [ValidationIssue(field: field, message: "not an email address")]
        }
        return []
    }
}
