/// Why a use case refused, beyond validation (``ValidationFailure``) and access (``AccessDenied``): each front end
/// shows it in its own way (the API as a problem document).
public enum UseCaseError: Error, Sendable, Equatable {
    /// `subject` (e.g. "The referral") does not exist, or not for this caller.
    case notFound(String)
    /// The request conflicts with the current state (`kind` is a stable identifier such as `conflict`).
    case conflict(kind: String, detail: String)
    /// A named input outside the request body (a header, a query parameter) is invalid.
    case invalidParameter(name: String, message: String)
    /// The change names a version (`If-Match`) that is no longer current.
    case staleVersion(current: Int)
    /// Agency codes that name no active agency.
    case unknownAgencies([String])
    /// Agencies the incident has already asked to share.
    case alreadyRequested([String])
}
