/// Why an edge between two clusters was not applied.
public enum LinkRefusal: String, Sendable, Hashable, Codable {
    /// The clusters hold the two sides of a do-not-link pair.
    case doNotLink
    /// The clusters hold records in identity conflict (look alike but have different forenames or dates
    /// of birth, or different NHS numbers), and fewer links support joining them than conflicts oppose it.
    case conflictingRecords
    /// The clusters carry different valid NHS numbers.
    case differentNHSNumbers
}
