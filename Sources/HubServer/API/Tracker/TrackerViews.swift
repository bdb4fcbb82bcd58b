import Foundation
import HubData
import HubTracker
import Hummingbird

/// A search's answer: persons best first, and the addresses their records give.
struct TrackerSearchResponse: ResponseCodable {
    struct Person: Codable, Sendable {
        let personId: Int64
        let score: Double
        /// The name, date of birth and address of the best-known identity.
        let forename: String?
        let surname: String?
        let dateOfBirth: String?
        let sources: [String]
        let records: [TrackerRecordSummary]
    }

    struct Address: Codable, Sendable {
        let uprn: Int64?
        let addressLine1: String?
        let addressLine2: String?
        let town: String?
        let postcode: String?
        let personIds: [Int64]
    }

    let persons: [Person]
    let addresses: [Address]

    init(hits: [TrackerSearchHit]) {
        persons = hits.map { hit in
            let best = hit.records.first { $0.surname != nil && $0.dateOfBirth != nil } ?? hit.records[0]
            return Person(personId: hit.personId, score: (hit.score * 100).rounded() / 100, forename: best.forename, surname: best.surname,
                          dateOfBirth: best.dateOfBirth, sources: Array(Set(hit.records.map(\.sourceSystem))).sorted(), records: hit.records)
        }
        var order: [String] = []
        var byKey: [String: Address] = [:]
        for hit in hits {
            for record in hit.records where record.addressLine1 != nil || record.postcode != nil || record.uprn != nil {
                let key = record.uprn.map { "uprn:\($0)" }
                    ?? "\(record.addressLine1 ?? "")|\(record.postcode ?? "")".lowercased()
                if let existing = byKey[key] {
                    if !existing.personIds.contains(hit.personId) {
                        byKey[key] = Address(uprn: existing.uprn, addressLine1: existing.addressLine1, addressLine2: existing.addressLine2,
                                             town: existing.town, postcode: existing.postcode, personIds: existing.personIds + [hit.personId])
                    }
                } else {
                    order.append(key)
                    byKey[key] = Address(uprn: record.uprn, addressLine1: record.addressLine1, addressLine2: record.addressLine2,
                                         town: record.town, postcode: record.postcode, personIds: [hit.personId])
                }
            }
        }
        addresses = order.map { byKey[$0]! }
    }
}

/// A pending review as the API shows it, with the explanation as JSON.
struct TrackerReviewView: Codable, Sendable {
    let id: Int64
    let score: Double
    let probability: Double
    let status: String
    let recordA: TrackerRecordSummary
    let recordB: TrackerRecordSummary
    let explanation: MatchExplanation?

    init(_ review: TrackerReview) {
        id = review.id
        score = review.score
        probability = review.probability
        status = review.status
        recordA = review.recordA
        recordB = review.recordB
        explanation = try? JSONDecoder().decode(MatchExplanation.self, from: Data(review.explanation.utf8))
    }
}

