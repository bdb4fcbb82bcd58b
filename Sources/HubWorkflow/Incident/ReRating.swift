/// A change of an incident's RAG rating, which must say why.
public struct ReRating: Sendable, Hashable, Codable {
    /// The new rating.
    public var rating: RAGRating
    /// Why the rating changed; required.
    public var rationale: String

    public init(rating: RAGRating, rationale: String) {
        self.rating = rating
        self.rationale = rationale
    }

    /// Rationale required and bounded; the new rating must differ from `current`.
    public func validate(current: RAGRating) -> [ValidationIssue] {
        var issues = FieldCheck.required(rationale, field: "rationale", limit: TextLimits.rationale, label: "rationale")
        if rating == current {
            issues.append(ValidationIssue(field: "rating", message: "the incident is already rated \(current.rawValue)"))
        }
        return issues
    }
}
