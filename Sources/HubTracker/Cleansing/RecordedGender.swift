/// Gender as a feed records it, reduced to what matching can use. Feeds spell it `F`, `Female`, `W`,
/// or with the NHS Data Dictionary codes (`1` male, `2` female, `9` not specified, `0` not known).
public enum RecordedGender: String, Sendable, Hashable, Codable, CaseIterable {
    case female
    case male
    /// Recorded, but neither female nor male.
    case other
    /// Not recorded or not known; never counts for or against a match.
    case unknown

    /// Reads the common spellings and codes; anything unrecognised is `.unknown`.
    public init(parsing raw: String?) {
        guard let raw else {
            self = .unknown
            return
        }
        switch TextFolding.fold(raw) {
        case "f", "female", "w", "woman", "girl", "2": self = .female
        case "m", "male", "man", "boy", "1": self = .male
        case "x", "other", "non binary", "non-binary", "nonbinary", "3": self = .other
        default: self = .unknown
        }
    }
}
