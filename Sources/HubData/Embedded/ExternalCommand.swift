import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program (PostgreSQL's tools, `chown`) and collects what it prints.
///
/// Uses `posix_spawn` and `waitpid` rather than Foundation's `Process`: `pg_ctl start` leaves a server running
/// with inherited descriptors, and `Process.waitUntilExit` was seen never to return from a concurrency thread (the
/// demo's feed generator runs through it too, for the same reason).
public struct ExternalCommand: Sendable {
    public let executable: String
    public let arguments: [String]

    /// `executable` is a path (it is not looked up in `PATH`).
    public init(executable: String, arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let output: String
        public var description: String { "\(command) exited with \(status): \(output.trimmingCharacters(in: .whitespacesAndNewlines))" }
    }

    /// Runs the command, as the `postgres` OS user when `asPostgres` and we are root (initdb refuses root).
    static func make(_ executable: String, _ arguments: [String], asPostgres: Bool) -> ExternalCommand {
        if asPostgres && getuid() == 0 {
            return ExternalCommand(executable: "/usr/sbin/runuser", arguments: ["-u", "postgres", "--", executable] + arguments)
        }
        return ExternalCommand(executable: executable, arguments: arguments)
    }

    @discardableResult
    public func run(allowFailure: Bool = false) throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("hub-command-\(getpid())-\(UInt64.random(in: 0 ... .max)).log").path
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw Failure(command: executable, status: -1, output: String(cString: strerror(spawned)))
        }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) == -1 {
            guard errno == EINTR else { throw Failure(command: executable, status: -1, output: "waitpid failed") }
        }
        // WIFEXITED / WEXITSTATUS, spelled out because the C macros are not imported.
        let exited = (waitStatus & 0x7f) == 0
        let status: Int32 = exited ? (waitStatus >> 8) & 0xff : 128 + (waitStatus & 0x7f)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        if status != 0 && !allowFailure {
            throw Failure(command: ([executable] + arguments).joined(separator: " "), status: status, output: output)
        }
        return (status, output)
    }
}
