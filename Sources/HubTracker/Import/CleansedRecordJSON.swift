import Foundation

/// A cleansed record as `tracker_records.cleansed` stores it: a JSON array whose elements have fixed places
/// (version 3), written directly and read back with `JSONDecoder`.
///
/// A bulk import writes one per record, so its size counts three times over: the text Hub builds, the text
/// PostgreSQL parses and logs, and the table every index build scans. The keyed object `JSONEncoder` makes of
/// ``CleansedRecord`` (version 1, which rows written before may still hold, and ``decode(_:with:)`` still
/// reads) spent about half of its ~650 bytes on member names.
///
///     [3, sourceSystem, sourceRecordId, name, [alias name…], [year, month, day] | null, gender,
///      [flat, buildingName, number, street, locality, town, [asSupplied, normalised, sector, district] | null, key],
///      [asSupplied, valid] | null, uprn, uprnSource]
///     name: [title, forename, [middle name…], surname, [canonical forename…],
///            forename sound primary, alternate, surname sound primary, alternate, generation]
///
/// Absent values are `null` in their places. Version 2 (still read) is the same without the name's generation
/// (``NameGeneration``), which it leaves unknown.
enum CleansedRecordJSON {
    static let version = 3

    static func encode(_ record: CleansedRecord) -> String {
        var json = JSONArrayText()
        json.number(version)
        json.string(record.key.sourceSystem)
        json.string(record.key.sourceRecordId)
        write(record.name, to: &json)
        json.array { aliases in
            for alias in record.aliases { write(alias, to: &aliases) }
        }
        if let date = record.dateOfBirth {
            json.array { dob in
                dob.number(date.year)
                dob.number(date.month)
                dob.number(date.day)
            }
        } else {
            json.absent()
        }
        json.string(record.gender.rawValue)
        json.array { address in
            let a = record.address
            address.string(a.flat)
            address.string(a.buildingName)
            address.string(a.number)
            address.string(a.street)
            address.string(a.locality)
            address.string(a.town)
            if let postcode = a.postcode {
                address.array { p in
                    p.string(postcode.asSupplied)
                    p.string(postcode.normalised)
                    p.string(postcode.sector)
                    p.string(postcode.district)
                }
            } else {
                address.absent()
            }
            address.string(a.key)
        }
        if let nhs = record.nhsNumber {
            json.array { n in
                n.string(nhs.asSupplied)
                n.string(nhs.valid)
            }
        } else {
            json.absent()
        }
        json.number(record.uprn)
        json.string(record.uprnSource?.rawValue)
        return json.finish()
    }

    /// The record `text` holds, in either version.
    static func decode(_ text: String, with decoder: JSONDecoder) throws -> CleansedRecord {
        let data = Data(text.utf8)
        if data.first == UInt8(ascii: "[") { return try decoder.decode(Positional.self, from: data).record }
        return try decoder.decode(CleansedRecord.self, from: data)
    }

    private static func write(_ name: CleansedName, to json: inout JSONArrayText) {
        json.array { n in
            n.string(name.title)
            n.string(name.forename)
            n.strings(name.middleNames)
            n.string(name.surname)
            n.strings(name.canonicalForenames)
            n.string(name.forenamePhonetic?.primary)
            n.string(name.forenamePhonetic?.alternate)
            n.string(name.surnamePhonetic?.primary)
            n.string(name.surnamePhonetic?.alternate)
            n.string(name.generation?.rawValue)
        }
    }

    /// Versions 2 and 3, read element by element.
    private struct Positional: Decodable {
        let record: CleansedRecord

        init(from decoder: any Decoder) throws {
            var json = try decoder.unkeyedContainer()
            let version = try json.decode(Int.self)
            guard version == CleansedRecordJSON.version || version == 2 else {
                throw DecodingError.dataCorruptedError(in: json, debugDescription: "cleansed record version \(version) is not known")
            }
            let key = RecordKey(sourceSystem: try json.decode(String.self), sourceRecordId: try json.decode(String.self))
            let name = try Self.name(&json, version: version)
            var aliasList = try json.nestedUnkeyedContainer()
            var aliases: [CleansedName] = []
            while !aliasList.isAtEnd { aliases.append(try Self.name(&aliasList, version: version)) }
            var dateOfBirth: PartialDate?
            if try !json.decodeNil() {
                var dob = try json.nestedUnkeyedContainer()
                dateOfBirth = PartialDate(
                    year: try dob.decodeIfPresent(Int.self), month: try dob.decodeIfPresent(Int.self), day: try dob.decodeIfPresent(Int.self))
            }
            let gender = try json.decode(RecordedGender.self)
            var a = try json.nestedUnkeyedContainer()
            var address = CleansedAddress(
                flat: try a.decodeIfPresent(String.self), buildingName: try a.decodeIfPresent(String.self),
                number: try a.decodeIfPresent(String.self), street: try a.decodeIfPresent(String.self),
                locality: try a.decodeIfPresent(String.self), town: try a.decodeIfPresent(String.self))
            if try !a.decodeNil() {
                var p = try a.nestedUnkeyedContainer()
                address.postcode = CleansedPostcode(
                    asSupplied: try p.decode(String.self), normalised: try p.decodeIfPresent(String.self),
                    sector: try p.decodeIfPresent(String.self), district: try p.decodeIfPresent(String.self))
            }
            address.key = try a.decodeIfPresent(String.self)  // as stored, not worked out again
            var nhsNumber: CleansedNHSNumber?
            if try !json.decodeNil() {
                var n = try json.nestedUnkeyedContainer()
                nhsNumber = CleansedNHSNumber(asSupplied: try n.decode(String.self), valid: try n.decodeIfPresent(String.self))
            }
            record = CleansedRecord(
                key: key, name: name, aliases: aliases, dateOfBirth: dateOfBirth, gender: gender, address: address,
                nhsNumber: nhsNumber, uprn: try json.decodeIfPresent(Int64.self),
                uprnSource: try json.decodeIfPresent(UPRNSource.self))
        }

        private static func name(_ json: inout any UnkeyedDecodingContainer, version: Int) throws -> CleansedName {
            var n = try json.nestedUnkeyedContainer()
            let title = try n.decodeIfPresent(String.self)
            let forename = try n.decodeIfPresent(String.self)
            let middleNames = try n.decode([String].self)
            let surname = try n.decodeIfPresent(String.self)
            let canonical = try n.decode([String].self)
            func code(_ n: inout any UnkeyedDecodingContainer) throws -> PhoneticCode? {
                let (primary, alternate) = (try n.decodeIfPresent(String.self), try n.decodeIfPresent(String.self))
                guard let primary, let alternate else { return nil }
                return PhoneticCode(primary: primary, alternate: alternate)
            }
            let (forenamePhonetic, surnamePhonetic) = (try code(&n), try code(&n))
            // An unknown generation is an error, never a default (`NameGeneration`'s decoding throws).
            let generation = version >= 3 ? try n.decodeIfPresent(NameGeneration.self) : nil
            return CleansedName(
                title: title, forename: forename, middleNames: middleNames, surname: surname, canonicalForenames: canonical,
                forenamePhonetic: forenamePhonetic, surnamePhonetic: surnamePhonetic, generation: generation)
        }
    }
}
