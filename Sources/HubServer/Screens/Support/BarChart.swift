import Foundation
import HubWorkflow

/// A bar chart drawn as SVG on the server (no script, no external library): one bar per label, the value above
/// each bar, a described image for assistive technology (the same figures are in a table beside it).
struct BarChart: Sendable {
    struct Bar: Sendable {
        let label: String
        let value: Double
        /// The figure written above the bar (`<5` where a count is suppressed).
        let text: String
    }

    let title: String
    let bars: [Bar]
    var width = 640
    var height = 220

    /// The chart as an `<svg>` element (text escaped for HTML).
    var svg: String {
        let margin = (top: 24.0, bottom: 36.0, side: 8.0)
        let plotHeight = Double(height) - margin.top - margin.bottom
        let slot = bars.isEmpty ? 0 : (Double(width) - 2 * margin.side) / Double(bars.count)
        let barWidth = max(2, slot * 0.7)
        let maximum = max(bars.map(\.value).max() ?? 0, 1)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(Self.escape(title))\""
            + " xmlns=\"http://www.w3.org/2000/svg\"><title>\(Self.escape(title))</title>"
        svg += "<line x1=\"\(margin.side)\" y1=\"\(Double(height) - margin.bottom)\" x2=\"\(Double(width) - margin.side)\" "
            + "y2=\"\(Double(height) - margin.bottom)\" stroke=\"#505a5f\" stroke-width=\"1\"/>"
        for (index, bar) in bars.enumerated() {
            let barHeight = plotHeight * bar.value / maximum
            let x = margin.side + slot * Double(index) + (slot - barWidth) / 2
            let y = Double(height) - margin.bottom - barHeight
            let centre = x + barWidth / 2
            svg += "<rect x=\(Self.number(x)) y=\(Self.number(y)) width=\(Self.number(barWidth)) height=\(Self.number(barHeight)) fill=\"#1d70b8\"/>"
            svg += "<text x=\(Self.number(centre)) y=\(Self.number(y - 4)) text-anchor=\"middle\" font-size=\"12\" fill=\"#0b0c0c\">"
                + "\(Self.escape(bar.text))</text>"
            svg += "<text x=\(Self.number(centre)) y=\(Self.number(Double(height) - margin.bottom + 16)) text-anchor=\"middle\" "
                + "font-size=\"11\" fill=\"#0b0c0c\">\(Self.escape(bar.label))</text>"
        }
        return svg + "</svg>"
    }

    static func number(_ value: Double) -> String { "\"" + String(format: "%.1f", value) + "\"" }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension BarChart {
    /// Twelve bars, one a month from the month of `since` (a `YYYY-MM-DD` day), each with its interactions (months
    /// with none show as empty bars, so the chart reads as a year).
    static func monthly(_ counts: [(month: String, interactions: Int)], since: String, catalogue t: MessageCatalogue) -> [Bar] {
        guard let start = CalendarDate(since) else {
            return counts.map { Bar(label: $0.month, value: Double($0.interactions), text: String($0.interactions)) }
        }
        let byMonth = Dictionary(counts.map { ($0.month, $0.interactions) }, uniquingKeysWith: +)
        return (0..<12).map { offset in
            let total = start.year * 12 + (start.month - 1) + offset + 1
            let (year, month) = (total / 12, total % 12 + 1)
            let key = String(format: "%04d-%02d", year, month)
            let value = byMonth[key] ?? 0
            return Bar(label: t["month_short.\(month)"], value: Double(value), text: value == 0 ? "" : String(value))
        }
    }
}
