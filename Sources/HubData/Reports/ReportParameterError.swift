/// A report was asked for without a parameter it needs, or with one it cannot read.
public struct ReportParameterError: Error, Sendable, Hashable {
    public let name: String
    public let message: String
}
