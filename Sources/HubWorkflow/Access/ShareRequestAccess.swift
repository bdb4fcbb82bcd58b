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

    /// The agency whose requests `identity` lists: nil (every agency's) for the MASH, else their own.
    public static func inboxAgency(of identity: Identity) -> UUID? {
        identity.role.seesPersonalData ? nil : identity.agencyId
    }
}
