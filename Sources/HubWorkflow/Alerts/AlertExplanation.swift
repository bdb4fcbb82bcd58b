/// Puts an alert into words: a rule's template with `{placeholders}` filled from the facts that fired it.
public enum AlertExplanation {
    /// The template with each `{name}` replaced by its fact; a fact that is missing reads "unknown".
    public static func render(_ template: String, facts: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            result += facts[name].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The placeholders a template uses.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The facts each condition supplies, which its rules' templates may use.
    public static func facts(of condition: AlertCondition) -> Set<String> {
        switch condition {
        case .eventDuringOpenCase:
            return ["name", "age", "dateOfBirth", "eventType", "eventDate", "eventSource", "openEventType", "openSource", "openSince"]
        case .eventsInWindow:
            return ["name", "age", "dateOfBirth", "count", "windowDays", "eventDate", "eventSources"]
        case .addressEventsWithOpenCase:
            return ["address", "count", "windowDays", "eventDate", "name", "age", "dateOfBirth", "openSource"]
        case .repeatReferral:
            return ["name", "reference", "receivedAt", "otherReference", "otherReceivedAt", "days"]
        case .referralSubjectOpenCase:
            return ["name", "reference", "openAgency", "openSource", "openEventType", "openSince", "leadProfessional"]
        }
    }
}
