import Foundation
import Hummingbird
import NIOCore

/// A response whose body is JSON already encoded (by ``HubJSONEncoder`` or from storage), with its headers.
enum JSONResponse {
    static func make(_ body: Data, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `value` encoded by ``HubJSONEncoder`` (sorted keys, lower-case ids).
    static func encoding(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        make(try HubJSONEncoder.encode(value), status: status, headers: headers)
    }
}
