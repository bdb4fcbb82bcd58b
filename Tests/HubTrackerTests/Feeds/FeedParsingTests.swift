import Foundation
import HubWorkflow
import HubTracker
import Testing

@Suite("Feeds: CSV reading and row validation")
struct FeedParsingTests {
    /// `text`'s bytes handed out `size` at a time, then nil.
    func blocks(_ text: String, size: Int) -> () -> Data? {
        let bytes = Array(text.utf8)
        var offset = 0
        return {
            guard offset < bytes.count else { return nil }
            defer { offset += size }
            return Data(bytes[offset..<min(offset + size, bytes.count)])
        }
    }

    func records(_ text: String, chunk: Int = 3) throws -> [CSVReader.Record] {
        var reader = CSVReader(nextChunk: blocks(text, size: chunk))
        var result: [CSVReader.Record] = []
        while let record = try reader.next() { result.append(record) }
        return result
    }

    @Test("RFC 4180: quotes, doubled quotes, commas and line breaks in fields, CRLF, a byte-order mark")
    func rfc4180() throws {
        let read = try records("\u{FEFF}a,b,c\r\n\"Flat 2, 10 High St\",\"O\"\"Neill\",\"two\nlines\"\r\nx,,\n")
        #expect(read.map(\.fields) == [["a", "b", "c"], ["Flat 2, 10 High St", "O\"Neill", "two\nlines"], ["x", "", ""]])
        #expect(read.map(\.line) == [1, 2, 4])
    }

    @Test("Records read alike whatever the chunk size: quotes, CR, CRLF and blank lines across chunk boundaries")
    func chunkBoundaries() throws {
        let text = "\u{FEFF}h1,h2,h3\r\n\n\"a\"\"b\",\"x\r\ny\",c\rd\r\n\r\n\"\"e\"f,,Siân\nlast,\"q\",\"\""
        let whole = try records(text, chunk: 1 << 20)
        #expect(whole.map(\.fields) == [["h1", "h2", "h3"], ["a\"b", "x\r\ny", "c\rd"], ["e\"f", "", "Siân"], ["last", "q", ""]])
        #expect(whole.map(\.line) == [1, 3, 6, 7])
        for chunk in 3...9 {
            let read = try records(text, chunk: chunk)
            #expect(read == whole, "chunk \(chunk)")
        }
    }

    /// The records of `text` cut into chunks (``CSVChunker``) of at least `target` bytes, each parsed on its own,
    /// with the stream handed to the chunker `block` bytes at a time.
    func chunkedRecords(_ text: String, target: Int, block: Int) throws -> [CSVReader.Record] {
        var chunker = CSVChunker(nextData: blocks(text, size: block))
        var result: [CSVReader.Record] = []
        var end = 0
        while let chunk = try chunker.next(bytes: target) {
            #expect(chunk.endOffset == end + chunk.bytes.count)
            end = chunk.endOffset
            var reader = CSVReader(bytes: chunk.bytes, firstLine: chunk.firstLine)
            while let record = try reader.next() { result.append(record) }
        }
        #expect(end == text.utf8.count)
        return result
    }

    @Test("Records cut into chunks and parsed chunk by chunk read as the whole file does, malformed quotes too")
    func chunkedReading() throws {
        let texts = [
            "\u{FEFF}h1,h2,h3\r\n\n\"a\"\"b\",\"x\r\ny\",c\rd\r\n\r\n\"\"e\"f,,Siân\nlast,\"q\",\"\"",
            // Quotes that are text: inside an unquoted field, after a closing quote, after a CR at a field's start.
            "a,O\"Neill,\"x\"y\nz\"\n\"\"\",\"\"\"\"\n\r\"p\nq,\"multi\n\nline\",\"\"\"\"\"\n,,\n\"tail\"\n",
        ]
        for text in texts {
            let whole = try records(text, chunk: 1 << 20)
            for target in [1, 2, 5, 11, 64] {
                for block in [1, 3, 7, 1 << 20] {
                    #expect(try chunkedRecords(text, target: target, block: block) == whole, "target \(target), block \(block)")
                }
            }
        }
        #expect(throws: CSVReader.Failure.unterminatedQuote(line: 3)) {
            try chunkedRecords("h\nok\n\"never\nclosed,\n", target: 1, block: 2)
        }
    }

    @Test("Trimming keeps Foundation's white space: tab and the space separators, not line breaks")
    func trimming() {
        for text in ["  a b\t", "\u{00A0}a\u{2003}", " \u{00A0} x", "x\n", "", "   ", "Siân "] {
            #expect(FeedColumns.trimmed(text) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test("Postcodes and NHS numbers checked on bytes read as before")
    func byteChecks() {
        #expect(FeedRowValidator.normalisedPostcode("pp25gn") == "PP2 5GN")
        #expect(FeedRowValidator.normalisedPostcode(" sw1a 1aa ") == "SW1A 1AA")
        #expect(FeedRowValidator.normalisedPostcode("PP2 5G") == nil)
        #expect(FeedRowValidator.normalisedPostcode("PP2\t5GN") == nil)
        #expect(FeedRowValidator.normalisedPostcode("PPP2 5GN") == nil)
        #expect(FeedRowValidator.normalisedPostcode("P2 5GNN") == nil)
        #expect(FeedRowValidator.validNHSNumber("999 234 5675") == "9992345675")
        #expect(FeedRowValidator.validNHSNumber("999-234-5675") == "9992345675")
        #expect(FeedRowValidator.validNHSNumber("9992345674") == nil)
        #expect(FeedRowValidator.validNHSNumber("99923456750") == nil)
        #expect(FeedRowValidator.validNHSNumber("999234567") == nil)
    }

    @Test("Text that is not UTF-8 and an unclosed quote are errors")
    func badText() throws {
        var bytes = Array("a,b\n".utf8)
        bytes += [0xC3, 0x28, UInt8(ascii: "\n")]
        var reader = CSVReader(data: Data(bytes))
        _ = try reader.next()
        #expect(throws: CSVReader.Failure.notUTF8(line: 2)) { try reader.next() }
        #expect(throws: CSVReader.Failure.unterminatedQuote(line: 1)) { try records("\"open,b\n") }
    }

    static let header = FeedColumns.required + ["gender"]

    func row(_ values: [String: String]) -> [String] {
        var base = ["source_system": "PIP-CSC", "source_record_id": "C1", "date_of_birth": "2010-01-08", "event_date": "2026-03-14"]
        base.merge(values) { $1 }
        return Self.header.map { base[$0] ?? "" }
    }

    func validate(_ values: [String: String]) throws -> Result<(FeedRow, FeedRowValidator.Notes), QuarantineFailure> {
        FeedRowValidator(extractDate: CalendarDate(year: 2026, month: 11, day: 1)!)
            .validate(row(values), line: 2, columns: try FeedColumns(header: Self.header))
    }

    /// A finished snapshot of valid rows (each `row(_:)` of its values, lines from 2), as of 1 November 2026.
    func snapshot(of rows: [[String: String]]) throws -> ExtractSnapshot {
        let validator = FeedRowValidator(extractDate: CalendarDate(year: 2026, month: 11, day: 1)!)
        let columns = try FeedColumns(header: Self.header)
        var snapshot = ExtractSnapshot(extractDate: CalendarDate(year: 2026, month: 11, day: 1)!)
        for (line, values) in rows.enumerated() {
            let (row, notes) = try validator.validate(row(values), line: line + 2, columns: columns).get()
            snapshot.add(row, notes: notes, knownEventTypes: [])
        }
        snapshot.finish()
        return snapshot
    }

    func reason(_ values: [String: String]) throws -> QuarantineReason? {
        if case .failure(let failure) = try validate(values) { return failure.reason }
        return nil
    }

    /// Changed on purpose (issue #18): a bad date of birth, NHS number or postcode used to quarantine the row; now only
    /// a missing id or an unreadable event date does (the other values are set aside, below).
    @Test("Only a row with no id or an unreadable event date is quarantined, and the first reason wins")
    func quarantineReasons() throws {
        #expect(try reason(["source_record_id": ""]) == .missingId)
        #expect(try reason(["source_system": " "]) == .missingId)
        for text in ["08/01/2010", "2025/11/03", "20251103", "yesterday"] {
            #expect(try reason(["event_date": text]) == .unparseableDate)
            #expect(try reason(["date_of_birth": text]) == nil, "\(text)")
        }
        for text in ["2025-02-30", "2025-13-05", "2025-11-00", "2026-11-02"] {
            #expect(try reason(["event_date": text]) == .impossibleDate, "\(text)")
        }
        #expect(try reason(["nhs_number": "9992345674"]) == nil)
        #expect(try reason(["postcode": "PP 5GN"]) == nil)
        #expect(try reason(["source_record_id": "", "event_date": "x"]) == .missingId)
        #expect(try reason(["event_date": "x", "nhs_number": "9992345674", "date_of_birth": "x"]) == .unparseableDate)
    }

    @Test("A date of birth, NHS number, postcode or UPRN that cannot be used is set aside as sent, and the row is loaded")
    func setAsideValues() throws {
        func loaded(_ values: [String: String]) throws -> FeedRow { try validate(values).get().0 }
        for text in ["08/01/2010", "2025/11/03", "20251103", "yesterday"] {
            let row = try loaded(["date_of_birth": text])
            #expect(row.setAside.reasons == [.unparseableDateOfBirth], "\(text)")
            #expect(row.dateOfBirth == nil && row.dateOfBirthSetAside == text && row.storedDateOfBirth == text)
            #expect(row.sourceRecord.dateOfBirth == nil)
        }
        // No such day, before 1890, after the extract date, after the row's event date (2026-03-14).
        for text in ["2025-02-30", "2025-13-05", "2025-11-00", "1889-12-31", "2026-11-02", "2026-03-15"] {
            let row = try loaded(["date_of_birth": text])
            #expect(row.setAside.reasons == [.impossibleDateOfBirth], "\(text)")
            #expect(row.dateOfBirth == nil && row.storedDateOfBirth == text)
        }
        let nhs = try loaded(["nhs_number": "999 234 5674"])
        #expect(nhs.setAside.reasons == [.badNHSCheckDigit])
        #expect(nhs.nhsNumber == "999 234 5674")  // as sent
        #expect(nhs.sourceRecord.nhsNumber == nil)  // never given to cleansing, so never matched on
        for text in ["PP2 5G", "2PP 5GN", "PP 5GN"] {
            let row = try loaded(["postcode": text])
            #expect(row.setAside.reasons == [.malformedPostcode])
            #expect(row.postcode == text && row.sourceRecord.postcode == nil)
        }
        let uprn = try loaded(["uprn": "12-34"])
        #expect(uprn.setAside.reasons == [.unusableUPRN])
        #expect(uprn.uprn == "12-34" && uprn.sourceRecord.uprn == nil)
        // Several at once, each under its reason; the person's name still reaches cleansing.
        let several = try loaded(["forename": "Jack", "nhs_number": "9992345674", "postcode": "PP2 5G", "date_of_birth": "x", "uprn": "0"])
        #expect(several.setAside.reasons == [.unparseableDateOfBirth, .badNHSCheckDigit, .malformedPostcode, .unusableUPRN])
        #expect(several.sourceRecord.forename == "Jack")
        // A usable value is not set aside.
        #expect(try loaded(["nhs_number": "9992345675", "postcode": "pp25gn", "uprn": "007"]).setAside.isEmpty)
    }

    @Test("A snapshot counts the values set aside per reason and source")
    func setAsideCounted() throws {
        var snapshot = try self.snapshot(of: [
            ["source_record_id": "C1", "nhs_number": "9992345674"], ["source_record_id": "C2", "nhs_number": "9992345674", "postcode": "PP2 5G"],
            ["source_record_id": "C3"], ["source_system": "PIP-UHB", "date_of_birth": "2026-02-30"],
        ])
        #expect(snapshot.reports["PIP-CSC"]?.setAside == ["bad_nhs_check_digit": 2, "malformed_postcode": 1])
        #expect(snapshot.reports["PIP-CSC"]?.rowsLoaded == 3)
        #expect(snapshot.reports["PIP-UHB"]?.setAside == ["impossible_date_of_birth": 1])
        #expect(snapshot.takeRows().values.reduce(0) { $0 + $1.records.count } == 4)
    }

    @Test("A duplicate row of the same date with a value set aside does not replace the clean one; a later row does")
    func setAsideTies() throws {
        let validator = FeedRowValidator(extractDate: CalendarDate(year: 2026, month: 11, day: 1)!)
        let columns = try FeedColumns(header: Self.header)
        func details(_ rows: [[String: String]]) throws -> FeedRow? {
            var snapshot = ExtractSnapshot(extractDate: CalendarDate(year: 2026, month: 11, day: 1)!)
            for (line, values) in rows.enumerated() {
                let (row, notes) = try validator.validate(row(values), line: line + 2, columns: columns).get()
                snapshot.add(row, notes: notes, knownEventTypes: [])
            }
            snapshot.finish()
            return snapshot.takeRows()["PIP-CSC"]?.records.first
        }
        let clean = ["nhs_number": "9992345675", "event_date": "2026-03-14"]
        let slip = ["nhs_number": "9992345674", "event_date": "2026-03-14"]
        #expect(try details([clean, slip])?.nhsNumber == "9992345675")
        #expect(try details([slip, clean])?.nhsNumber == "9992345675")
        #expect(try details([clean, ["nhs_number": "9992345674", "event_date": "2026-03-15"]])?.nhsNumber == "9992345674")
        #expect(try details([clean, ["nhs_number": "9992345675", "event_date": "2026-03-14", "forename": "Shira"]])?.forename == "Shira")
    }

    @Test("Valid values are normalised; empty values are neither quarantined nor set aside")
    func normalised() throws {
        let (row, notes) = try validate(["nhs_number": "999 234 5675", "postcode": "pp25gn", "uprn": "00100100012345",
                                         "event_type": " was_not_brought ", "gender": "Female"]).get()
        #expect(row.nhsNumber == "9992345675")
        #expect(row.postcode == "PP2 5GN")
        #expect(row.uprn == "100100012345")
        #expect(row.eventType == "WAS_NOT_BROUGHT")
        #expect(row.gender == "F")
        #expect(!notes.unrecognisedGender && row.setAside.isEmpty)
        let (odd, oddNotes) = try validate(["gender": "other", "date_of_birth": "", "nhs_number": "", "postcode": ""]).get()
        #expect(odd.uprn == "" && odd.gender == "U" && odd.dateOfBirth == nil && odd.storedDateOfBirth == "")
        #expect(oddNotes.unrecognisedGender && odd.setAside.isEmpty)
        #expect(FeedRowValidator.validNHSNumber("999-234-5675") == "9992345675")
    }

    @Test("A required column missing from the header refuses the file; unknown columns are named")
    func header() throws {
        #expect(throws: FeedColumns.Failure.self) { try FeedColumns(header: ["source_system", "source_record_id"]) }
        let columns = try FeedColumns(header: FeedColumns.required.map { " \($0.uppercased()) " } + ["shoe_size"])
        #expect(columns.unknown == ["shoe_size"])
    }

    @Test("The window counts back 12 calendar months; 29 February counts back to 28 February")
    func window() {
        #expect(CalendarDate(year: 2026, month: 11, day: 1)!.months(before: 12) == CalendarDate(year: 2025, month: 11, day: 1)!)
        #expect(CalendarDate(year: 2028, month: 2, day: 29)!.months(before: 12) == CalendarDate(year: 2027, month: 2, day: 28)!)
        #expect(CalendarDate(year: 2026, month: 1, day: 31)!.months(before: 2) == CalendarDate(year: 2025, month: 11, day: 30)!)
    }

    @Test("A snapshot hands over each source's records in file order, whatever order its dictionary keeps")
    func snapshotRowsInFileOrder() throws {
        let validator = FeedRowValidator(extractDate: CalendarDate(year: 2026, month: 11, day: 1)!)
        let columns = try FeedColumns(header: Self.header)
        var snapshot = ExtractSnapshot(extractDate: CalendarDate(year: 2026, month: 11, day: 1)!)
        // 300 records over two sources, the second source's rows interleaved with the first's.
        for line in 2..<302 {
            let source = line % 3 == 0 ? "PIP-POLICE" : "PIP-CSC"
            guard case .success(let (row, notes)) = validator.validate(
                row(["source_system": source, "source_record_id": "R\(line)"]), line: line, columns: columns)
            else { Issue.record("row \(line) was quarantined"); return }
            snapshot.add(row, notes: notes, knownEventTypes: [])
        }
        snapshot.finish()
        let rows = snapshot.takeRows()
        #expect(rows.keys.sorted() == ["PIP-CSC", "PIP-POLICE"])
        for (_, source) in rows {
            #expect(source.records.map(\.line) == source.records.map(\.line).sorted())
        }
        #expect(rows["PIP-POLICE"]?.records.count == 100)
        #expect(rows["PIP-CSC"]?.records.count == 200)
    }

    @Test("A snapshot finds a record's rows and an event's repeats again: one record per source and ID, one event per record, code and date (the later row's details), the same ID in two sources two records")
    func snapshotFindsRecordsAndEventsAgain() throws {
        var snapshot = try self.snapshot(of: [
            ["source_record_id": "C1", "event_type": "CSC_REFERRAL", "event_date": "2026-03-14"],
            ["source_record_id": "C1", "event_type": "CSC_REFERRAL", "event_date": "2026-03-14"],  // a repeat
            ["source_record_id": "C1", "event_type": "CSC_REFERRAL", "event_date": "2026-04-02"],
            ["source_record_id": "C2", "event_type": "CSC_REFERRAL", "event_date": "2026-03-14"],
            ["source_system": "PIP-UHB", "source_record_id": "C1", "event_type": "AE_ATTENDANCE", "event_date": "2026-03-14"],
        ])
        let taken = snapshot.takeRows()
        #expect(taken["PIP-CSC"]?.records.map(\.key.sourceRecordId) == ["C1", "C2"])
        #expect(taken["PIP-CSC"]?.records.first?.eventDate == CalendarDate(year: 2026, month: 4, day: 2))  // the latest row's details
        #expect(taken["PIP-CSC"]?.events.map { "\($0.key.sourceRecordId) \($0.eventDate)" } == ["C1 2026-03-14", "C1 2026-04-02", "C2 2026-03-14"])
        #expect(taken["PIP-UHB"]?.records.map(\.key.sourceRecordId) == ["C1"])
        #expect(taken["PIP-UHB"]?.events.count == 1)
    }
}
