/// A local wall-clock time of day to the minute, from 00:00 up to and including 24:00 (the end of the day),
/// used for the opening and closing times of working hours.
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Minutes since local midnight, 0…1440.
    public let minutesSinceMidnight: Int

    /// Nil unless 0 ≤ minutes ≤ 1440.
    public init?(minutesSinceMidnight: Int) {
        guard (0...TimeOfDay.minutesPerDay).contains(minutesSinceMidnight) else { return nil }
        self.minutesSinceMidnight = minutesSinceMidnight
    }

    /// Nil unless hour is 0…23 and minute 0…59, or the time is exactly 24:00.
    public init?(hour: Int, minute: Int = 0) {
        guard (0...59).contains(minute), (0...23).contains(hour) || (hour == 24 && minute == 0) else { return nil }
        self.minutesSinceMidnight = hour * 60 + minute
    }

    /// Parses `"HH:mm"` (`"09:00"`, `"17:30"`, `"24:00"`).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// 00:00, the start of the day.
    public static let midnight = TimeOfDay(unchecked: 0)
    /// 24:00, the end of the day (the next day's midnight).
    public static let endOfDay = TimeOfDay(unchecked: minutesPerDay)

    static let minutesPerDay = 24 * 60

    private init(unchecked minutes: Int) {
        self.minutesSinceMidnight = minutes
    }

    public var hour: Int { minutesSinceMidnight / 60 }
    public var minute: Int { minutesSinceMidnight % 60 }

    /// `"09:00"`.
    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let value = TimeOfDay(raw) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "not a time of day in the form HH:mm: \(raw)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
