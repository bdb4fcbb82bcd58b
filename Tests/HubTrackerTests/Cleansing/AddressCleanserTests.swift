import Testing
@testable import HubTracker

@Suite("Address cleansing")
struct AddressCleanserTests {
    let cleanser = AddressCleanser()

    @Test("Abbreviations expand", arguments: [
        ("10 Station Rd", "10 station road"), ("10 High St", "10 high street"), ("10 Park Ave", "10 park avenue"),
        ("10 Oak Cl", "10 oak close"), ("10 Castle Ct", "10 castle court"), ("10 Mill Dr", "10 mill drive"),
        ("10 Church Ln", "10 church lane"), ("10 Rose Cres", "10 rose crescent"), ("10 Kings Gdns", "10 kings gardens"),
        ("10 Queens Pl", "10 queens place"), ("10 Market Sq", "10 market square"), ("10 Bryn Terr", "10 bryn terrace"),
        ("10 Bryn Tce", "10 bryn terrace"), ("10 Ash Gr", "10 ash grove"), ("10 Mill Pk", "10 mill park"),
        ("10 Rd.", "10 road"), ("10 HIGH ST.", "10 high street"),
    ])
    func abbreviations(line: String, key: String) {
        #expect(cleanser.cleanse(lines: [line]).key == key)
    }

    @Test("Every abbreviation in the vocabulary expands")
    func everyAbbreviation() {
        for (abbreviation, expansion) in AddressVocabulary.expansions {
            #expect(cleanser.standardise("Mill \(abbreviation.uppercased()).") == "mill \(expansion)", "\(abbreviation)")
        }
        #expect(AddressVocabulary.expansions.count >= 60)
    }

    @Test("St is street at the end of a street and saint before a name")
    func saintOrStreet() {
        #expect(cleanser.cleanse(lines: ["St Marys Rd"]).street == "saint marys road")
        #expect(cleanser.cleanse(lines: ["5 St. Mary's Road"]).street == "saint marys road")
        #expect(cleanser.cleanse(lines: ["5 Upper St Johns Rd"]).street == "upper saint johns road")
        #expect(cleanser.cleanse(lines: ["5 High St"]).street == "high street")
        #expect(cleanser.cleanse(lines: ["5 Church St North"]).street == "church street north")
        #expect(cleanser.standardise("St Marys") == "saint marys")
    }

    @Test("Flat layouts all give flat 2, number 10, high street", arguments: [
        ["Flat 2, 10 High St"], ["Flat 2", "10 High Street"], ["2/10 High Street"], ["Flat 2/10 High St"],
        ["flat 2 10 high st."], ["FLAT 2, 10 HIGH STREET"], ["Apartment 2, 10 High St"], ["Apt 2", "10 High St"],
        ["2 10 High Street"], ["Flat 2 10, High Street"],
    ])
    func flatLayouts(lines: [String]) {
        let address = cleanser.cleanse(lines: lines)
        #expect(address.flat == "2")
        #expect(address.number == "10")
        #expect(address.street == "high street")
        #expect(address.key == "flat 2, 10 high street")
    }

    @Test("10a is number 10, flat a, and shares its key with Flat A, 10")
    func letterSuffix() {
        let suffixed = cleanser.cleanse(lines: ["10a High St"])
        #expect(suffixed.number == "10")
        #expect(suffixed.flat == "a")
        #expect(suffixed.key == cleanser.cleanse(lines: ["Flat A", "10 High Street"]).key)
        // With a flat already named, the letter stays with the number.
        let both = cleanser.cleanse(lines: ["Flat 1, 10a High St"])
        #expect(both.flat == "1")
        #expect(both.number == "10a")
    }

    @Test("Floors name a flat")
    func floors() {
        #expect(cleanser.cleanse(lines: ["Ground Floor Flat", "5 Church St"]).flat == "ground floor")
        #expect(cleanser.cleanse(lines: ["First Floor, 5 Church St"]).flat == "first floor")
        #expect(cleanser.cleanse(lines: ["Basement Flat, 5 Church St"]).flat == "basement")
        #expect(cleanser.cleanse(lines: ["Basement", "5 Church St"]).key == "flat basement, 5 church street")
        #expect(cleanser.cleanse(lines: ["5 First Avenue"]).flat == nil)
    }

    @Test("The MAST demo address")
    func demoAddress() {
        let address = cleanser.cleanse(lines: ["1 Stoops Fold", "Down Park"], town: "PIP Town", postcode: "pp25gn")
        #expect(address.number == "1")
        #expect(address.street == "stoops fold")
        #expect(address.locality == "down park")
        #expect(address.town == "pip town")
        #expect(address.normalisedPostcode == "PP2 5GN")
        #expect(address.key == "1 stoops fold")
    }

    @Test("Town and postcode repeated in the lines are dropped; one comma-separated line works")
    func repeatedTownAndPostcode() {
        let address = cleanser.cleanse(lines: ["1 Stoops Fold, Down Park, PIP Town, PP2 5GN"], town: "Pip Town", postcode: "PP2 5GN")
        #expect(address.key == "1 stoops fold")
        #expect(address.locality == "down park")
        let glued = cleanser.cleanse(lines: ["1 Stoops Fold", "Down Park PP25GN"], town: nil, postcode: "PP2 5GN")
        #expect(glued.locality == "down park")
    }

    @Test("Building names, house number words and ranges")
    func buildingsAndNumbers() {
        let cottage = cleanser.cleanse(lines: ["Rose Cottage", "Mill Ln", "Llanpip"])
        #expect(cottage.buildingName == "rose cottage")
        #expect(cottage.street == "mill lane")
        #expect(cottage.locality == "llanpip")
        #expect(cottage.key == "rose cottage, mill lane")
        let named = cleanser.cleanse(lines: ["Rose Cottage, 5 Mill Lane"])
        #expect(named.buildingName == "rose cottage")
        #expect(named.key == "5 mill lane")
        #expect(cleanser.cleanse(lines: ["No. 5 Heol y Nant"]).key == "5 heol y nant")
        #expect(cleanser.cleanse(lines: ["10 - 12 Station Rd"]).number == "10-12")
        #expect(cleanser.cleanse(lines: ["10", "High Street"]).key == "10 high street")
    }

    @Test("Spellings of one property share a key; different properties do not")
    func keys() {
        let variants = [
            cleanser.cleanse(lines: ["Flat 2, 10 High St."], town: "Pip Town", postcode: "PP2 5GN"),
            cleanser.cleanse(lines: ["2/10 HIGH STREET", "PIP TOWN"], postcode: "pp25gn"),
            cleanser.cleanse(lines: ["flat 2", "10 high st", "Pip Town", "PP2 5GN"], town: "Pip Town"),
        ]
        #expect(Set(variants.map(\.key)).count == 1)
        #expect(cleanser.cleanse(lines: ["Flat 3, 10 High St"]).key != variants[0].key)
        #expect(cleanser.cleanse(lines: ["10 High St"]).key != variants[0].key)
    }

    @Test("A key read back through the cleanser gives the same key")
    func keyRoundTrip() {
        for (lines, expected) in [
            (["Flat 2, 10 High St"], "flat 2, 10 high street"), (["Rose Cottage", "Mill Ln"], "rose cottage, mill lane"),
            (["10a High St"], "flat a, 10 high street"), (["Ground Floor Flat, 5 Church St"], "flat ground floor, 5 church street"),
        ] {
            let key = cleanser.cleanse(lines: lines).key
            #expect(key == expected)
            #expect(cleanser.cleanse(lines: [key ?? ""]).key == key)
        }
    }

    @Test("An empty address has no key")
    func empty() {
        #expect(cleanser.cleanse(lines: []).key == nil)
        #expect(cleanser.cleanse(lines: ["", "  "], postcode: "PP2 5GN").key == nil)
        #expect(cleanser.cleanse(lines: ["Flat 2"]).key == nil)
    }

    @Test("Search looks for the key of an address as feeds lay it out, else the text standardised", arguments: [
        ("Flat 2 10 High Street", "flat 2, 10 high street"), ("2/10 High St", "flat 2, 10 high street"),
        ("10 High St", "10 high street"), ("Nant Cres", "nant crescent"), ("Flat 2", "flat 2"), ("St Marys", "saint marys"),
    ])
    func searchText(text: String, searched: String) {
        #expect(cleanser.searchText(text) == searched)
    }
}
