/// A subject's gender as recorded by the referrer.
public enum Gender: String, Sendable, Codable, CaseIterable, Hashable {
    case female
    case male
    /// Recorded, but neither female nor male (e.g. non-binary).
    case other
    /// Not known to the referrer, or not yet known (unborn).
    case unknown
}
