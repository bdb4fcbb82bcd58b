import Foundation
import HubTracker
import Hummingbird

/// `POST /api/v1/tracker/search`: the criteria, why the user is looking, and how many persons to return.
public struct TrackerSearchRequest: Codable, Sendable {
    var purpose: String?
    var name: String?
    var forename: String?
    var surname: String?
    var dateOfBirth: String?
    var address: String?
    var postcode: String?
    var referenceId: String?
    var nhsNumber: String?
    var limit: Int?

    public init(purpose: String?, criteria: TrackerSearchCriteria, limit: Int? = nil) {
        self.purpose = purpose
        (name, forename, surname, dateOfBirth) = (criteria.name, criteria.forename, criteria.surname, criteria.dateOfBirth)
        (address, postcode, referenceId, nhsNumber) = (criteria.address, criteria.postcode, criteria.referenceId, criteria.nhsNumber)
        self.limit = limit
    }

    var criteria: TrackerSearchCriteria {
        TrackerSearchCriteria(name: name, forename: forename, surname: surname, dateOfBirth: dateOfBirth, address: address,
                              postcode: postcode, referenceId: referenceId, nhsNumber: nhsNumber)
    }
}

/// `POST /api/v1/tracker/reviews/{id}`: `confirm` or `reject`.
struct TrackerReviewDecisionRequest: Codable, Sendable {
    var decision: String
}
