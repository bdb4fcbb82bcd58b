import Foundation

/// The operator's mail relay (`HUB_SMTP_RELAY=host:port`, `HUB_SMTP_FROM`): feedback to a referrer who gave an email
/// address can then be sent from Hub, through the outbox, by SMTP to this relay (plain SMTP on the operator's own
/// network: the relay is trusted to take it on). Nil when not configured: feedback is only recorded as given.
public struct MailRelay: Sendable, Hashable {
    public let host: String
    public let port: Int
    /// The envelope sender and `From:` of every message Hub sends.
    public let from: String
    /// The name Hub gives itself in `EHLO`.
    public let heloName: String

    public init(host: String, port: Int, from: String, heloName: String = "hub.invalid") {
        self.host = host
        self.port = port
        self.from = from
        self.heloName = heloName
    }

    /// The sender when `HUB_SMTP_FROM` is not set.
    public static let defaultFrom = "mash@hub.invalid"

    /// `host:port` (a port is required), or nil when it is not one; `from` must look like an address, with nothing
    /// that could break out of an SMTP command or a header.
    public init?(relay text: String, from: String?) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            return nil
        }
        let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let sender = from ?? Self.defaultFrom
        guard !host.isEmpty, MailAddress.isSafe(sender) else { return nil }
        self.init(host: host, port: port, from: sender)
    }
}

/// What Hub accepts as an email address to put in an SMTP command or a header: `local@domain`, printable ASCII, no
/// spaces, angle brackets, commas or line breaks (the referral form's own check is stricter about the shape).
enum MailAddress {
    static func isSafe(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 254 else { return false }
        return address.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && !"<>,;\\\"()[]".unicodeScalars.contains($0) }
    }
}
