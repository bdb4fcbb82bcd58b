import Foundation
import HubWorkflow

/// The email Hub sends a referrer about the decision on their referral (issue #20): plain text, UTF-8, the controlled
/// summary's words, the optional note, and the reference. Nothing about the family beyond what the summary says; the
/// referrer's own name only in the greeting. Kept as sent (`referral_feedback.message`).
enum FeedbackEmail {
    static func compose(
        reference: String, referrerName: String, summary: FeedbackSummary, note: String?, from: String, to: String, at date: Date,
        id: UUID
    ) -> String {
        var body = ["Dear \(referrerName),", "", summary.text]
        if let note { body += ["", note] }
        body += ["", "Reference: \(reference)", "",
                 "This message was sent by Hub for the Multi-Agency Safeguarding Hub. Please quote the reference if you contact us."]
        let headers = [
            "From: <\(from)>", "To: <\(to)>", "Subject: Your referral \(reference): the MASH's decision", "Date: \(rfc5322(date))",
            "Message-ID: <\(id.uuidString.lowercased())@\(from.split(separator: "@").last.map(String.init) ?? "hub.invalid")>",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        return (headers + [""] + body.flatMap { wrap($0, width: 78) }).joined(separator: "\r\n") + "\r\n"
    }

    /// `Mon, 07 Dec 2026 15:00:00 +0000`.
    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// The paragraph as lines of at most `width` characters where it has spaces to break at (SMTP allows 998).
    static func wrap(_ paragraph: String, width: Int) -> [String] {
        var lines: [String] = []
        for text in paragraph.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in text.split(separator: " ", omittingEmptySubsequences: true) {
                if !line.isEmpty && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line)
        }
        return lines
    }
}
