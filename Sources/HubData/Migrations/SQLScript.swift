/// Splits a SQL file into single statements, because PostgreSQL's extended protocol runs one statement
/// per query. Understands `--` and `/* */` comments, quoted strings and identifiers, and dollar-quoted bodies
/// (`$$ … $$`, `$fn$ … $fn$`), so semicolons inside them do not split.
public enum SQLScript {
    public static func statements(in script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let chars = Array(script)
        var index = 0

        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty && !isOnlyComments(trimmed) { statements.append(trimmed) }
            current = ""
        }

        while index < chars.count {
            let char = chars[index]
            let next: Character? = index + 1 < chars.count ? chars[index + 1] : nil
            switch char {
            case "-" where next == "-":
                while index < chars.count && chars[index] != "\n" { current.append(chars[index]); index += 1 }
                continue
            case "/" where next == "*":
                var depth = 0
                repeat {
                    if chars[index] == "/" && index + 1 < chars.count && chars[index + 1] == "*" {
                        depth += 1; current.append("/*"); index += 2; continue
                    }
                    if chars[index] == "*" && index + 1 < chars.count && chars[index + 1] == "/" {
                        depth -= 1; current.append("*/"); index += 2; continue
                    }
                    current.append(chars[index]); index += 1
                } while depth > 0 && index < chars.count
                continue
            case "'", "\"":
                current.append(char); index += 1
                while index < chars.count {
                    current.append(chars[index])
                    if chars[index] == char {
                        if index + 1 < chars.count && chars[index + 1] == char {  // doubled quote
                            current.append(char); index += 2; continue
                        }
                        index += 1; break
                    }
                    index += 1
                }
                continue
            case "$":
                if let tag = dollarTag(chars, at: index) {
                    current += tag; index += tag.count
                    while index < chars.count {
                        if chars[index] == "$", matches(chars, at: index, tag) {
                            current += tag; index += tag.count; break
                        }
                        current.append(chars[index]); index += 1
                    }
                    continue
                }
            case ";":
                flush(); index += 1
                continue
            default:
                break
            }
            current.append(char)
            index += 1
        }
        flush()
        return statements
    }

    /// `$$` or `$tag$` starting at `index`, or nil when the `$` is a parameter such as `$1`.
    private static func dollarTag(_ chars: [Character], at index: Int) -> String? {
        var end = index + 1
        while end < chars.count, chars[end] == "_" || chars[end].isLetter || (chars[end].isNumber && end > index + 1) {
            end += 1
        }
        guard end < chars.count, chars[end] == "$" else { return nil }
        return String(chars[index...end])
    }

    private static func matches(_ chars: [Character], at index: Int, _ tag: String) -> Bool {
        let tagChars = Array(tag)
        guard index + tagChars.count <= chars.count else { return false }
        return Array(chars[index..<(index + tagChars.count)]) == tagChars
    }

    private static func isOnlyComments(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
    }
}
