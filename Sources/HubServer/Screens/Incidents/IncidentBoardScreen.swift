import Foundation
import Mustache
import HubData
import HubWorkflow
import Hummingbird

/// The incident board: open incidents by RAG with each share request's and the strategy discussion's due time and
/// a countdown (time left, or overdue by), breached first; filtered by RAG, agency and state; the page fetches its
/// table again every 30 seconds (the filters are in the address, so a reload keeps the user's place).
struct IncidentBoardScreen {
    let kit: ScreenKit

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("incidents", use: show)
    }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReadIncidentBoard.self)
        let query = request.uri.queryParameters
        let filter = IncidentStore.BoardFilter(
            rating: query["rag"].flatMap { RAGRating(rawValue: String($0)) },
            state: query["state"].flatMap { IncidentState(rawValue: String($0)) },
            agency: query["agency"].map(String.init).flatMap { $0.isEmpty ? nil : $0 })
        let items = try await kit.useCases.readIncidentBoard(filter, by: caller)
        let chasers = try await kit.useCases.listFeedbackChasers(by: caller)
        let agencies = try await kit.useCases.listAgencies(by: caller)
        let t = kit.catalogue(context)
        var view = IncidentBoardView(t: t, time: kit.time(context), now: kit.clock.now(), items: items, filter: filter, agencies: agencies,
                                     refresh: request.uri.description)
        view.chasers = chasers.map { chaser in
            let values = ["reference": chaser.reference, "time": kit.time(context).dateTime(chaser.dueAt)]
            return IncidentBoardView.Chaser(
                href: "/referrals/\(chaser.referralId.lowercased)#h-feedback",
                text: t.format(chaser.overdue ? "feedback.chaser_overdue" : "feedback.chaser_due_soon", values), overdue: chaser.overdue)
        }
        view.hasChasers = !view.chasers.isEmpty
        return try kit.render("incidents", page: kit.frame(request, context, title: t["board.title"]), view: view)
    }
}

/// The board as the `incidents` template draws it.
struct IncidentBoardView: Sendable {
    struct Clock: Sendable {
        let label: String
        let status: String
        let countdown: ScreenTime.Countdown?
    }

    struct Row: Sendable {
        let href: String
        let reference: String
        let referralReference: String
        let form: String
        let rag: String
        let ragKind: String
        let state: String
        let breached: Bool
        let clocks: [Clock]
        let opened: String
    }

    struct Stat: Sendable {
        let label: String
        let count: Int
    }

    /// Referrers waiting to be told the decision, due soon or overdue (issue #20).
    struct Chaser: Sendable {
        let href: String
        let text: String
        let overdue: Bool
    }

    let filters: [FormField]
    var chasers: [Chaser] = []
    var hasChasers = false
    let rows: [Row]
    let hasRows: Bool
    let stats: [Stat]
    let refresh: String

    init(t: MessageCatalogue, time: ScreenTime, now: Date, items: [BoardIncident], filter: IncidentStore.BoardFilter, agencies: [Agency],
         refresh: String) {
        filters = [
            FormField(.select, name: "rag", label: t["board.filter_rag"], value: filter.rating?.rawValue ?? "",
                      options: [("", t["board.all"])] + RAGRating.allCases.map { ($0.rawValue, t.label("rag", $0.rawValue)) }),
            FormField(.select, name: "state", label: t["board.filter_state"], value: filter.state?.rawValue ?? "",
                      options: [("", t["board.all_open"])] + IncidentState.allCases.map { ($0.rawValue, t.label("incident_state", $0.rawValue)) }),
            FormField(.select, name: "agency", label: t["board.filter_agency"], value: filter.agency ?? "",
                      options: [("", t["board.all"])] + agencies.map { ($0.code, $0.name) }),
        ]
        let names = agencies.namesByCode
        rows = items.map { item in
            var clocks = item.requests.map { request -> Clock in
                let status: String
                switch request.state {
                case .requested: status = t["board.awaiting"]
                case .answered: status = request.answeredOnTime == false ? t["board.answered_late"] : t["board.answered"]
                case .withdrawn: status = t["board.withdrawn"]
                }
                return Clock(label: names[request.agency] ?? request.agency, status: status,
                             countdown: request.state == .requested ? time.countdown(to: request.dueAt, now: now) : nil)
            }
            if let due = item.strategyDiscussionDueAt {
                clocks.append(Clock(label: t["board.strategy"], status: t["board.awaiting"], countdown: time.countdown(to: due, now: now)))
            }
            return Row(
                href: "/incidents/\(item.id.lowercased)", reference: item.reference, referralReference: item.referralReference,
                form: t.label("form", item.form.rawValue), rag: t.label("rag", item.rating.rawValue), ragKind: item.rating.rawValue,
                state: t.label("incident_state", item.state.rawValue), breached: item.breached, clocks: clocks, opened: time.dateTime(item.openedAt))
        }
        hasRows = !rows.isEmpty
        stats = [
            Stat(label: t["board.stat_open"], count: items.count),
            Stat(label: t["board.stat_breached"], count: items.filter(\.breached).count),
        ] + RAGRating.allCases.map { rating in Stat(label: t.label("rag", rating.rawValue), count: items.filter { $0.rating == rating }.count) }
        self.refresh = refresh
    }
}

// The board draws hundreds of rows: its values name their fields to the template directly (a `switch`), rather
// than through reflection, which costs a scan of every field at each name the template looks up (measured: most
// of the board's time with 500 incidents).
extension IncidentBoardView.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "reference": reference
        case "referralReference": referralReference
        case "form": form
        case "rag": rag
        case "ragKind": ragKind
        case "state": state
        case "breached": breached
        case "clocks": clocks
        case "opened": opened
        default: nil
        }
    }
}

extension IncidentBoardView.Clock: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "status": status
        case "countdown": countdown
        default: nil
        }
    }
}

extension IncidentBoardView.Stat: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "count": count
        default: nil
        }
    }
}
