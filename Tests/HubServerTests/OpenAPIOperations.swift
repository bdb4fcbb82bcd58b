import Foundation
import HubData

/// The operations of docs/openapi.yaml, read from its `paths` section as it is laid out (two-space path keys,
/// four-space methods, six-space `parameters:` and `responses:`, eight-space entries): each operation's method and
/// path, the response statuses it documents, and whether it takes `If-Match`.
struct OpenAPIOperations {
    struct Operation {
        let method: String
        let path: String
        var statuses: Set<Int> = []
        var takesIfMatch = false
        /// The query parameters whose values are an enum, with the values the document lists, in its order.
        var queryEnums: [(name: String, values: [String])] = []

        /// `METHOD /path`, as the document names it.
        var name: String { "\(method) \(path)" }

        /// Whether a request path (no query) is this operation's path: `{…}` stands for one segment.
        func matches(method: String, path requestPath: String) -> Bool {
            guard method == self.method else { return false }
            let pattern = path.split(separator: "/", omittingEmptySubsequences: false)
            let actual = requestPath.split(separator: "/", omittingEmptySubsequences: false)
            guard pattern.count == actual.count else { return false }
            return zip(pattern, actual).allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") ? !$1.isEmpty : $0 == $1 }
        }
    }

    static func load() throws -> [Operation] {
        let text = try String(contentsOf: ProjectLayout.locate().docs.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var operations: [Operation] = []
        var inPaths = false
        var path: String?
        var section = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, let first = line.first, first != " " { break }
            guard inPaths else { continue }
            let indent = line.prefix { $0 == " " }.count
            let content = line.trimmingCharacters(in: .whitespaces)
            switch indent {
            case 2 where content.hasPrefix("/"):
                path = String(content.dropLast())
            case 4 where ["get:", "put:", "post:", "delete:", "patch:"].contains(content):
                if let path { operations.append(Operation(method: String(content.dropLast()).uppercased(), path: path)) }
            case 6:
                section = content
            case 8 where !operations.isEmpty:
                if section == "responses:", content.hasPrefix("'"), let code = Int(content.dropFirst().prefix(3)) {
                    operations[operations.count - 1].statuses.insert(code)
                } else if section == "parameters:", content.contains("#/components/parameters/IfMatch") {
                    operations[operations.count - 1].takesIfMatch = true
                } else if section == "parameters:", let parameter = queryEnum(content) {
                    operations[operations.count - 1].queryEnums.append(parameter)
                }
            default:
                break
            }
        }
        return operations
    }

    /// `- {name: state, in: query, …, schema: {type: string, enum: [a, 'b']…}}`: the name and the values.
    static func queryEnum(_ line: String) -> (name: String, values: [String])? {
        guard line.hasPrefix("- {name: "), line.contains("in: query"), let start = line.range(of: "enum: [") else { return nil }
        let name = line.dropFirst("- {name: ".count).prefix { $0 != "," }
        let list = line[start.upperBound...].prefix { $0 != "]" }
        let values = list.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\"")) }
        return (String(name), values)
    }
}
