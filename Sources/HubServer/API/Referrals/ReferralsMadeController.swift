import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// `GET /api/v1/referrals-made`: the referrals the caller's agency made, newest received first, with what the MASH
/// did with them (``ListReferralsMade``).
struct ReferralsMadeController {
    let useCases: UseCases

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("referrals-made", use: list)
    }

    struct ListQuery: QueryDecodable {
        let limit: Int
        let cursor: PageCursor?

        init(query: QueryReader) throws {
            limit = try query.limit()
            cursor = try query.cursor()
        }
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Page<ReferralMadeView> {
        let caller = try context.caller(for: ListReferralsMade.self)
        let query = try request.decodeQuery(as: ListQuery.self)
        let items = try await useCases.listReferralsMade(
            after: query.cursor?.position, limit: query.limit, purpose: Purpose.of(request), by: caller)
        return Page(items: items.map(ReferralMadeView.init), limit: query.limit) { PageCursor(at: $0.receivedAt, id: $0.id) }
    }
}
