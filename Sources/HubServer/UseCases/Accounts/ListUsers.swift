import Foundation
import HubData
import HubWorkflow

/// An administrator lists users (audited).
public struct ListUsers: UseCase {
    public static let access = AccessRule.permission(.manageAccounts)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(by caller: Caller) async throws -> [UserAccount] {
        try authorize(caller)
        let accounts = try await stores.users.all()
        try await recorder.record(caller, action: "user.list", objectType: "user", objectId: nil, detail: ["count": "\(accounts.count)"])
        return accounts
    }
}
