import Foundation
import HubData
import HubWorkflow

/// The check every action on one share request makes first: the request exists, and the caller may act on a
/// request addressed to its agency (``ShareRequestAccess``); answering it, only the asked agency; recording an answer
/// on its behalf, only MASH staff of another agency.
struct ShareRequestAgencyCheck: Sendable {
    let shareRequests: ShareRequestStore

    func check(_ id: UUID, actor: Identity) async throws {
        guard let agencyId = try await shareRequests.agencyId(of: id) else { throw UseCaseError.notFound("The share request") }
        guard ShareRequestAccess.mayAct(actor, onRequestTo: agencyId) else { throw AccessDenied.anotherAgencysShareRequest }
    }

    /// Answering through Hub: only a user of the asked agency (``ShareRequestAccess/mayAnswer(_:requestTo:)``).
    func checkAnswer(_ id: UUID, actor: Identity) async throws {
        try await check(id, actor: actor)
        guard let agencyId = try await shareRequests.agencyId(of: id) else { throw UseCaseError.notFound("The share request") }
        guard ShareRequestAccess.mayAnswer(actor, requestTo: agencyId) else { throw AccessDenied.onlyTheAskedAgencyAnswers }
    }

    /// Recording an answer on the asked agency's behalf: MASH staff, for another agency than their own
    /// (``ShareRequestAccess/mayRecordOnBehalf(_:ofRequestTo:)``).
    func checkOnBehalf(_ id: UUID, actor: Identity) async throws {
        try await check(id, actor: actor)
        guard let agencyId = try await shareRequests.agencyId(of: id) else { throw UseCaseError.notFound("The share request") }
        guard ShareRequestAccess.mayRecordOnBehalf(actor, ofRequestTo: agencyId) else { throw AccessDenied.answerYourOwnAgencysDirectly }
    }
}
