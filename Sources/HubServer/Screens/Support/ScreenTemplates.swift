import Foundation
import HubData
import Mustache
import Synchronization

/// The screens' Mustache templates (`screens/templates`, each registered under its file name without
/// `.mustache`), loaded once when the application is built.
struct ScreenTemplates: Sendable {
    let library: MustacheLibrary

    static func load(from directory: URL) throws -> ScreenTemplates {
        var texts: [String: String] = [:]
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }.sorted()
        for file in names {
            texts[String(file.dropLast(".mustache".count))] = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        }
        // Parsed once per process for the same texts: a process that builds many applications (the test suite builds
        // hundreds) spent more on parsing them than on anything else in start-up. Every file is still read each time,
        // so a missing or unreadable one stops the application as before, and an edited one is parsed afresh.
        if let last = lastParsed.withLock({ $0 }), last.texts == texts { return ScreenTemplates(library: last.library) }
        var library = MustacheLibrary()
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) { try library.register(text, named: name) }
        lastParsed.withLock { $0 = (texts, library) }
        return ScreenTemplates(library: library)
    }

    /// The last library parsed, with the texts it was parsed from.
    private static let lastParsed = Mutex<(texts: [String: String], library: MustacheLibrary)?>(nil)

    /// `view` rendered by the template `name`.
    func render(_ name: String, _ view: Any) throws -> String {
        guard let html = library.render(view, withTemplate: name) else { throw MissingTemplate(name: name) }
        return html
    }

    struct MissingTemplate: LoggableError {
        let name: String
        var description: String { "no screen template named \(name)" }
    }
}
