import Testing
@testable import HubTracker

@Suite("Nickname table")
struct NicknameTableTests {
    let table = NicknameTable.british

    @Test("Knows well over sixty common British nicknames and variants")
    func size() {
        #expect(table.count == 293)
    }

    @Test("Common pairs share a canonical forename", arguments: [
        ("bill", "william"), ("kate", "katherine"), ("peggy", "margaret"), ("bob", "robert"), ("liz", "elizabeth"),
        ("jim", "james"), ("dick", "richard"), ("tony", "anthony"), ("dave", "david"), ("mike", "michael"),
        ("steve", "stephen"), ("jack", "john"), ("ted", "edward"), ("harry", "henry"), ("sue", "susan"),
        ("jenny", "jennifer"), ("becky", "rebecca"), ("mandy", "amanda"), ("sally", "sarah"), ("dai", "david"),
        ("catherine", "katherine"), ("kathy", "catherine"), ("steven", "stephen"), ("bill", "liam"),
        ("babs", "barbara"), ("tilly", "matilda"), ("ted", "theodore"), ("liv", "olivia"), ("polly", "pauline"),
        ("gwen", "gwendoline"),
    ])
    func pairs(nickname: String, full: String) {
        #expect(table.areNicknameEqual(nickname, full))
        #expect(table.areNicknameEqual(full, nickname))
    }

    @Test("A canonical form lists its nicknames and variants, so a slip in a nickname can be recognised")
    func nicknamesOfAForm() {
        #expect(table.nicknames(of: "dorothy") == ["dot", "dotty", "dolly"])
        #expect(table.nicknames(of: "joshua").contains("josh"))
        #expect(table.nicknames(of: "zebedee") == [])
    }

    @Test("Mia is a name of its own, not a nickname of Amelia: twins Amelia and Mia stay two people (generated data merged them)")
    func miaIsNotAmelia() {
        #expect(!table.areNicknameEqual("mia", "amelia"))
    }

    @Test("Short forms shared by several names map to all of them")
    func ambiguous() {
        #expect(table.canonicalForms(of: "alex") == ["alexander", "alexandra"])
        #expect(table.areNicknameEqual("alex", "alexandra"))
        #expect(table.areNicknameEqual("alex", "alexander"))
        #expect(!table.areNicknameEqual("alexander", "alexandra"))
    }

    @Test("Unrelated names are not nickname-equal; unknown names are their own canonical form")
    func unrelated() {
        #expect(!table.areNicknameEqual("bill", "robert"))
        #expect(!table.areNicknameEqual("shira", "sarah"))
        #expect(table.canonicalForms(of: "shira") == ["shira"])
    }

    @Test("A custom table can be supplied")
    func custom() {
        let custom = NicknameTable(entries: [("shiz", ["shira"])])
        #expect(custom.areNicknameEqual("shiz", "shira"))
        #expect(!custom.areNicknameEqual("bill", "william"))
    }
}
