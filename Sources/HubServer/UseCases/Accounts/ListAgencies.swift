import Foundation
import HubData
import HubWorkflow

/// The partnership's agencies (any signed-in user).
public struct ListAgencies: UseCase {
    public static let access = AccessRule.signedIn

    let stores: Stores

    public func callAsFunction(by caller: Caller) async throws -> [Agency] {
        try authorize(caller)
        return try await stores.agencies.all()
    }
}
