import HubWorkflow
import Testing

/// Text length is the number of Unicode code points, as PostgreSQL's `length()` counts it, not Swift's characters.
@Suite("Text length")
struct TextLengthTests {
    @Test func countsCodePointsNotCharacters() {
        #expect(TextLength.count("e\u{0301}") == 2)  // one character, decomposed
        #expect(TextLength.count("\u{00E9}") == 1)  // the same character, composed
        #expect(TextLength.count("👩‍👧") == 3)  // woman, zero-width joiner, girl: one character
        #expect(TextLength.count("Llŷr") == 4)
        #expect(TextLength.count("") == 0)
    }

    @Test func prefixKeepsAtMostTheLimitInCodePoints() {
        let text = String(repeating: "e\u{0301}", count: 3)
        #expect(TextLength.count(TextLength.prefix(text, 5)) == 5)
        #expect(TextLength.prefix(text, 10) == text)
        #expect(TextLength.prefix("Llŷr", 0).isEmpty)
    }
}
