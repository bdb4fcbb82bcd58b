import ArgumentParser
import Foundation
import HubData
import HubWorkflow

/// What `hub serve` takes from its configuration besides the database and the port, checked before anything
/// starts so that a wrong setting stops the server with a message naming the variable: the clock (a ``TestClock``
/// when `HUB_TEST_CLOCK` is on, which `HUB_ENVIRONMENT=production` refuses) and the `HUB_SLA_POLICIES` file.
struct ServeSettings: Sendable {
    let clock: any WallClock
    let slaPolicyFile: SLAPolicyFile?

    init(_ configuration: HubConfiguration) throws(ValidationError) {
        if configuration.testClock {
            guard !configuration.isProduction else { throw Self.testClockInProduction }
            clock = TestClock()
        } else {
            clock = SystemClock()
        }
        if let path = configuration.slaPoliciesFile {
            do {
                slaPolicyFile = try SLAPolicyFile.load(path: path)
            } catch {
                throw ValidationError(error.description)
            }
        } else {
            slaPolicyFile = nil
        }
    }

    static let testClockInProduction = ValidationError(
        "HUB_TEST_CLOCK is on but HUB_ENVIRONMENT is production: the test clock lets an administrator move time and is "
            + "for acceptance testing only. Unset HUB_TEST_CLOCK (or HUB_ENVIRONMENT on a test deployment).")
}
