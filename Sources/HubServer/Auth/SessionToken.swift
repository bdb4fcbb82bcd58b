import Crypto
import Foundation

/// An opaque bearer token: 256 random bits, base64url. Only its SHA-256 is stored.
struct SessionToken: Sendable {
    let value: String

    static func generate() -> SessionToken {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): cryptographically secure
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return SessionToken(value: encoded)
    }

    static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }

    var hash: Data { Self.hash(value) }
}
