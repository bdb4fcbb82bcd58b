import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// The referral list: newest first, filtered by status and form, a page at a time (the same use case and cursor as
/// the API's list).
struct ReferralListScreen {
    let kit: ScreenKit

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("referrals", use: list)
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ListReferrals.self)
        let query = request.uri.queryParameters
        var filter = ReferralFilter(limit: 50)
        filter.status = query["status"].flatMap { ReferralStatus(rawValue: String($0)) }
        filter.form = query["form"].flatMap { ReferralForm(rawValue: String($0)) }
        filter.after = try? query["cursor"].map { try PageCursor(decoding: String($0)).position }
        let items = try await kit.useCases.listReferrals(filter, by: caller)
        let t = kit.catalogue(context)
        let time = kit.time(context)
        let page = Page(items: items, limit: filter.limit) { PageCursor(at: $0.receivedAt, id: $0.id) }
        var next: String?
        if let cursor = page.nextCursor {
            var parts = ["cursor=" + (cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")]
            if let status = filter.status { parts.append("status=\(status.rawValue)") }
            if let form = filter.form { parts.append("form=\(form.rawValue)") }
            next = "/referrals?" + parts.joined(separator: "&")
        }
        let view = ReferralListView(
            filters: [
                FormField(.select, name: "status", label: t["referrals.filter_status"], value: filter.status?.rawValue ?? "",
                          options: [("", t["board.all"])] + ReferralStatus.allCases.map { ($0.rawValue, t.label("status", $0.rawValue)) }),
                FormField(.select, name: "form", label: t["referrals.filter_form"], value: filter.form?.rawValue ?? "",
                          options: [("", t["board.all"])] + ReferralForm.allCases.map { ($0.rawValue, t.label("form", $0.rawValue)) }),
            ],
            rows: items.map { item in
                ReferralListView.Row(
                    href: "/referrals/\(item.id.lowercased)", reference: item.reference, form: t.label("form", item.form.rawValue),
                    status: t.label("status", item.status.rawValue), received: time.dateTime(item.receivedAt), localAuthority: item.localAuthority,
                    people: String(item.subjectCount), incident: item.incidentReference ?? "–")
            },
            hasRows: !items.isEmpty, next: next)
        return try kit.render("referrals", page: kit.frame(request, context, title: t["referrals.title"]), view: view)
    }
}

/// The referral list as the `referrals` template draws it.
struct ReferralListView: Sendable {
    struct Row: Sendable {
        let href: String
        let reference: String
        let form: String
        let status: String
        let received: String
        let localAuthority: String
        let people: String
        let incident: String
    }

    let filters: [FormField]
    let rows: [Row]
    let hasRows: Bool
    let next: String?
}
