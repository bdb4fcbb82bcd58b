import Foundation

/// How much memory the embedded cluster's server may use, sized from the machine. PostgreSQL's own defaults
/// (128 MB of shared buffers, 4 MB per sort) suit a small shared host: with a tracker of a million records
/// (about 1.4 GB) most searches then copy pages in from the OS cache, one 8 kB page at a time.
///
/// Each setting can be set instead through the environment, in megabytes: `HUB_PG_SHARED_BUFFERS_MB`,
/// `HUB_PG_EFFECTIVE_CACHE_SIZE_MB`, `HUB_PG_WORK_MEM_MB`.
public struct EmbeddedClusterMemory: Sendable, Hashable {
    /// `shared_buffers`: PostgreSQL's own cache.
    public var sharedBuffersMB: Int
    /// `effective_cache_size`: how much of the database the planner may assume is cached (shared buffers and
    /// the OS cache together).
    public var effectiveCacheSizeMB: Int
    /// `work_mem`: for each sort or hash of a query, before it spills to disk.
    public var workMemMB: Int

    public init(sharedBuffersMB: Int, effectiveCacheSizeMB: Int, workMemMB: Int) {
        self.sharedBuffersMB = sharedBuffersMB
        self.effectiveCacheSizeMB = effectiveCacheSizeMB
        self.workMemMB = workMemMB
    }

    /// The usual rules of thumb for a server that has the machine mostly to itself: a quarter of memory for
    /// shared buffers (at least PostgreSQL's 128 MB, at most 8 GB), three quarters as the cache size, and
    /// work memory such that every connection could sort four things at once (4 MB to 64 MB).
    public static func sized(memoryMB: Int, maxConnections: Int) -> EmbeddedClusterMemory {
        EmbeddedClusterMemory(
            sharedBuffersMB: min(max(memoryMB / 4, 128), 8 * 1024),
            effectiveCacheSizeMB: max(memoryMB * 3 / 4, 512),
            workMemMB: min(max(memoryMB / (4 * max(maxConnections, 1)), 4), 64))
    }

    /// Sized from this machine's memory (or its control group's limit, when lower), then any setting the
    /// environment gives.
    public static func forThisMachine(
        maxConnections: Int, configuration: HubConfiguration = .fromProcess()
    ) throws -> EmbeddedClusterMemory {
        var memory = sized(memoryMB: availableMemoryMB(), maxConnections: maxConnections)
        try memory.override(from: configuration.clusterMemory)
        return memory
    }

    /// Replaces each setting the environment gives (a whole number of megabytes).
    public mutating func override(from environment: [String: String]) throws {
        func megabytes(_ name: String) throws -> Int? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Int(text), value > 0 else {
                throw EmbeddedClusterError("\(name) must be a whole number of megabytes, not \(text)")
            }
            return value
        }
        if let value = try megabytes("HUB_PG_SHARED_BUFFERS_MB") { sharedBuffersMB = value }
        if let value = try megabytes("HUB_PG_EFFECTIVE_CACHE_SIZE_MB") { effectiveCacheSizeMB = value }
        if let value = try megabytes("HUB_PG_WORK_MEM_MB") { workMemMB = value }
    }

    /// The server options that apply it.
    var serverOptions: [String] {
        ["-c shared_buffers=\(sharedBuffersMB)MB", "-c effective_cache_size=\(effectiveCacheSizeMB)MB", "-c work_mem=\(workMemMB)MB"]
    }

    /// Physical memory, or the cgroup v2 limit of this process when that is lower (in a container).
    static func availableMemoryMB() -> Int {
        let physical = Int(ProcessInfo.processInfo.physicalMemory / (1024 * 1024))
        guard let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
              let limit = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return physical }
        return min(physical, Int(limit / (1024 * 1024)))
    }
}
