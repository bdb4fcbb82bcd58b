/// Why the `HUB_SLA_POLICIES` file was refused: `hub serve` stops with this message before it starts anything.
public struct SLAPolicyFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    /// What is wrong, naming the field when one is (`amber: must be one of continuous, working-hours, working-week`).
    public let reason: String

    public var description: String { "HUB_SLA_POLICIES names \(path), which was refused: \(reason)" }
}
