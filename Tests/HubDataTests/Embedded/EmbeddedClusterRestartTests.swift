import Foundation
@testable import HubData
import HubTestSupport
import Logging
import PostgresNIO
import Testing

/// What the supervisor does after a crash of the embedded PostgreSQL: the old server's processes that outlive its
/// postmaster (a backend in the middle of a statement) would keep PostgreSQL from starting; they are ended first.
@Suite("Embedded cluster restart")
struct EmbeddedClusterRestartTests {
    @Test(.timeLimit(.minutes(5))) func aBackendStillBusyAfterThePostmasterDiedIsEndedSoTheClusterStartsAgain() async throws {
        let logger = TestCluster.shared.logger
        let cluster = try EmbeddedCluster(
            root: URL(fileURLWithPath: "/tmp/hub-restart-\(getpid())-\(UInt32.random(in: 0 ... .max))"), durability: .throwaway,
            maxConnections: 10, memory: EmbeddedClusterMemory(sharedBuffersMB: 16, effectiveCacheSizeMB: 64, workMemMB: 4))
        try await DedicatedThread.run { try cluster.start() }
        defer {
            try? cluster.stop(immediate: true)
            for pid in EmbeddedCluster.serverProcesses(workingIn: cluster.dataDirectory) { kill(pid, SIGKILL) }
            try? FileManager.default.removeItem(at: cluster.root)
        }
        // A statement that keeps its backend busy (no wait, so it does not notice its postmaster's death) for minutes.
        let busy = try await cluster.connect(logger: logger)
        let statement = Task { try? await busy.query("SELECT count(*) FROM generate_series(1, 2000000000)", logger: logger).collect() }
        defer { statement.cancel() }
        try await Task.sleep(for: .milliseconds(500))
        let pid = try #require(cluster.postmasterPID)
        #expect(kill(pid, SIGKILL) == 0)
        for _ in 0..<100 where cluster.postmasterIsAlive() { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!cluster.postmasterIsAlive())
        let left = EmbeddedCluster.serverProcesses(workingIn: cluster.dataDirectory)
        #expect(!left.isEmpty, "the busy backend outlives its postmaster")

        let began = ContinuousClock.now
        let ended = try await cluster.startOffThread()
        #expect(ended >= 1)
        #expect(ContinuousClock.now - began < .seconds(30))
        #expect(cluster.postmasterIsAlive())
        let connection = try await cluster.connect(logger: logger)
        let one = try await connection.query("SELECT 1", logger: logger).collect().first?.decode(Int.self)
        #expect(one == 1)
        try? await connection.close()
    }
}
