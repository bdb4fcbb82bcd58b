/// How a partner agency answered a share request.
public enum ShareResponseKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// The agency shared what it holds; the information is required.
    case informationShared = "information_shared"
    /// The agency searched its records and holds nothing relevant.
    case nothingKnown = "nothing_known"
    /// The agency declined to share; the reason is required.
    case declined
}
