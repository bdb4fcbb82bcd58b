import HubData

/// The values of one row set aside, as one byte (a million rows carry it).
public struct SetAside: Sendable, Hashable {
    public private(set) var bits: UInt8 = 0

    public init() {}

    public init(_ reasons: [SetAsideReason]) {
        for reason in reasons { insert(reason) }
    }

    public mutating func insert(_ reason: SetAsideReason) { bits |= Self.bit(reason) }
    public func contains(_ reason: SetAsideReason) -> Bool { bits & Self.bit(reason) != 0 }
    public var isEmpty: Bool { bits == 0 }
    /// How many values were set aside.
    public var count: Int { bits.nonzeroBitCount }

    /// The reasons, in ``SetAsideReason`` order.
    public var reasons: [SetAsideReason] { SetAsideReason.allCases.filter(contains) }
    static func bit(_ reason: SetAsideReason) -> UInt8 { 1 << UInt8(SetAsideReason.allCases.firstIndex(of: reason)!) }

    /// Whether the date of birth was set aside (either reason).
    public var dateOfBirth: Bool { contains(.unparseableDateOfBirth) || contains(.impossibleDateOfBirth) }
}
