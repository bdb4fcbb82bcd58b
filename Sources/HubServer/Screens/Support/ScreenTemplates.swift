import Foundation
import HubData
import Mustache

/// The screens' Mustache templates (`screens/templates`, each registered under its file name without
/// `.mustache`), loaded once when the application is built.
struct ScreenTemplates: Sendable {
    let library: MustacheLibrary

    static func load(from directory: URL) throws -> ScreenTemplates {
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }.sorted()
        for file in names {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        return ScreenTemplates(library: library)
    }

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
