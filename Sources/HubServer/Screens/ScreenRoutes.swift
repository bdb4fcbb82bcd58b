import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// Every screen's routes, behind the screens' security headers, session cookie and error pages.
enum ScreenRoutes {
    static func add(to router: Router<HubRequestContext>, kit: ScreenKit, assets: AssetController, stores: Stores,
                    environment: AppEnvironment) {
        let screens = router.group().add(middleware: ScreenSecurityHeaders())
        assets.addRoutes(to: screens)
        let pages = screens
            .add(middleware: ScreenErrorMiddleware(kit: kit))  // for the session lookup's own failures
            .add(middleware: ScreenSessionMiddleware(sessions: stores.sessions, clock: environment.clock, policy: environment.signInPolicy,
                                                     secureCookies: kit.secureCookies))
            .add(middleware: ScreenErrorMiddleware(kit: kit))
        SignInScreen(kit: kit, policy: environment.signInPolicy).addRoutes(to: pages)
        ReferralIntakeScreen(kit: kit).addRoutes(to: pages)
        ReferralScreen(kit: kit).addRoutes(to: pages)
        IncidentBoardScreen(kit: kit).addRoutes(to: pages)
        IncidentScreen(kit: kit).addRoutes(to: pages)
        PartnerInboxScreen(kit: kit).addRoutes(to: pages)
        ActionsScreen(kit: kit).addRoutes(to: pages)
        ReferralsMadeScreen(kit: kit).addRoutes(to: pages)
        DashboardScreen(kit: kit).addRoutes(to: pages)
        ReferralListScreen(kit: kit).addRoutes(to: pages)
        TrackerScreens(kit: kit).addRoutes(to: pages)
        AdminScreen(kit: kit).addRoutes(to: pages)
    }
}
