import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore

/// How the benchmarks drive a Hub server over HTTP: wait until it is ready, sign in, post JSON with the bearer token.
struct BenchAPIClient: Sendable {
    /// `http://127.0.0.1:PORT`.
    let base: String
    let http: HTTPClient

    func waitUntilReady() async throws {
        for _ in 0..<100 {
            if let response = try? await http.execute(HTTPClientRequest(url: base + "/ready"), timeout: .seconds(2)),
               response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ValidationError("the server did not become ready")
    }

    /// Signs in and returns the bearer token.
    func signIn(username: String, password: String) async throws -> String {
        let credentials = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        let (status, body) = try await post("/api/v1/sessions", token: nil, body: ByteBuffer(bytes: credentials))
        let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        guard let token = json?["token"] as? String else {
            throw ValidationError("sign-in as \(username) failed (\(status))")
        }
        return token
    }

    /// Posts a JSON body and reads the whole answer: its status and body.
    func post(_ path: String, token: String?, body: ByteBuffer, headers: [(String, String)] = []) async throws -> (status: Int, body: ByteBuffer) {
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(body)
        let response = try await http.execute(request, timeout: .seconds(30))
        let answer = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), answer)
    }

    /// Gets a page or a document with the headers given (a screen's session cookie), reading the whole answer.
    func get(_ path: String, headers: [(String, String)] = []) async throws -> (status: Int, body: ByteBuffer) {
        var request = HTTPClientRequest(url: base + path)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await http.execute(request, timeout: .seconds(30))
        let answer = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), answer)
    }

    /// Posts a form (`application/x-www-form-urlencoded`), as a browser submits a screen's form.
    func postForm(_ path: String, fields: [(String, String)], headers: [(String, String)] = []) async throws -> Int {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map { name, value in
            (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await http.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 16 << 20)
        return Int(response.status.code)
    }
}
