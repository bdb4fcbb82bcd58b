/// One public or local holiday on which working-time SLA clocks do not count.
public struct BankHoliday: Sendable, Hashable, Codable, CustomStringConvertible {
    public let date: CalendarDate
    /// What the day is, e.g. `"Boxing Day (substitute day)"`.
    public let name: String

    public init(date: CalendarDate, name: String) {
        self.date = date
        self.name = name
    }

    /// `"2022-09-19 Bank holiday for the State Funeral of Queen Elizabeth II"`.
    public var description: String { "\(date) \(name)" }
}
