import Foundation

/// Conversions between instants and local wall-clock times, using only `TimeZone.secondsFromGMT(for:)`, so that
/// day-by-day walks stay cheap and their treatment of clock changes is explicit:
/// - a wall-clock time that does not exist (skipped when clocks go forward) maps to the instant the same distance
///   after the jump, so 01:30 on the last Sunday of March in Europe/London is 02:30 BST;
/// - a wall-clock time that happens twice (when clocks go back) maps to its first occurrence.
/// Days are counted as days since 1970-01-01, as `CalendarDate.daysSinceEpoch`.
extension TimeZone {
    static let secondsPerDay = 86_400

    /// The local day on which `instant` falls, as days since 1970-01-01.
    func dayIndex(containing instant: Date) -> Int {
        let local = instant.timeIntervalSince1970 + Double(secondsFromGMT(for: instant))
        return Int((local / Double(TimeZone.secondsPerDay)).rounded(.down))
    }

    /// The instant at which local wall-clock time reads `minutes` after midnight on local day `dayIndex`
    /// (1440 minutes is the next day's midnight).
    func instant(dayIndex: Int, minutesSinceMidnight minutes: Int) -> Date {
        let wallSeconds = dayIndex * TimeZone.secondsPerDay + minutes * 60
        let naive = Date(timeIntervalSince1970: Double(wallSeconds))
        let offsetBefore = secondsFromGMT(for: naive.addingTimeInterval(-Double(TimeZone.secondsPerDay)))
        let offsetAfter = secondsFromGMT(for: naive.addingTimeInterval(Double(TimeZone.secondsPerDay)))
        var earliest: Date?
        for offset in Set([offsetBefore, offsetAfter]) {
            let candidate = Date(timeIntervalSince1970: Double(wallSeconds - offset))
            guard secondsFromGMT(for: candidate) == offset else { continue }
            if earliest.map({ candidate < $0 }) ?? true { earliest = candidate }
        }
        // No offset fits: the wall time was skipped, so read it with the offset in force before the jump.
        return earliest ?? Date(timeIntervalSince1970: Double(wallSeconds - offsetBefore))
    }
}
