/// Identifies one record: the partner system and that system's id for it.
public struct RecordKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var sourceSystem: String
    public var sourceRecordId: String

    public init(sourceSystem: String, sourceRecordId: String) {
        self.sourceSystem = sourceSystem
        self.sourceRecordId = sourceRecordId
    }

    public static func < (lhs: RecordKey, rhs: RecordKey) -> Bool {
        (lhs.sourceSystem, lhs.sourceRecordId) < (rhs.sourceSystem, rhs.sourceRecordId)
    }

    /// `system/id`.
    public var description: String { sourceSystem + "/" + sourceRecordId }
}
