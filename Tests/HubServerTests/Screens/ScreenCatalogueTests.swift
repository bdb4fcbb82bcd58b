import Foundation
import HubData
@testable import HubServer
import HubTracker
import HubWorkflow
import Testing

/// Every visible string of the screens comes from the English and Welsh catalogues: these tests fail when a key a
/// template or a screen uses is missing from either, when the two disagree on keys or placeholders, or when a
/// template holds visible text of its own.
@Suite("Screens: the message catalogues")
struct ScreenCatalogueTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let loaded = Result { try MessageCatalogues.load(from: root.appendingPathComponent("screens/messages")) }
    static func catalogues() throws -> MessageCatalogues { try loaded.get() }

    static func files(_ folder: String, ending: String) throws -> [(name: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        return try walker.compactMap { $0 as? URL }.filter { $0.path.hasSuffix(ending) }.sorted { $0.path < $1.path }
            .map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    static func matches(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) }
    }

    @Test func bothCataloguesHaveTheSameKeysAndPlaceholders() throws {
        let english = try Self.catalogues().english.messages, welsh = try Self.catalogues().welsh.messages
        #expect(Set(english.keys).subtracting(welsh.keys).sorted() == [], "keys missing from cy.json")
        #expect(Set(welsh.keys).subtracting(english.keys).sorted() == [], "keys missing from en.json")
        for (key, text) in english {
            #expect(try Self.matches("\\{(\\w+)\\}", in: text).sorted() == Self.matches("\\{(\\w+)\\}", in: welsh[key] ?? "").sorted(),
                    "placeholders of \(key) differ")
        }
    }

    @Test func everyKeyTheTemplatesUseIsInBothCatalogues() throws {
        for (name, text) in try Self.files("screens/templates", ending: ".mustache") {
            for key in try Self.matches("\\{\\{\\{?t\\.([a-z0-9_.]+)\\}?\\}\\}", in: text) {
                #expect(try Self.catalogues().english.messages[key] != nil, "\(name) uses \(key), which en.json lacks")
                #expect(try Self.catalogues().welsh.messages[key] != nil, "\(name) uses \(key), which cy.json lacks")
            }
        }
    }

    @Test func everyKeyTheScreensNameIsInBothCatalogues() throws {
        var keys: Set<String> = []
        for (_, text) in try Self.files("Sources/HubServer/Screens", ending: ".swift") {
            keys.formUnion(try Self.matches("\\b(?:t|catalogue)\\[\"([a-z0-9_.]+)\"\\]", in: text))
            keys.formUnion(try Self.matches("\\b(?:t|catalogue)\\.format\\(\"([a-z0-9_.]+)\"", in: text))
            keys.formUnion(try Self.matches("(?:label|hint|key): \"([a-z0-9_]+\\.[a-z0-9_.]+)\"", in: text))
            keys.formUnion(try Self.matches("field\\(\\.[a-z]+, \"[^\"]+\", \"([a-z0-9_]+\\.[a-z0-9_.]+)\"", in: text))
        }
        #expect(keys.count > 150, "the scan found too few keys to be reading the sources")
        for key in keys.sorted() {
            #expect(try Self.catalogues().english.messages[key] != nil, "the screens use \(key), which en.json lacks")
            #expect(try Self.catalogues().welsh.messages[key] != nil, "the screens use \(key), which cy.json lacks")
        }
    }

    /// The codes the screens label through `t.label(group, code)`: every case of each enum has its label.
    @Test func everyCodeTheScreensLabelHasALabel() throws {
        func codes<Code: RawRepresentable & CaseIterable>(_ type: Code.Type) -> [String] where Code.RawValue == String {
            type.allCases.map(\.rawValue)
        }
        let groups: [String: [String]] = [
            "rag": codes(RAGRating.self), "rag_sla": codes(RAGRating.self), "status": codes(ReferralStatus.self),
            "form": codes(ReferralForm.self), "channel": codes(ReferralChannel.self), "concern": codes(ConcernCategory.self),
            "consent": codes(ConsentStatus.self), "gender": codes(Gender.self), "subject_role": codes(SubjectRole.self),
            "decision": codes(ThresholdDecisionKind.self), "verdict": codes(RatificationVerdict.self), "incident_state": codes(IncidentState.self),
            "response": codes(ShareResponseKind.self), "outcome": codes(StrategyOutcome.self), "discussion_kind": codes(StrategyDiscussionKind.self),
            "role": codes(Role.self), "service": codes(SafeguardingService.self), "dash": codes(DASHRiskLevel.self),
            "request_state": codes(ShareRequestState.self), "request": codes(ShareRequestTimeliness.self), "timeline": codes(TimelineEventKind.self) + ["ratified", "strategy_discussion_decided"],
            "action_state": codes(StrategyActionState.self), "closure_outcome": codes(ClosureOutcome.self),
            "adult_risk": codes(AdultRiskAtClosure.self), "action_timeliness": codes(StrategyActionTimeliness.self),
            "answer_channel": codes(AnswerChannel.self), "answer_channel_received": codes(AnswerChannel.self),
            "strength": codes(PanelMatch.Strength.self), "agreement": codes(PanelMatch.Agreement.self), "match_field": codes(PanelMatch.Field.self),
        ]
        for (group, values) in groups {
            for code in values {
                #expect(try Self.catalogues().english.messages["\(group).\(code)"] != nil, "en.json lacks \(group).\(code)")
                #expect(try Self.catalogues().welsh.messages["\(group).\(code)"] != nil, "cy.json lacks \(group).\(code)")
            }
        }
    }

    /// What a template shows of its own once the Mustache tags and the HTML markup are taken out: only punctuation.
    @Test func noTemplateHoldsVisibleTextOfItsOwn() throws {
        let allowed = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "–·:()|,.%#-&;"))
        for (name, text) in try Self.files("screens/templates", ending: ".mustache") {
            var visible = text.replacingOccurrences(of: "\\{\\{\\{?[^}]*\\}?\\}\\}", with: " ", options: .regularExpression)
            visible = visible.replacingOccurrences(of: "<!--.*?-->", with: " ", options: .regularExpression)
            for attribute in try Self.matches("(?:aria-label|title|alt|placeholder)=\"([^\"]*)\"", in: visible) {
                #expect(attribute.trimmingCharacters(in: .whitespaces).isEmpty, "\(name): an attribute shows \"\(attribute)\"")
            }
            visible = visible.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
                .replacingOccurrences(of: "&nbsp;", with: " ")
            let own = visible.unicodeScalars.filter { !allowed.contains($0) }
            #expect(own.isEmpty, "\(name) shows text that is not from the catalogue: \(String(String.UnicodeScalarView(own)).prefix(80))")
        }
    }

    @Test func aMissingKeyShowsInBracketsSoThatItCannotGoUnnoticed() throws {
        #expect(try Self.catalogues().english["no.such.key"] == "[no.such.key]")
        #expect(try Self.catalogues().welsh.label("rag", "red") == "Coch")
    }
}

/// docs/screens.md lists every screen route the router serves.
@Suite("Screens: the screens document")
struct ScreensDocumentTests {
    @Test func everyScreenRouteIsInTheScreensDocument() throws {
        let document = try String(contentsOf: ScreenCatalogueTests.root.appendingPathComponent("docs/screens.md"), encoding: .utf8)
        let screens = try OpenAPIDocumentTests.allServedRoutes().filter { !OpenAPIDocumentTests.isAPIRoute($0) && !$0.hasSuffix(" /api/v1/openapi.yaml") }
        #expect(screens.count > 20)
        for route in screens.sorted() {
            let path = String(route.split(separator: " ")[1])
            let lastSegment = "/" + (path.split(separator: "/").last.map(String.init) ?? "")
            #expect(document.contains("`\(route)`") || document.contains(path) || document.contains("`\(lastSegment)`"),
                    "docs/screens.md does not name \(route)")
        }
    }
}
