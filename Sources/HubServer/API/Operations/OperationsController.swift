import Foundation
import HubData
import Hummingbird
import Logging
import Metrics
import NIOCore

/// Health, readiness, metrics and the API description: the routes that need no sign-in.
///
/// `/health` is liveness and never touches the database. `/ready` answers within about two seconds: 503 while the
/// database circuit is open, when PostgreSQL does not answer within `probeTimeout`, when migrations are pending or do
/// not match, or when a background worker has had no successful pass for longer than its limit (`stuckWorkers`).
struct OperationsController {
    let environment: AppEnvironment
    var workers = WorkerHealth()
    /// How long `/ready` and `/metrics` wait for PostgreSQL (``HubApplication/Options/readinessProbeTimeout``).
    let probeTimeout: Duration

    struct Health: ResponseCodable {
        let status: String
    }

    struct Readiness: ResponseCodable {
        let status: String
        let database: String
        let pendingMigrations: [String]
        /// Background workers with no successful pass for longer than their limit.
        var stuckWorkers: [String] = []
    }

    func addRoutes(to router: Router<HubRequestContext>) {
        router.get("health") { _, _ in Health(status: "ok") }
        router.get("ready", use: ready)
        router.get("metrics") { _, context in
            await recordBacklog(logger: context.logger)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: HubMetrics.registry.emitToBuffer())))
        }
        router.get("api/v1/openapi.yaml", use: openAPI)
    }

    @Sendable func ready(request: Request, context: HubRequestContext) async throws -> Response {
        var readiness = await databaseReadiness(logger: context.logger)
        readiness.stuckWorkers = workers.stuck(at: .now)
        if readiness.status == "ready" && !readiness.stuckWorkers.isEmpty {
            readiness = Readiness(status: "workers stuck", database: readiness.database, pendingMigrations: [], stuckWorkers: readiness.stuckWorkers)
            context.logger.error("not ready", metadata: ["stuckWorkers": "\(readiness.stuckWorkers.joined(separator: ","))"])
        }
        var response = try HubJSONEncoder().encode(readiness, from: request, context: context)
        response.status = readiness.status == "ready" ? .ok : .serviceUnavailable
        return response
    }

    private func databaseReadiness(logger: Logger) async -> Readiness {
        if environment.database.isCircuitOpen {
            return Readiness(status: "database unreachable", database: "unreachable", pendingMigrations: [])
        }
        do {
            let status = try await DatabaseDeadline.within(probeTimeout) {
                try await environment.migrations.status(environment.database)
            }
            return Readiness(
                status: status.pending.isEmpty ? "ready" : "migrations pending", database: "reachable", pendingMigrations: status.pending)
        } catch let error as MigrationError {
            logger.error("not ready", metadata: LoggedError(error).metadata)
            return Readiness(status: "migrations do not match", database: "reachable", pendingMigrations: [])
        } catch {
            logger.error("not ready", metadata: LoggedError(error).metadata)
            return Readiness(status: "database unreachable", database: "unreachable", pendingMigrations: [])
        }
    }

    /// Brings the lag gauges up to date before `/metrics` is written: each worker's seconds since its last successful
    /// pass, whether the database circuit is open, and the work waiting (``WorkBacklog``) when PostgreSQL answers in time
    /// (otherwise the backlog gauges keep their last values).
    private func recordBacklog(logger: Logger) async {
        workers.recordGauges(at: .now)
        Gauge(label: "hub_db_circuit_open").record(environment.database.isCircuitOpen ? 1 : 0)
        guard !environment.database.isCircuitOpen else { return }
        do {
            let backlog = try await DatabaseDeadline.within(probeTimeout) {
                try await WorkBacklogStore(database: environment.database).read(now: environment.clock.now())
            }
            Gauge(label: "hub_audit_unsealed_events").record(backlog.unsealedAuditEvents)
            Gauge(label: "hub_audit_oldest_unsealed_seconds").record(backlog.oldestUnsealedAuditSeconds)
            Gauge(label: "hub_referrals_awaiting_alert_scan").record(backlog.referralsAwaitingAlertScan)
            Gauge(label: "hub_referral_alert_scan_oldest_seconds").record(backlog.oldestAwaitingAlertScanSeconds)
            Gauge(label: "hub_outbox_pending").record(backlog.outboxPending)
            Gauge(label: "hub_outbox_oldest_pending_seconds").record(backlog.oldestOutboxPendingSeconds)
        } catch {
            logger.warning("the work backlog could not be read for /metrics", metadata: LoggedError(error).metadata)
        }
    }

    @Sendable func openAPI(request: Request, context: HubRequestContext) async throws -> Response {
        let path = environment.layout.docs.appendingPathComponent("openapi.yaml").path
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem.notFound("The API description") }
        return Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
