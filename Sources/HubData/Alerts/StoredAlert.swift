import Foundation

/// An alert as a user sees it, with their agency's acknowledgement if there is one.
public struct StoredAlert: Sendable, Hashable, Codable {
    public struct Acknowledgement: Sendable, Hashable, Codable {
        public let by: String
        public let at: Date
        public let note: String
    }

    public let id: UUID
    public let rule: String?
    public let title: String
    public let trigger: String
    public let raisedAt: Date
    public let personId: Int64?
    public let uprn: Int64?
    public let referralId: UUID?
    public let feedImportId: Int64?
    public let watchlist: Bool
    public let explanation: String
    public let facts: [String: String]
    public let acknowledgement: Acknowledgement?
}
