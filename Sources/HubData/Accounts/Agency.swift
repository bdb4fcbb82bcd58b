import Foundation

/// A partner agency of the safeguarding partnership.
public struct Agency: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case police, health, education, probation, marac, fire, housing, other
        case childrensServices = "childrens_services"
        case adultServices = "adult_services"
    }

    public let id: UUID
    public let code: String
    public let name: String
    public let kind: Kind
    public let localAuthority: String?
    public let active: Bool

    public init(id: UUID, code: String, name: String, kind: Kind, localAuthority: String?, active: Bool) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.localAuthority = localAuthority
        self.active = active
    }
}
