import Foundation
import HubData

/// What an administrator sees of the SLA clock policies: the stored choice and the identifiers of every calendar
/// policy it may name.
public struct SLAPolicySettings: Sendable, Hashable {
    public let stored: StoredSLAPolicies
    public let available: [String]
}
