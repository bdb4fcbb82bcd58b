import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// "Referrals we made": the referrals the user's agency made, newest received first, with their state, threshold
/// decision and outcome (``ListReferralsMade``, as `GET /api/v1/referrals-made`). A partner who has just referred
/// through `/referrals/new` lands here (`?received=` its reference, which is no personal data).
struct ReferralsMadeScreen {
    let kit: ScreenKit

    /// How many referrals a page shows.
    static let pageSize = 50

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("referrals-made", use: list)
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ListReferralsMade.self)
        let t = kit.catalogue(context)
        let cursor = try request.uri.queryParameters["cursor"].map { try PageCursor(decoding: String($0)) }
        let items = try await kit.useCases.listReferralsMade(
            after: cursor?.position, limit: Self.pageSize, purpose: t["purpose.referrals_made"], by: caller)
        let next = items.count == Self.pageSize ? items.last.map { PageCursor(at: $0.receivedAt, id: $0.id).encoded } : nil
        let view = ReferralsMadeView(
            t: t, time: kit.time(context), items: items, nextCursor: next,
            received: request.uri.queryParameters["received"].map(String.init))
        return try kit.render("referrals-made", page: kit.frame(request, context, title: t["referrals_made.title"]), view: view)
    }
}
