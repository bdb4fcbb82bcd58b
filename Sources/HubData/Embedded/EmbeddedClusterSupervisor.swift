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

    public init(cluster: EmbeddedCluster, logger: Logger, checkInterval: Duration = .milliseconds(500), maximumBackOff: Duration = .seconds(30)) {
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
            let ended = try await cluster.startOffThread()
            logger.warning("restarted the embedded PostgreSQL server", metadata: [
                "folder": "\(cluster.root.path)", "seconds": "\((ContinuousClock.now - began).seconds)",
                "oldProcessesEnded": "\(ended)"])
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
    public var postmasterPID: pid_t? { Self.pid(inLockFile: dataDirectory + "/postmaster.pid") }

    /// The process id on the first line of a PostgreSQL lock file (the data folder's `postmaster.pid`, a socket's
    /// `.lock`), if the file is there.
    static func pid(inLockFile path: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
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
    /// Returns how many of the old server's processes had to be ended first (``endOrphanedServerProcesses()``).
    @discardableResult
    func startOffThread() async throws -> Int {
        try await DedicatedThread.run {
            // A dead postmaster's lock files (the data folder's and the socket's) would make PostgreSQL think the old
            // server still runs when the postmaster is an unreaped zombie, whose process id is still taken.
            if let pid = postmasterPID, !postmasterIsAlive() {
                for lock in [dataDirectory + "/postmaster.pid", socketPath + ".lock"] where Self.pid(inLockFile: lock) == pid {
                    unlink(lock)
                }
            }
            let ended = endOrphanedServerProcesses()
            try start()
            return ended
        }
    }

    /// Ends what is left of a server whose postmaster died: its backends and background processes go on until they
    /// next wait (a backend in the middle of a long statement may go on for seconds), and while any is attached to
    /// the old shared memory PostgreSQL refuses to start ("Terminate any old server processes associated with data
    /// directory"). They are the `postgres` processes whose working folder is this data directory (PostgreSQL's
    /// processes all work there); once the postmaster is gone none of them can do anything useful, so they are
    /// killed, as the postmaster itself would have ended them, and waited for (up to 5 s). Only called when no live
    /// postmaster runs on the folder. Returns how many were ended.
    @discardableResult
    func endOrphanedServerProcesses() -> Int {
        guard !postmasterIsAlive() else { return 0 }
        let orphans = Self.serverProcesses(workingIn: dataDirectory)
        for pid in orphans { kill(pid, SIGKILL) }
        let until = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < until, !Self.serverProcesses(workingIn: dataDirectory).isEmpty {
            usleep(20_000)
        }
        return orphans.count
    }

    /// The live (not zombie) `postgres` processes whose working folder is `folder`.
    static func serverProcesses(workingIn folder: String) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        let target = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), pid != getpid(),
                  let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/cwd"), cwd == target,
                  let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/exe"),
                  exe.hasSuffix("/postgres"), !isZombie(pid)
            else { return nil }
            return pid
        }
    }
}
