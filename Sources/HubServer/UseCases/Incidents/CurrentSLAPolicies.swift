import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// The SLA targets with the calendar policy the partnership chose for each clock (`SLAPolicyStore`), read in the
/// transaction that starts or retargets a clock: never cached, so a change made through any `hub serve` sharing the
/// database applies to the next clock every process starts.
struct CurrentSLAPolicies: Sendable {
    let store: SLAPolicyStore
    /// The durations and warning fraction; their calendar policies are replaced by the stored choice.
    let targets: SLAPolicySet

    func read(on connection: PostgresConnection) async throws -> SLAPolicySet {
        try await store.current(on: connection).policies.applied(to: targets)
    }
}
