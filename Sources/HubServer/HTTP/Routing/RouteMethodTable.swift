import HTTPTypes
import Hummingbird

/// Which methods each route template of the router answers, made once from its route descriptions at start-up, and
/// the methods a request path may use: those of the template the router would resolve that path to.
///
/// A path is resolved as Hummingbird's trie router resolves it: segment by segment, a literal segment before a
/// capture (`/referrals/new` before `/referrals/{id}`). Hub's routes use literal segments and whole-segment captures
/// only; a template with a wildcard is matched segment by segment like a capture.
struct RouteMethodTable: Sendable {
    struct Template: Sendable {
        let elements: [RouterPath.Element]
        var methods: Set<HTTPRequest.Method>
    }

    private(set) var templates: [Template] = []

    /// The methods in the order the `Allow` header lists them.
    static let methodOrder: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    init<Context>(routes: [Router<Context>.RouteDescription]) {
        var byPath: [String: Int] = [:]
        for route in routes {
            if let index = byPath[route.path.description] {
                templates[index].methods.insert(route.method)
            } else {
                byPath[route.path.description] = templates.count
                templates.append(Template(elements: Array(route.path), methods: [route.method]))
            }
        }
    }

    /// The methods the router answers on `path` (without its query), or nil when no route template matches it.
    func methods(forPath path: String) -> Set<HTTPRequest.Method>? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var best: (template: Template, literals: [Bool])?
        for template in templates where template.elements.count == segments.count {
            guard zip(template.elements, segments).allSatisfy({ $0 ~= $1 }) else { continue }
            let literals = zip(template.elements, segments).map { $0 == $1 }
            if let current = best, !Self.isMoreSpecific(literals, than: current.literals) { continue }
            best = (template, literals)
        }
        return best?.template.methods
    }

    /// The `Allow` header's value for a set of methods, in a fixed order.
    static func allowValue(_ methods: Set<HTTPRequest.Method>) -> String {
        let known = methodOrder.filter(methods.contains)
        let others = methods.subtracting(methodOrder).map(\.rawValue).sorted()
        return (known.map(\.rawValue) + others).joined(separator: ", ")
    }

    /// Whether a match is preferred by the router: at the first segment where the two differ, a literal wins.
    private static func isMoreSpecific(_ candidate: [Bool], than current: [Bool]) -> Bool {
        for (new, old) in zip(candidate, current) where new != old { return new }
        return false
    }
}
