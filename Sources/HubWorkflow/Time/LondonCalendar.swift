import Foundation

extension Calendar {
    /// The Gregorian calendar in Europe/London, where the partnership's days, months and working hours are.
    public static let london: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .london
        return calendar
    }()
}

extension TimeZone {
    /// Europe/London: the time zone of the hub's users (England and Wales).
    public static let london = TimeZone(identifier: "Europe/London") ?? .gmt
}
