import Testing
@testable import HubTracker

@Suite("Name cleansing")
struct PersonNameCleanserTests {
    let cleanser = PersonNameCleanser()

    @Test("Titles are removed and remembered", arguments: [
        ("Mr Tomos", "mr"), ("Mrs Shira", "mrs"), ("Ms Shira", "ms"), ("Miss Shira", "miss"), ("Dr. Shira", "dr"),
        ("Master Tomos", "master"), ("MX Alex", "mx"), ("Rev Dr Tomos", "rev"), ("Prof Shira", "prof"),
    ])
    func titles(forename: String, title: String) {
        let name = cleanser.cleanse(forename: forename, surname: "Peters")
        #expect(name.title == title)
        #expect(name.forename == forename.split(separator: " ").last?.lowercased())
        #expect(name.middleNames.isEmpty)
    }

    @Test("A middle name inside the forename is split off")
    func middleName() {
        let name = cleanser.cleanse(forename: "Shira Anne", surname: "Peters")
        #expect(name.forename == "shira")
        #expect(name.middleNames == ["anne"])
        #expect(name.surname == "peters")
        let two = cleanser.cleanse(forename: "Mrs Shira Anne Megan", surname: "Peters")
        #expect(two.middleNames == ["anne", "megan"])
    }

    @Test("Case, punctuation and diacritics are folded")
    func folding() {
        let name = cleanser.cleanse(forename: "  ZOË. ", surname: "PETERS")
        #expect(name.forename == "zoe")
        #expect(name.surname == "peters")
    }

    @Test("Apostrophe surnames lose the apostrophe; particles join the next word")
    func apostrophesAndParticles() {
        #expect(cleanser.cleanse(forename: "Sean", surname: "O'Brien").surname == "obrien")
        #expect(cleanser.cleanse(forename: "Sean", surname: "O’Brien").surname == "obrien")
        #expect(cleanser.cleanse(forename: "Sean", surname: "O Brien").surname == "obrien")
        #expect(cleanser.cleanse(forename: "Ryan", surname: "Mc Donald").surname == "mcdonald")
        #expect(cleanser.cleanse(forename: "Anna", surname: "van der Berg").surname == "vanderberg")
        #expect(cleanser.cleanse(forename: "Rhys", surname: "ap Rhys").surname == "aprhys")
    }

    @Test("Hyphenated and double-barrelled surnames keep their parts")
    func doubleBarrelled() {
        let hyphen = cleanser.cleanse(forename: "Cerys", surname: "Smith-Jones")
        #expect(hyphen.surname == "smith-jones")
        #expect(hyphen.surnameParts == ["smith", "jones"])
        #expect(cleanser.cleanse(forename: "Cerys", surname: "Smith  Jones").surname == "smith-jones")
        #expect(cleanser.cleanse(forename: "Cerys", surname: "Smith – Jones").surname == "smith-jones")
    }

    @Test("Suffixes are removed from the surname")
    func suffixes() {
        #expect(cleanser.cleanse(forename: "Tomos", surname: "Peters Jr").surname == "peters")
        #expect(cleanser.cleanse(forename: "Tomos", surname: "Peters Snr.").surname == "peters")
        #expect(cleanser.cleanse(forename: "Tomos", surname: "Peters III").surname == "peters")
    }

    @Test("Placeholder forenames are not names")
    func placeholders() {
        #expect(cleanser.cleanse(forename: "Baby", surname: "Peters").forename == nil)
        #expect(cleanser.cleanse(forename: "Baby of", surname: "Peters").forename == nil)
        #expect(cleanser.cleanse(forename: "UNKNOWN", surname: "Peters").forename == nil)
        #expect(cleanser.cleanse(forename: nil, surname: nil).isEmpty)
    }

    @Test("A whole name in the forename field is split into forename and surname")
    func wholeNameInForename() {
        let name = cleanser.cleanse(forename: "Shira Anne Peters", surname: nil)
        #expect(name.forename == "shira")
        #expect(name.middleNames == ["anne"])
        #expect(name.surname == "peters")
    }

    @Test("Full names: surname first after a comma, particles kept with the surname")
    func fullNames() {
        let comma = cleanser.cleanse(fullName: "PETERS, Shira Anne")
        #expect(comma.forename == "shira")
        #expect(comma.middleNames == ["anne"])
        #expect(comma.surname == "peters")
        let particles = cleanser.cleanse(fullName: "Dr Mary de la Cruz Jr")
        #expect(particles.title == "dr")
        #expect(particles.forename == "mary")
        #expect(particles.surname == "delacruz")
        let single = cleanser.cleanse(fullName: "Peters")
        #expect(single.forename == nil)
        #expect(single.surname == "peters")
    }

    @Test("Nicknames give the canonical forename")
    func canonicalForename() {
        #expect(cleanser.cleanse(forename: "Bill", surname: "Jones").canonicalForenames == ["william"])
        #expect(cleanser.cleanse(forename: "Peggy", surname: "Jones").canonicalForenames == ["margaret"])
        #expect(cleanser.cleanse(forename: "Shira", surname: "Jones").canonicalForenames == ["shira"])
    }

    @Test("Phonetic codes are computed for forename and surname")
    func phonetics() {
        let name = cleanser.cleanse(forename: "Katherine", surname: "Smith")
        #expect(name.forenamePhonetic == PhoneticCode(primary: "K0RN", alternate: "KTRN"))
        #expect(name.surnamePhonetic == PhoneticCode(primary: "SM0", alternate: "XMT"))
        #expect(name.forenameInitial == "k")
    }
}
