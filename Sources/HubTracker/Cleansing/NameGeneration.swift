/// The generation a name's suffix marks: `Senior` (`Sr`, `Snr`) or `Junior` (`Jr`, `Jnr`). Cleansing takes the suffix
/// off the name (a father and son of one name share it), and keeps this: a record marked Senior is the father, one marked
/// Junior the son, and the two are never one person (``IdentityRule/generationGapSameName``). Ordinals (`II`, `III`)
/// say nothing about which generation a record is, so they mark none.
public enum NameGeneration: String, Sendable, Hashable, Codable {
    case senior
    case junior

    /// The generation a folded suffix word marks, if any.
    init?(suffix: String) {
        switch suffix {
        case "sr", "snr", "senior": self = .senior
        case "jr", "jnr", "junior": self = .junior
        default: return nil
        }
    }
}
