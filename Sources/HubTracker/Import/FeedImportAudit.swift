import Foundation
import HubWorkflow
import HubData

/// The audit event of a feed import (`tracker.feed_import`), whatever its outcome: who imported which file, when,
/// for which request.
struct FeedImportAudit: Sendable {
    let sha256: String
    let operatorName: String
    let occurredAt: Date
    let requestId: String?
    let actor: Identity?

    /// The event, its `detail` with the file's digest and its operator added.
    func event(_ detail: [String: String], objectId: String?) -> AuditEvent {
        var detail = detail
        detail["file_sha256"] = sha256
        detail["operator"] = operatorName
        return AuditEvent(occurredAt: occurredAt, requestId: requestId, actor: actor, action: "tracker.feed_import",
                          objectType: "feed_import", objectId: objectId, detail: detail)
    }
}
