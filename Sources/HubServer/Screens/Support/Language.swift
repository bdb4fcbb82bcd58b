import Foundation

/// The languages Hub's screens are in: Welsh public bodies offer both.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case welsh = "cy"

    /// The language a request asks for: the user's choice (the `hub_lang` cookie), else the first of the
    /// browser's `Accept-Language` that Hub speaks, else English.
    static func preferred(choice: String?, acceptLanguage: String?) -> Language {
        if let choice, let language = Language(rawValue: choice) { return language }
        guard let acceptLanguage else { return .english }
        let ranked = acceptLanguage.split(separator: ",").compactMap { part -> (tag: String, weight: Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { return nil }
            let weight = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, weight)
        }
        for (tag, _) in ranked.sorted(by: { $0.weight > $1.weight }) {
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            if let language = Language(rawValue: primary) { return language }
        }
        return .english
    }

    /// The other language (the switch on every page offers it).
    var other: Language { self == .english ? .welsh : .english }
}
