/// Who may see and act on an action agreed at a strategy discussion: the MASH (roles that see personal data) on
/// every agency's, anyone else only on their own agency's, as for share requests (``ShareRequestAccess``).
public enum StrategyActionAccess {
    /// Whether `identity` may read or complete an action owned by the agency `ownerAgency` (a code).
    public static func mayAct(_ identity: Identity, onActionOwnedBy ownerAgency: String) -> Bool {
        guard Permission.readActions.isGranted(to: identity.role) else { return false }
        return identity.role.seesPersonalData || ownerAgency == identity.agencyCode
    }

    /// The agency whose actions `identity` lists: nil (every agency's) for the MASH, else their own (a code).
    public static func listedAgency(of identity: Identity) -> String? {
        identity.role.seesPersonalData ? nil : identity.agencyCode
    }
}
