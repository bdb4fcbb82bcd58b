import Foundation

/// What a screen request carries beyond the API's context: the language the page is in, the token its forms
/// must send back, and whether a session cookie came that is no longer live.
public struct ScreenState: Sendable {
    var language: Language
    /// The CSRF token of this browser: derived from the session token once signed in, else the pre-session cookie.
    var csrfToken: String
    /// A pre-session CSRF token made for this response, to be set as a cookie.
    var newPreSessionToken: String?
    /// A `hub_session` cookie was sent but its session has ended (idle, expired, signed out).
    var sessionEnded: Bool
}

/// The cookies the screens use.
enum ScreenCookie {
    /// The session token (the same sessions as the API's bearer tokens).
    static let session = "hub_session"
    /// The CSRF token of a browser not yet signed in (double-submit for the sign-in form).
    static let preSession = "hub_csrf"
    /// The chosen language.
    static let language = "hub_lang"
}

/// CSRF tokens: a signed-in browser's is derived from its session token (which only it holds: the cookie is
/// HttpOnly), so nothing is stored; a browser not yet signed in gets a random one in a cookie, compared with the
/// form's copy.
enum CSRFToken {
    static func forSession(_ sessionToken: String) -> String {
        SessionToken.hash("csrf|" + sessionToken).base64URLEncoded
    }

    static func random() -> String { SessionToken.generate().value }

    /// Compares in constant time.
    static func matches(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

extension Data {
    /// Base64url without padding.
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
