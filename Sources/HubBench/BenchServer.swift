import AsyncHTTPClient
import Logging
import ServiceLifecycle

/// A Hub application served in this process for a benchmark, with an HTTP client of its own to drive it: `body`
/// runs once the server answers `/ready`, then the server stops and the client is shut down, also when `body`
/// throws (the shared client's idle keep-alive connections would keep the process alive after the results).
enum BenchServer {
    static func run<Result: Sendable>(
        _ app: some Service, port: Int, logger: Logger, _ body: (BenchAPIClient) async throws -> Result
    ) async throws -> Result {
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let result = try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let api = BenchAPIClient(base: "http://127.0.0.1:\(port)", http: http)
                try await api.waitUntilReady()
                let result = try await body(api)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            }
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}
