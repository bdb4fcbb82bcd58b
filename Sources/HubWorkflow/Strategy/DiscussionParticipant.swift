/// Someone at a strategy discussion, and the agency they represent.
public struct DiscussionParticipant: Sendable, Hashable, Codable {
    public var name: String
    /// Agency code (`police`, `health`, `childrens_services`).
    public var agency: String

    public init(name: String, agency: String) {
        self.name = name
        self.agency = agency
    }

    /// Name required and bounded; agency a well-formed code. Fields are named under `prefix`.
    public func validate(prefix: String) -> [ValidationIssue] {
        FieldCheck.required(name, field: "\(prefix).name", limit: TextLimits.name, label: "name")
            + FieldCheck.agencyCode(agency, field: "\(prefix).agency")
    }
}
