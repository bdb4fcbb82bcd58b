/// A cleansed record as the JSON `tracker_records.cleansed` stores: the same object `JSONEncoder` makes of
/// ``CleansedRecord`` (its `Codable` keys, absent values left out), which `JSONDecoder` reads back, written
/// directly. A bulk import writes one per record, and Foundation's encoder took most of the time spent
/// preparing a million records for `COPY`.
enum CleansedRecordJSON {
    static func encode(_ record: CleansedRecord) -> String {
        var json = JSONObjectText()
        json.object("key") { key in
            key.string("sourceSystem", record.key.sourceSystem)
            key.string("sourceRecordId", record.key.sourceRecordId)
        }
        json.object("name") { write(record.name, to: &$0) }
        json.array("aliases", record.aliases) { alias, text in
            text.openObject()
            write(alias, to: &text)
            text.closeObject()
        }
        if let date = record.dateOfBirth {
            json.object("dateOfBirth") { dob in
                dob.number("year", date.year)
                dob.number("month", date.month)
                dob.number("day", date.day)
            }
        }
        json.string("gender", record.gender.rawValue)
        json.object("address") { address in
            let a = record.address
            address.string("flat", a.flat)
            address.string("buildingName", a.buildingName)
            address.string("number", a.number)
            address.string("street", a.street)
            address.string("locality", a.locality)
            address.string("town", a.town)
            if let postcode = a.postcode {
                address.object("postcode") { p in
                    p.string("asSupplied", postcode.asSupplied)
                    p.string("normalised", postcode.normalised)
                    p.string("sector", postcode.sector)
                    p.string("district", postcode.district)
                }
            }
            address.string("key", a.key)
        }
        if let nhs = record.nhsNumber {
            json.object("nhsNumber") { n in
                n.string("asSupplied", nhs.asSupplied)
                n.string("valid", nhs.valid)
            }
        }
        json.number("uprn", record.uprn)
        json.string("uprnSource", record.uprnSource?.rawValue)
        return json.finish()
    }

    private static func write(_ name: CleansedName, to text: inout JSONObjectText) {
        text.string("title", name.title)
        text.string("forename", name.forename)
        text.array("middleNames", name.middleNames) { value, text in text.value(value) }
        text.string("surname", name.surname)
        text.array("canonicalForenames", name.canonicalForenames) { value, text in text.value(value) }
        for (key, code) in [("forenamePhonetic", name.forenamePhonetic), ("surnamePhonetic", name.surnamePhonetic)] {
            guard let code else { continue }
            text.object(key) { c in
                c.string("primary", code.primary)
                c.string("alternate", code.alternate)
            }
        }
    }
}
