/// A day of the week. Raw values follow Foundation's `Calendar` `weekday` component (1 = Sunday … 7 = Saturday);
/// `name` (`"monday"`) is the readable form for configuration.
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case sunday = 1
    case monday
    case tuesday
    case wednesday
    case thursday
    case friday
    case saturday

    /// Monday to Friday, the working week of every built-in working-time policy.
    public static let mondayToFriday: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// The weekday of `date`.
    public init(_ date: CalendarDate) {
        self.init(daysSinceEpoch: date.daysSinceEpoch)
    }

    /// The weekday of the day `daysSinceEpoch` days after Thursday 1 January 1970.
    init(daysSinceEpoch: Int) {
        let fromSunday = ((daysSinceEpoch + 4) % 7 + 7) % 7
        // 0…6 always maps to a case.
        self = Weekday(rawValue: fromSunday + 1) ?? .sunday
    }

    /// Parses the lowercase English name (`"monday"`) or its three-letter form (`"mon"`), ignoring case.
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let match = Weekday.allCases.first(where: { $0.name == lowered || $0.name.prefix(3) == lowered })
        else { return nil }
        self = match
    }

    /// The lowercase English name, `"monday"`.
    public var name: String {
        switch self {
        case .sunday: return "sunday"
        case .monday: return "monday"
        case .tuesday: return "tuesday"
        case .wednesday: return "wednesday"
        case .thursday: return "thursday"
        case .friday: return "friday"
        case .saturday: return "saturday"
        }
    }

    public var description: String { name }
}
