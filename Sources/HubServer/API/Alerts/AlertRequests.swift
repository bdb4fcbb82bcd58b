import Foundation
import HubWorkflow

/// `POST /api/v1/alerts/{id}/acknowledgement`: what the agency did about the alert.
struct AlertAcknowledgementRequest: Codable, Sendable {
    var note: String
}

/// `POST /api/v1/watchlist`: a person or an address to follow, and why.
struct WatchlistEntryRequest: Codable, Sendable {
    var personId: Int64?
    var uprn: Int64?
    var reason: String
}

/// `PUT /api/v1/alert-rules/{code}`: a rule as data.
struct AlertRuleRequest: Codable, Sendable {
    var title: String
    var condition: String
    var parameters: AlertParameters
    var notifyAgencies: [String]
    var explanation: String
    var enabled: Bool?
}
