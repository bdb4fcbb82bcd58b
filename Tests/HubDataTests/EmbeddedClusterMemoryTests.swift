import Foundation
import HubData
import HubTestSupport
import Logging
import PostgresNIO
import Testing

@Suite("Embedded cluster memory")
struct EmbeddedClusterMemoryTests {
    @Test func sizedFromTheMachinesMemory() {
        // 24 GB, 100 connections: a quarter for shared buffers, three quarters as the cache, 61 MB per sort.
        #expect(EmbeddedClusterMemory.sized(memoryMB: 24 * 1024, maxConnections: 100)
            == EmbeddedClusterMemory(sharedBuffersMB: 6 * 1024, effectiveCacheSizeMB: 18 * 1024, workMemMB: 61))
        // A small machine keeps PostgreSQL's defaults as floors; a large one is capped.
        #expect(EmbeddedClusterMemory.sized(memoryMB: 256, maxConnections: 100)
            == EmbeddedClusterMemory(sharedBuffersMB: 128, effectiveCacheSizeMB: 512, workMemMB: 4))
        let large = EmbeddedClusterMemory.sized(memoryMB: 256 * 1024, maxConnections: 100)
        #expect(large.sharedBuffersMB == 8 * 1024 && large.workMemMB == 64)
    }

    @Test func theEnvironmentOverridesEachSetting() throws {
        var memory = EmbeddedClusterMemory(sharedBuffersMB: 1024, effectiveCacheSizeMB: 3072, workMemMB: 16)
        try memory.override(from: ["HUB_PG_SHARED_BUFFERS_MB": "256", "HUB_PG_WORK_MEM_MB": " 8 "])
        #expect(memory == EmbeddedClusterMemory(sharedBuffersMB: 256, effectiveCacheSizeMB: 3072, workMemMB: 8))
        #expect(throws: EmbeddedClusterError.self) { try memory.override(from: ["HUB_PG_EFFECTIVE_CACHE_SIZE_MB": "4GB"]) }
        #expect(throws: EmbeddedClusterError.self) { try memory.override(from: ["HUB_PG_SHARED_BUFFERS_MB": "0"]) }
    }

    @Test func aClusterStartsWithItsMemorySettings() async throws {
        let root = URL(fileURLWithPath: "/tmp/hub-memory-test-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        let cluster = try EmbeddedCluster(
            root: root, durability: .throwaway, memory: EmbeddedClusterMemory(sharedBuffersMB: 160, effectiveCacheSizeMB: 1000, workMemMB: 12))
        defer {
            try? cluster.stop(immediate: true)
            try? FileManager.default.removeItem(at: root)
        }
        try await DedicatedThread.run { try cluster.start() }  // pg_ctl waits: not on a thread every test shares
        let logger = TestCluster.shared.logger
        let client = PostgresClient(configuration: cluster.configuration(database: "postgres"), backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            // The client itself rather than `Database`: its query metric is registered once per process, and
            // touching it here, before any application has bootstrapped metrics, would leave it unexported.
            let settings = try await client.query(
                "SELECT current_setting('shared_buffers'), current_setting('effective_cache_size'), current_setting('work_mem')",
                logger: logger
            ).collect().first!.decode((String, String, String).self)
            #expect(settings.0 == "160MB" && settings.1 == "1000MB" && settings.2 == "12MB")
        }
    }
}
