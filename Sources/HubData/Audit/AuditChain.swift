import Crypto
import Foundation

/// The hash chain over the audit trail: each link is SHA-256(previous link ‖ the event's canonical text).
enum AuditChain {
    static func link(previous: Data?, canonical: String) -> Data {
        var hasher = SHA256()
        if let previous { hasher.update(data: previous) }
        hasher.update(data: Data(canonical.utf8))
        return Data(hasher.finalize())
    }
}
