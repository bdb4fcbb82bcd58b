import Foundation
import HubTracker
import HubWorkflow

/// The fictional people of the demo's partner feeds, read back from the extract the synthetic generator wrote (with
/// its truth file, which says which records are one person), so that the demo's referrals are about people the
/// tracker knows.
struct DemoPopulation: Sendable {
    struct Person: Sendable {
        let id: String
        let forename: String
        let surname: String
        let dateOfBirth: CalendarDate?
        let nhsNumber: String?
        let gender: Gender
        let addressLine1: String
        let addressLine2: String?
        let town: String?
        let postcode: String?
        let household: String
        let sources: Set<String>

        func age(on day: CalendarDate) -> Int? { dateOfBirth.map { $0.age(on: day) } }
    }

    let people: [Person]
    let households: [String: [Person]]

    /// Reads the extract and truth files; for each person, the details of the record with the most complete identity.
    static func read(extract: URL, truth: URL) throws -> DemoPopulation {
        var truthOf: [String: String] = [:]
        var reader = CSVReader(data: try Data(contentsOf: truth))
        _ = try reader.next()
        while let record = try reader.next() {
            guard record.fields.count >= 3 else { continue }
            truthOf[record.fields[0] + "|" + record.fields[1]] = record.fields[2]
        }
        struct Best { var fields: [String]; var score: Int; var sources: Set<String> }
        var best: [String: Best] = [:]
        reader = CSVReader(data: try Data(contentsOf: extract))
        guard let header = try reader.next()?.fields else { return DemoPopulation(people: [], households: [:]) }
        let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        func value(_ fields: [String], _ name: String) -> String? {
            guard let index = column[name], index < fields.count, !fields[index].isEmpty else { return nil }
            return fields[index]
        }
        while let record = try reader.next() {
            let fields = record.fields
            guard let source = value(fields, "source_system"), let id = value(fields, "source_record_id"),
                  let person = truthOf[source + "|" + id] else { continue }
            // Prefer a record with a valid NHS number, a full date of birth, a UPRN and a name in mixed case.
            var score = 0
            if let nhs = value(fields, "nhs_number"), NHSNumber(nhs) != nil { score += 4 }
            if let born = value(fields, "date_of_birth"), CalendarDate(born) != nil { score += 3 }
            if value(fields, "uprn") != nil { score += 2 }
            if let name = value(fields, "forename"), name != name.uppercased() { score += 1 }
            var entry = best[person] ?? Best(fields: fields, score: -1, sources: [])
            entry.sources.insert(source)
            if score > entry.score { entry.fields = fields; entry.score = score }
            best[person] = entry
        }
        let people = best.sorted { $0.key < $1.key }.compactMap { id, entry -> Person? in
            let fields = entry.fields
            guard let forename = value(fields, "forename"), let surname = value(fields, "surname"),
                  let line1 = value(fields, "address_line1") else { return nil }
            let gender: Gender = switch value(fields, "gender")?.uppercased().first {
            case "F": .female
            case "M": .male
            default: .unknown
            }
            let postcode = value(fields, "postcode").flatMap(UKPostcode.init)?.normalised
            return Person(
                id: id, forename: Self.tidy(forename), surname: Self.tidy(surname),
                dateOfBirth: value(fields, "date_of_birth").flatMap(CalendarDate.init), nhsNumber: value(fields, "nhs_number").flatMap(NHSNumber.init)?.digits,
                gender: gender, addressLine1: Self.tidy(line1), addressLine2: value(fields, "address_line2").map(Self.tidy), town: value(fields, "town").map(Self.tidy),
                postcode: postcode, household: value(fields, "uprn") ?? (line1.lowercased() + "|" + (postcode ?? "")), sources: entry.sources)
        }
        return DemoPopulation(people: people, households: Dictionary(grouping: people, by: \.household))
    }

    /// Police write names in capitals: the demo's referrals write them as people do.
    static func tidy(_ text: String) -> String {
        guard text == text.uppercased() else { return text }
        return text.lowercased().split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.split(separator: "-", omittingEmptySubsequences: false).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
        }.joined(separator: " ")
    }
}
