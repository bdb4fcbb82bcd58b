import Foundation
import HubWorkflow
import Logging
import ServiceLifecycle

/// Keeps the embedded cluster running while `hub serve` runs on it: every `checkInterval` it looks whether the
/// postmaster is alive (``EmbeddedCluster/postmasterIsAlive()``), and when it is not, starts the cluster again,
/// logged at warning; a start that fails is logged at error and tried again after a back-off (doubling from
/// `checkInterval` up to `maximumBackOff`). A crash is followed by PostgreSQL's own crash recovery, so every
/// committed transaction is there again (with `synchronous_commit` on, the embedded default).
public struct EmbeddedClusterSupervisor: Service {
    let cluster: EmbeddedCluster
    let logger: Logger
    let checkInterval: Duration
    let maximumBackOff: Duration

    public init(cluster: EmbeddedCluster, logger: Logger, checkInterval: Duration = .seconds(1), maximumBackOff: Duration = .seconds(30)) {
        self.cluster = cluster
        self.logger = logger
        self.checkInterval = checkInterval
        self.maximumBackOff = maximumBackOff
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var failedStarts = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: failedStarts == 0 ? checkInterval : backOff(afterFailedStarts: failedStarts))
                guard !Task.isCancelled, !cluster.postmasterIsAlive() else { continue }
                failedStarts = await restart(failedStarts: failedStarts)
            }
        }
    }

    /// Starts the cluster again; returns the number of failed starts in a row (0 when it started).
    private func restart(failedStarts: Int) async -> Int {
        logger.warning("the embedded PostgreSQL server is not running; starting it again", metadata: [
            "folder": "\(cluster.root.path)", "attempt": "\(failedStarts + 1)"])
        let began = ContinuousClock.now
        do {
            try await cluster.startOffThread()
            logger.warning("restarted the embedded PostgreSQL server", metadata: [
                "folder": "\(cluster.root.path)", "seconds": "\((ContinuousClock.now - began).seconds)"])
            return 0
        } catch {
            logger.error("could not restart the embedded PostgreSQL server; will try again", metadata: LoggedError(error).metadata.merging(
                ["retryIn": "\(backOff(afterFailedStarts: failedStarts + 1))"], uniquingKeysWith: { first, _ in first }))
            return failedStarts + 1
        }
    }

    func backOff(afterFailedStarts failures: Int) -> Duration {
        min(maximumBackOff, checkInterval * (1 << min(max(failures - 1, 0), 16)))
    }
}

extension EmbeddedCluster {
    /// Whether the postmaster named in `postmaster.pid` is alive. A killed postmaster whose parent never reaps it (a
    /// container whose first process reaps nothing) stays a zombie, which `kill(pid, 0)` and so `pg_ctl status`
    /// take for alive: on Linux its state in `/proc` says otherwise.
    public func postmasterIsAlive() -> Bool {
        guard let pid = postmasterPID else { return false }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        return !Self.isZombie(pid)
    }

    /// The process id `postmaster.pid` names, if the file is there.
    public var postmasterPID: pid_t? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
              let first = text.split(separator: "\n").first, let pid = pid_t(first.trimmingCharacters(in: .whitespaces)), pid > 0
        else { return nil }
        return pid
    }

    static func isZombie(_ pid: pid_t) -> Bool {
        // /proc/<pid>/stat: "pid (command) state …"; the command may hold spaces and parentheses, the state follows
        // the last ")".
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first == "Z"
    }

    /// ``start()`` on a thread of its own: `pg_ctl start` waits for crash recovery, which must not hold one of the
    /// few threads Swift's concurrency runs on.
    func startOffThread() async throws {
        try await DedicatedThread.run {
            // A zombie's lock file would make PostgreSQL think the old server still runs.
            if let pid = postmasterPID, Self.isZombie(pid) { unlink(dataDirectory + "/postmaster.pid") }
            try start()
        }
    }
}
