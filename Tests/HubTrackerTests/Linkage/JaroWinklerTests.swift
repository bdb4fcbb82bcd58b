import Testing
@testable import HubTracker

@Suite("String similarity")
struct JaroWinklerTests {
    @Test("Known Jaro–Winkler values", arguments: [
        ("MARTHA", "MARHTA", 0.961), ("DWAYNE", "DUANE", 0.840), ("DIXON", "DICKSONX", 0.813),
        ("JONES", "JOHNSON", 0.832), ("ABROMS", "ABRAMS", 0.922),
    ])
    func known(a: String, b: String, expected: Double) {
        #expect(abs(JaroWinkler.similarity(a, b) - expected) < 0.0005)
        #expect(abs(JaroWinkler.similarity(b, a) - expected) < 0.0005)
    }

    @Test("Edge cases")
    func edges() {
        #expect(JaroWinkler.similarity("shira", "shira") == 1)
        #expect(JaroWinkler.similarity("", "") == 1)
        #expect(JaroWinkler.similarity("shira", "") == 0)
        #expect(JaroWinkler.similarity("abc", "xyz") == 0)
        let long = String(repeating: "pipshire", count: 12)
        #expect(JaroWinkler.similarity(long, long + "x") > 0.99)
    }

    @Test("One edit apart: insert, delete, replace, swap; not two")
    func oneEdit() {
        #expect(OneEditDistance.isWithinOneEdit("ethan", "ethun"))
        #expect(OneEditDistance.isWithinOneEdit("william", "wlliam"))
        #expect(OneEditDistance.isWithinOneEdit("advid", "david"))
        #expect(OneEditDistance.isWithinOneEdit("lily", "lilly"))
        #expect(OneEditDistance.isWithinOneEdit("shira", "shira"))
        #expect(!OneEditDistance.isWithinOneEdit("joseph", "joshua"))
        #expect(!OneEditDistance.isWithinOneEdit("ella", "ellie"))
        #expect(!OneEditDistance.isWithinOneEdit("patrick", "patricia"))
    }
}
