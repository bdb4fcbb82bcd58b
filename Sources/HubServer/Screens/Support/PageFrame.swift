import Foundation
import HubWorkflow

/// What every page's layout shows: the language, the title, who is signed in, the navigation the role may use,
/// the language switch, and the token the page's forms carry.
struct PageFrame: Sendable {
    let t: MessageCatalogue
    let lang: String
    let title: String
    let user: UserBadge?
    let nav: [NavLink]
    let csrf: String
    let languageSwitch: LanguageSwitch
    /// Validation problems of the page's form, for the error summary at the top.
    let errors: [FieldError]
    /// Stored, not computed: templates read stored properties only.
    let hasErrors: Bool
    let hasNav: Bool

    init(t: MessageCatalogue, lang: String, title: String, user: UserBadge?, nav: [NavLink], csrf: String,
         languageSwitch: LanguageSwitch, errors: [FieldError]) {
        self.t = t
        self.lang = lang
        self.title = title
        self.user = user
        self.nav = nav
        self.csrf = csrf
        self.languageSwitch = languageSwitch
        self.errors = errors
        hasErrors = !errors.isEmpty
        hasNav = !nav.isEmpty
    }

    struct UserBadge: Sendable {
        let name: String
        let agency: String
        let role: String
    }

    struct NavLink: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    struct LanguageSwitch: Sendable {
        let label: String
        let href: String
        let lang: String
    }

    /// A problem with one field: its message, and the id of the input it is about (the summary links to it).
    struct FieldError: Sendable {
        let field: String
        let inputId: String
        let message: String
    }
}

/// The screens' navigation: each entry shown only to roles whose permission the screen needs.
enum ScreenNavigation {
    struct Entry {
        let key: String
        let href: String
        let permission: Permission
    }

    static let entries: [Entry] = [
        Entry(key: "nav.board", href: "/incidents", permission: .readReferrals),
        Entry(key: "nav.referrals", href: "/referrals", permission: .readReferrals),
        Entry(key: "nav.new_referral", href: "/referrals/new", permission: .makeReferrals),
        Entry(key: "nav.tracker", href: "/tracker", permission: .searchTracker),
        Entry(key: "nav.inbox", href: "/inbox", permission: .answerShareRequests),
        Entry(key: "nav.actions", href: "/actions", permission: .readActions),
        Entry(key: "nav.referrals_made", href: "/referrals-made", permission: .readReferralsMade),
        Entry(key: "nav.dashboard", href: "/dashboard", permission: .readBoardReports),
        Entry(key: "nav.admin", href: "/admin", permission: .manageAccounts),
    ]

    /// The entries `role` may use; `path` marks the current one.
    static func links(for role: Role, path: String, catalogue: MessageCatalogue) -> [PageFrame.NavLink] {
        let visible = entries.filter { $0.permission.isGranted(to: role) }
        let current = visible.filter { path == $0.href || path.hasPrefix($0.href + "/") }.max { $0.href.count < $1.href.count }
        return visible.map { PageFrame.NavLink(label: catalogue[$0.key], href: $0.href, current: $0.href == current?.href) }
    }

    /// Where a role starts after signing in.
    static func home(for role: Role) -> String {
        switch role {
        case .mashTriage, .mashManager: return "/incidents"
        case .partnerResponder: return "/inbox"
        case .boardViewer: return "/dashboard"
        case .admin: return "/admin"
        }
    }
}
