import Foundation
import HubWorkflow

/// A referral subject as the referral rules match it: as written, and as the tracker's cleansing folds it
/// (so that it compares with `tracker_records`' search columns).
public struct ReferralSubjectIdentity: Sendable, Hashable {
    public var position: Int
    public var role: String
    public var displayName: String
    /// Ten digits, valid by mod 11, or nil.
    public var nhsNumber: String?
    public var dateOfBirth: CalendarDate?
    public var foldedForename: String
    public var foldedSurname: String
    public var canonicalForenames: [String]

    public init(
        position: Int, role: String, displayName: String, nhsNumber: String?, dateOfBirth: CalendarDate?,
        foldedForename: String, foldedSurname: String, canonicalForenames: [String]
    ) {
        self.position = position
        self.role = role
        self.displayName = displayName
        self.nhsNumber = nhsNumber
        self.dateOfBirth = dateOfBirth
        self.foldedForename = foldedForename
        self.foldedSurname = foldedSurname
        self.canonicalForenames = canonicalForenames
    }
}

/// A referral waiting for the referral rules.
public struct PendingReferral: Sendable, Hashable {
    public let id: UUID
    public let reference: String
    public let receivedAt: Date
    public let sourceAgency: String?
}
