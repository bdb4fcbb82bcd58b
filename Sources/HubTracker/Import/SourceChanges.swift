/// One source's records that the import writes: rows new, changed or reinstated, with their ids (0 for a new
/// record until one is reserved for it) and, once cleansed, their cleansed forms; and the held records it retires.
struct SourceChanges {
    let source: String
    private(set) var rows: [FeedRow] = []
    var ids: [Int64] = []
    var cleansed: [CleansedRecord] = []
    var retiring: [Int64] = []
    /// The source holds no record yet (live or retired): every row is a new record.
    let new: Bool

    init(source: String, new: Bool) {
        self.source = source
        self.new = new
    }

    mutating func add(_ row: FeedRow, id: Int64) {
        rows.append(row)
        ids.append(id)
    }

    /// How many of the rows are new records.
    var newCount: Int { ids.lazy.filter { $0 == 0 }.count }

    /// Lets go of the rows and their cleansed forms (once written).
    mutating func release() {
        rows = []
        ids = []
        cleansed = []
    }
}
