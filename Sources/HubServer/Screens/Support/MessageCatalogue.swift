import Foundation
import Mustache

/// Every visible string of the screens in one language, by key (`screens/messages/en.json`, `cy.json`). Templates
/// read them as `{{t.key}}`; Swift formats the ones with values (`{count}`) with ``format(_:_:)``.
struct MessageCatalogue: Sendable, MustacheParent {
    let language: Language
    let messages: [String: String]

    /// The message, or the key in brackets when the catalogue lacks it (a test fails on any such key).
    subscript(_ key: String) -> String { messages[key] ?? "[\(key)]" }

    /// Templates read keys with dots (`{{t.nav.board}}`): each step of the name is an entry, rendered as its text.
    func child(named name: String) -> Any? { CatalogueEntry(catalogue: self, key: name) }

    /// The message with each `{name}` replaced by its value.
    /// One pass over the message; a `{name}` without a value stays as it is.
    func format(_ key: String, _ values: [String: String]) -> String {
        let text = self[key]
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"), let value = values[String(rest[rest.index(after: open)..<close])] else {
                result.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    /// ``format(_:_:)`` for a count: the key's `.one` form when `count` is 1 and the catalogue has one.
    func format(_ key: String, count: Int, _ values: [String: String]) -> String {
        let chosen = count == 1 && messages[key + ".one"] != nil ? key + ".one" : key
        return format(chosen, values.merging(["count": String(count)]) { a, _ in a })
    }

    /// The label of a stored code (`rag.red`, `state.sharing`), or the code itself when there is none.
    func label(_ group: String, _ code: String) -> String {
        messages["\(group).\(code)"] ?? code
    }
}

/// The catalogues of both languages.
struct MessageCatalogues: Sendable {
    let english: MessageCatalogue
    let welsh: MessageCatalogue

    subscript(_ language: Language) -> MessageCatalogue { language == .english ? english : welsh }

    /// Reads `en.json` and `cy.json` from `directory` (flat objects of key → text).
    static func load(from directory: URL) throws -> MessageCatalogues {
        func read(_ language: Language) throws -> MessageCatalogue {
            let url = directory.appendingPathComponent("\(language.rawValue).json")
            let messages = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
            return MessageCatalogue(language: language, messages: messages)
        }
        return MessageCatalogues(english: try read(.english), welsh: try read(.welsh))
    }
}

/// A key of a catalogue as a template reaches it step by step: rendered as the key's text, and the parent of the
/// keys that continue it (`nav` → `nav.board`).
struct CatalogueEntry: Sendable, MustacheParent, MustacheCustomRenderable {
    let catalogue: MessageCatalogue
    let key: String

    func child(named name: String) -> Any? { CatalogueEntry(catalogue: catalogue, key: key + "." + name) }

    var renderText: String { catalogue[key] }
    var isNull: Bool { false }
}
