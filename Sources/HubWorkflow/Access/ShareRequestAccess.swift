import Foundation

/// Who may see and act on a share request: the MASH (roles that see personal data) on every agency's, a partner
/// responder only on requests addressed to their own agency, and no other role on any (an administrator or a board
/// viewer belongs to an agency too, but a request carries its subjects' personal data: ``Permission/readShareRequests``).
public enum ShareRequestAccess {
    /// Whether `identity` may read, answer or otherwise act on a request addressed to `agencyId`.
    public static func mayAct(_ identity: Identity, onRequestTo agencyId: UUID) -> Bool {
        guard Permission.readShareRequests.isGranted(to: identity.role) else { return false }
        return identity.role.seesPersonalData || agencyId == identity.agencyId
    }

    /// Whether `identity` may answer a request addressed to `agencyId` through Hub: only a user of the asked agency
    /// (its partner responders, or MASH staff who belong to it). The MASH answering another agency's request is
    /// refused: an answer it was given by phone or email is recorded as such (``mayRecordOnBehalf(_:ofRequestTo:)``).
    public static func mayAnswer(_ identity: Identity, requestTo agencyId: UUID) -> Bool {
        mayAnswer(identity, ownAgency: agencyId == identity.agencyId)
    }

    /// ``mayAnswer(_:requestTo:)`` for a request known by its agency's code (the screens' views).
    public static func mayAnswer(_ identity: Identity, requestToAgencyCode code: String) -> Bool {
        mayAnswer(identity, ownAgency: code == identity.agencyCode)
    }

    private static func mayAnswer(_ identity: Identity, ownAgency: Bool) -> Bool {
        Permission.answerShareRequests.isGranted(to: identity.role) && ownAgency
    }

    /// Whether `identity` may record, as ``RecordedOnBehalf``, an answer the agency `agencyId` gave by another
    /// channel: MASH staff (``Permission/recordAnswersOnBehalf``), for an agency other than their own (their own
    /// agency's they answer directly). A partner answers its own requests directly and never records for another.
    public static func mayRecordOnBehalf(_ identity: Identity, ofRequestTo agencyId: UUID) -> Bool {
        mayRecordOnBehalf(identity, ownAgency: agencyId == identity.agencyId)
    }

    /// ``mayRecordOnBehalf(_:ofRequestTo:)`` for a request known by its agency's code (the screens' views).
    public static func mayRecordOnBehalf(_ identity: Identity, ofRequestToAgencyCode code: String) -> Bool {
        mayRecordOnBehalf(identity, ownAgency: code == identity.agencyCode)
    }

    private static func mayRecordOnBehalf(_ identity: Identity, ownAgency: Bool) -> Bool {
        Permission.recordAnswersOnBehalf.isGranted(to: identity.role) && !ownAgency
    }

    /// The agency whose requests `identity` lists: nil (every agency's) for the MASH, else their own.
    public static func inboxAgency(of identity: Identity) -> UUID? {
        identity.role.seesPersonalData ? nil : identity.agencyId
    }
}
