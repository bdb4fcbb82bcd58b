import Foundation
import HubData
import Hummingbird
import NIOCore

/// Health, readiness, metrics and the API description: the routes that need no sign-in.
struct OperationsController {
    let environment: AppEnvironment

    struct Health: ResponseCodable {
        let status: String
    }

    struct Readiness: ResponseCodable {
        let status: String
        let database: String
        let pendingMigrations: [String]
    }

    func addRoutes(to router: Router<HubRequestContext>) {
        router.get("health") { _, _ in Health(status: "ok") }
        router.get("ready", use: ready)
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: HubMetrics.registry.emitToBuffer())))
        }
        router.get("api/v1/openapi.yaml", use: openAPI)
    }

    @Sendable func ready(request: Request, context: HubRequestContext) async throws -> Response {
        let readiness: Readiness
        do {
            let status = try await environment.migrations.status(environment.database)
            readiness = Readiness(
                status: status.pending.isEmpty ? "ready" : "migrations pending",
                database: "reachable", pendingMigrations: status.pending)
        } catch let error as MigrationError {
            context.logger.error("not ready", metadata: LoggedError(error).metadata)
            readiness = Readiness(status: "migrations do not match", database: "reachable", pendingMigrations: [])
        } catch {
            context.logger.error("not ready", metadata: LoggedError(error).metadata)
            readiness = Readiness(status: "database unreachable", database: "unreachable", pendingMigrations: [])
        }
        var response = try HubJSONEncoder().encode(readiness, from: request, context: context)
        response.status = readiness.status == "ready" ? .ok : .serviceUnavailable
        return response
    }

    @Sendable func openAPI(request: Request, context: HubRequestContext) async throws -> Response {
        let path = environment.layout.docs.appendingPathComponent("openapi.yaml").path
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem.notFound("The API description") }
        return Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
