import Foundation

/// One input of a form as the `field` partial draws it: label, hint, error beside it, and the value entered.
/// Names are the API's field paths, so a problem the use case finds lands beside its input.
struct FormField: Sendable {
    enum Kind: String, Sendable {
        case text, textarea, select, radios, checkboxes, date, time, number, email, tel, password
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
        let id: String
    }

    let name: String
    let id: String
    let label: String
    let hint: String?
    let value: String
    let error: String?
    let options: [Option]
    let autocomplete: String?
    let widthClass: String
    // What the template branches on (stored: templates read stored properties only).
    let inputType: String
    let isInput: Bool
    let isTextarea: Bool
    let isSelect: Bool
    let isRadios: Bool
    let isCheckboxes: Bool
    let describedBy: String?

    init(
        _ kind: Kind, name: String, label: String, hint: String? = nil, value: String? = nil, error: String? = nil,
        options: [(value: String, label: String)] = [], selected: Set<String> = [], autocomplete: String? = nil, width: String = ""
    ) {
        self.name = name
        id = FieldNames.inputId(name)
        self.label = label
        self.hint = hint
        self.value = value ?? ""
        self.error = error
        let chosen = selected.isEmpty && value != nil ? [value!] : selected
        self.options = options.enumerated().map { index, option in
            Option(value: option.value, label: option.label, selected: chosen.contains(option.value),
                   id: FieldNames.inputId(name) + (index == 0 ? "" : "-\(index)"))
        }
        self.autocomplete = autocomplete
        widthClass = width
        inputType = kind.rawValue
        isTextarea = kind == .textarea
        isSelect = kind == .select
        isRadios = kind == .radios
        isCheckboxes = kind == .checkboxes
        isInput = !(isTextarea || isSelect || isRadios || isCheckboxes)
        let ids = [hint.map { _ in FieldNames.inputId(name) + "-hint" }, error.map { _ in FieldNames.inputId(name) + "-error" }]
            .compactMap { $0 }
        describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
    }
}

/// The problems of a form, by field name, in the page's language.
struct FormErrors: Sendable {
    let byField: [String: String]
    let frame: [PageFrame.FieldError]

    static let none = FormErrors(byField: [:], frame: [])

    init(byField: [String: String], frame: [PageFrame.FieldError]) {
        self.byField = byField
        self.frame = frame
    }

    init(_ errors: [PageFrame.FieldError]) {
        var byField: [String: String] = [:]
        for error in errors where byField[error.field] == nil { byField[error.field] = error.message }
        self.init(byField: byField, frame: errors)
    }

    subscript(_ field: String) -> String? { byField[field] }
}
