import Foundation
import HubData
import HubWorkflow

/// The check every action on one share request makes first: the request exists, and the caller may act on a
/// request addressed to its agency (``ShareRequestAccess``).
struct ShareRequestAgencyCheck: Sendable {
    let shareRequests: ShareRequestStore

    func check(_ id: UUID, actor: Identity) async throws {
        guard let agencyId = try await shareRequests.agencyId(of: id) else { throw UseCaseError.notFound("The share request") }
        guard ShareRequestAccess.mayAct(actor, onRequestTo: agencyId) else { throw AccessDenied.anotherAgencysShareRequest }
    }
}
