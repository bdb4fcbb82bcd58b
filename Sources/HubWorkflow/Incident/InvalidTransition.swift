import Foundation

/// Thrown when an action is not allowed in the current state of a referral, incident or share
/// request. Names the entity, the state it was in and the action attempted.
public struct InvalidTransition: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// `referral`, `incident` or `share_request`.
    public let entity: String
    /// The raw value of the state the entity was in.
    public let state: String
    /// The name of the action attempted (`re_rate`, `answer`, …).
    public let action: String

    public init(entity: String, state: String, action: String) {
        self.entity = entity
        self.state = state
        self.action = action
    }

    /// `cannot re_rate: the incident is closed`.
    public var description: String {
        "cannot \(action): the \(entity.replacingOccurrences(of: "_", with: " ")) is \(state.replacingOccurrences(of: "_", with: " "))"
    }
}
