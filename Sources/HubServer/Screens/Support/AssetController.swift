import Foundation
import Hummingbird
import NIOCore

/// `/assets/…`: the screens' stylesheet and script, read once at start-up (no CDN, no build step).
struct AssetController: Sendable {
    struct Asset: Sendable {
        let contentType: String
        let bytes: ByteBuffer
    }

    let assets: [String: Asset]

    static func load(from directory: URL) throws -> AssetController {
        var assets: [String: Asset] = [:]
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml", "png": "image/png"]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            guard let type = types[(file as NSString).pathExtension] else { continue }
            assets[file] = Asset(contentType: type, bytes: ByteBuffer(bytes: try Data(contentsOf: directory.appendingPathComponent(file))))
        }
        return AssetController(assets: assets)
    }

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("assets/:file") { _, context -> Response in
            guard let asset = assets[try context.parameters.require("file")] else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=3600"],
                            body: .init(byteBuffer: asset.bytes))
        }
    }
}
