import Foundation

/// Who may see and act on a share request: the MASH (roles that see personal data) on every agency's, anyone
/// else only on requests addressed to their own agency.
public enum ShareRequestAccess {
    /// Whether `identity` may read, answer or otherwise act on a request addressed to `agencyId`.
    public static func mayAct(_ identity: Identity, onRequestTo agencyId: UUID) -> Bool {
        identity.role.seesPersonalData || agencyId == identity.agencyId
    }

    /// The agency whose requests `identity` lists: nil (every agency's) for the MASH, else their own.
    public static func inboxAgency(of identity: Identity) -> UUID? {
        identity.role.seesPersonalData ? nil : identity.agencyId
    }
}
