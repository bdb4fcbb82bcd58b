import Foundation
import Mustache
import HubWorkflow

/// Dates, times and durations as the screens show them: in Europe/London, in the page's language.
struct ScreenTime: Sendable {
    let catalogue: MessageCatalogue

    /// `6 December 2026, 14:05`.
    func dateTime(_ date: Date) -> String {
        let parts = Calendar.london.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return catalogue.format("time.date_time", [
            "day": String(parts.day ?? 1), "month": catalogue["month.\(parts.month ?? 1)"], "year": String(parts.year ?? 1970),
            "time": String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0),
        ])
    }

    /// `6 December 2026`.
    func date(_ date: Date) -> String {
        let parts = Calendar.london.dateComponents([.year, .month, .day], from: date)
        return day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    func date(_ date: CalendarDate) -> String { day(year: date.year, month: date.month, day: date.day) }

    func day(year: Int, month: Int, day: Int) -> String {
        catalogue.format("time.date", ["day": String(day), "month": catalogue["month.\(month)"], "year": String(year)])
    }

    /// `2 h 15 min`, `3 d 4 h`, `12 min`.
    func duration(_ seconds: TimeInterval) -> String {
        let minutes = max(0, Int((seconds / 60).rounded(.down)))
        let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60)
        if days > 0 { return catalogue.format("time.days_hours", ["days": String(days), "hours": String(hours)]) }
        if hours > 0 { return catalogue.format("time.hours_minutes", ["hours": String(hours), "minutes": String(mins)]) }
        return catalogue.format("time.minutes", ["minutes": String(mins)])
    }

    /// Time left before `due`, or how long it is overdue.
    func countdown(to due: Date, now: Date) -> Countdown {
        let left = due.timeIntervalSince(now)
        if left >= 0 {
            return Countdown(text: catalogue.format("countdown.left", ["time": duration(left)]), overdue: false, dueSoon: left < 3600,
                             dueISO: HubDateFormat.string(from: due))
        }
        return Countdown(text: catalogue.format("countdown.overdue", ["time": duration(-left)]), overdue: true, dueSoon: false,
                         dueISO: HubDateFormat.string(from: due))
    }

    /// A countdown as a page shows it (the script keeps `text` up to date from `dueISO`).
    struct Countdown: Sendable {
        let text: String
        let overdue: Bool
        let dueSoon: Bool
        let dueISO: String
    }
}

// A countdown names its fields to the template directly, rather than through reflection (see `IncidentBoardView.Row`).
extension ScreenTime.Countdown: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "overdue": overdue
        case "dueSoon": dueSoon
        case "dueISO": dueISO
        default: nil
        }
    }
}
