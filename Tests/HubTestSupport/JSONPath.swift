import Foundation

/// A member of a JSON request body named as problems name fields (`referrer.email`, `subjects[0].aliases[1]`), so a
/// test can put a value exactly where a validation error will name it.
public enum JSONPath {
    enum Step {
        case member(String)
        case element(Int)
    }

    /// `object` with `value` at `path`; objects and arrays on the way are made when missing, and an index one past
    /// the end of an array appends.
    public static func setting(_ value: Any, at path: String, in object: [String: Any]) -> [String: Any] {
        set(value, steps: steps(path)[...], in: object) as? [String: Any] ?? object
    }

    static func steps(_ path: String) -> [Step] {
        var steps: [Step] = []
        for part in path.split(separator: ".") {
            var rest = part[...]
            if let bracket = rest.firstIndex(of: "[") {
                steps.append(.member(String(rest[..<bracket])))
                rest = rest[bracket...]
                while rest.first == "[", let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                    steps.append(.element(index))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                steps.append(.member(String(rest)))
            }
        }
        return steps
    }

    private static func set(_ value: Any, steps: ArraySlice<Step>, in container: Any?) -> Any {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        switch step {
        case let .member(name):
            var object = container as? [String: Any] ?? [:]
            object[name] = set(value, steps: rest, in: object[name])
            return object
        case let .element(index):
            var array = container as? [Any] ?? []
            if index < array.count {
                array[index] = set(value, steps: rest, in: array[index])
            } else {
                array.append(set(value, steps: rest, in: nil))
            }
            return array
        }
    }
}
