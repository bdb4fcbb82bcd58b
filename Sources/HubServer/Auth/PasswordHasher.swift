import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// bcrypt, run on the thread pool: hashing is CPU-bound and must not block the event loop.
public struct PasswordHasher: Sendable {
    public let cost: UInt8

    /// Cost 12 in production; tests use a lower cost to stay fast (the algorithm is the same).
    public init(cost: UInt8 = 12) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash of a random password at this hasher's cost (the cost of every hash it makes), compared against when
    /// the username is unknown so that a failed sign-in takes as long whether or not the user exists. Made once per
    /// cost, on the thread pool, when first needed.
    public func decoyHash() async throws -> String {
        if let made = Self.decoys.withLock({ $0[cost] }) { return made }
        let made = try await hash("decoy-\(UInt64.random(in: 0 ... .max))")
        return Self.decoys.withLock { decoys in
            if let first = decoys[cost] { return first }
            decoys[cost] = made
            return made
        }
    }

    private static let decoys = Mutex<[UInt8: String]>([:])

    /// The rules a new password must meet.
    static func problems(with password: String) -> [String] {
        var problems: [String] = []
        if password.count < 12 { problems.append("must be at least 12 characters") }
        if password.utf8.count > 72 { problems.append("must be at most 72 bytes (bcrypt's limit)") }
        return problems
    }
}
