import Foundation
import HubData
#if canImport(Glibc)
import Glibc
#endif

/// A real mail transfer agent on loopback for tests: Debian's Exim (`exim4-daemon-light`, installed by
/// scripts/prerequisites.sh), started as a daemon on a free port with its own configuration, spool and log in a
/// throwaway folder, accepting mail for anyone and appending every message to one mailbox file that the test reads
/// back. Nothing is mocked: Hub's SMTP client talks to Exim as it would to an operator's relay. When Exim is not
/// installed or does not start, ``start()`` throws saying why; tests fail on it rather than skip.
public final class LocalMTA: Sendable {
    public let port: Int
    public let folder: String

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    init(port: Int, folder: String) {
        self.port = port
        self.folder = folder
    }

    /// The mailbox file every delivered message is appended to (mbox: each message starts with a `From ` line).
    public var mailboxPath: String { folder + "/mail/mailbox" }

    public static func start() throws -> LocalMTA {
        guard let exim = ["/usr/sbin/exim4", "/usr/sbin/exim"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "no local MTA: Exim is not installed (run scripts/prerequisites.sh, or apt-get install -y exim4-daemon-light)")
        }
        let folder = "/tmp/hub-mta-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let manager = FileManager.default
        for sub in ["", "/spool", "/log", "/mail"] {
            try manager.createDirectory(atPath: folder + sub, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        let user: String
        if getuid() == 0 {
            // Exim never delivers as root: the spool, log and mailbox belong to Debian's Exim user.
            let users: [String] = ["Debian-exim", "exim"]
            guard let name = users.first(where: { getpwnam($0) != nil }) else {
                throw Failure(description: "no Exim system user (Debian-exim) to run the local MTA as")
            }
            user = name
            for sub in ["/spool", "/log", "/mail"] {
                try ExternalCommand(executable: "/bin/chown", arguments: ["-R", "\(name):", folder + sub]).run()
            }
        } else {
            guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { throw Failure(description: "who am I?") }
            user = String(cString: name)
        }
        let port = try freePort()
        let configuration = """
            primary_hostname = hub-test.invalid
            exim_user = \(user)
            exim_group = \(user)
            spool_directory = \(folder)/spool
            log_file_path = \(folder)/log/%slog
            pid_file_path = \(folder)/exim.pid
            local_interfaces = 127.0.0.1
            daemon_smtp_ports = \(port)
            acl_smtp_rcpt = accept_all
            host_lookup =
            tls_advertise_hosts =
            queue_only = false
            begin acl
            accept_all:
              accept
            begin routers
            everyone:
              driver = accept
              transport = to_mailbox
            begin transports
            to_mailbox:
              driver = appendfile
              file = \(folder)/mail/mailbox
              user = \(user)
              group = \(user)
              mode = 0644
              delivery_date_add
              envelope_to_add
              return_path_add
            begin retry
            *  *  F,1h,1m

            """
        let configPath = folder + "/exim.conf"
        try configuration.write(toFile: configPath, atomically: true, encoding: .utf8)
        try manager.setAttributes([.posixPermissions: 0o644], ofItemAtPath: configPath)
        let mta = LocalMTA(port: port, folder: folder)
        let (status, output) = try ExternalCommand(executable: exim, arguments: ["-C", configPath, "-bd", "-oX", "\(port)", "-oP", folder + "/exim.pid"]).run(allowFailure: true)
        guard status == 0 else {
            mta.stop()
            throw Failure(description: "Exim did not start (exit \(status)): \(output)")
        }
        for _ in 0..<100 {
            if canConnect(port: port) { return mta }
            usleep(100_000)
        }
        let log = (try? String(contentsOfFile: folder + "/log/paniclog", encoding: .utf8))
            ?? (try? String(contentsOfFile: folder + "/log/mainlog", encoding: .utf8)) ?? ""
        mta.stop()
        throw Failure(description: "Exim did not listen on 127.0.0.1:\(port) within 10 s: \(output) \(log)")
    }

    /// The mailbox's text (empty before the first delivery).
    public func mailbox() -> String {
        (try? String(contentsOfFile: mailboxPath, encoding: .utf8)) ?? ""
    }

    /// The mailbox once it holds `count` messages, waiting up to `seconds` for Exim to deliver.
    public func messages(count: Int, within seconds: Double = 10) async throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)  // real time: Exim delivers in real time, whatever the test's clock
        while true {
            let found = Self.split(mailbox())
            if found.count >= count || Date() > deadline { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The messages of an mbox text, each from its `From ` line.
    static func split(_ mbox: String) -> [String] {
        var messages: [String] = []
        for line in mbox.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("From ") { messages.append("") }
            if !messages.isEmpty { messages[messages.count - 1] += line + "\n" }
        }
        return messages
    }

    /// Stops Exim (the daemon this object started, by the pid it wrote: with `-oX`, Exim writes one only when `-oP`
    /// names it) and removes its folder.
    public func stop() {
        if let text = try? String(contentsOfFile: folder + "/exim.pid", encoding: .utf8),
           let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 {
            // SIGKILL: Exim inherits the test process's ignored SIGTERM (ServiceLifecycle ignores it to handle it itself), and
            // this throwaway daemon has nothing to save.
            kill(pid, SIGKILL)
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) } }
        guard bound == 0 else { throw Failure(description: "bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) } }
        guard named == 0 else { throw Failure(description: "getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, length) } } == 0
    }
}
