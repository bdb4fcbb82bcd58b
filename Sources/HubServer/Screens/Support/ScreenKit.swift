import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// What every screen controller works with: the templates and catalogues loaded once, the use cases, the clock,
/// and the few steps every page shares (its frame, rendering, the signed-in caller).
struct ScreenKit: Sendable {
    let templates: ScreenTemplates
    let catalogues: MessageCatalogues
    let useCases: UseCases
    let recorder: AuditRecorder
    let clock: any WallClock
    let secureCookies: Bool

    func catalogue(_ context: HubRequestContext) -> MessageCatalogue { catalogues[context.screen?.language ?? .english] }

    func time(_ context: HubRequestContext) -> ScreenTime { ScreenTime(catalogue: catalogue(context)) }

    /// The frame of a page titled by the catalogue's `titleKey` (or a title already made).
    func frame(_ request: Request, _ context: HubRequestContext, title: String, errors: [PageFrame.FieldError] = []) -> PageFrame {
        let t = catalogue(context)
        let language = context.screen?.language ?? .english
        let path = request.uri.path
        var back = path
        if let query = request.uri.query, !query.isEmpty { back += "?" + query }
        let user = context.identity.map {
            PageFrame.UserBadge(name: $0.displayName, agency: $0.agencyCode, role: t.label("role", $0.role.rawValue))
        }
        return PageFrame(
            t: t, lang: language.rawValue, title: title, user: user,
            nav: context.identity.map { ScreenNavigation.links(for: $0.role, path: path, catalogue: t) } ?? [],
            csrf: context.screen?.csrfToken ?? "",
            languageSwitch: .init(
                label: t["language.switch"],
                href: "/language?to=\(language.other.rawValue)&back=\(back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")",
                lang: language.other.rawValue),
            errors: errors)
    }

    /// `view` rendered by the template `name` (the frame is `page`, the catalogue `t`).
    func render(_ name: String, page: PageFrame, view: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        ScreenResponse.html(try templates.render(name, ["page": page, "t": page.t, "view": view]), status: status)
    }

    /// The signed-in caller whom the use case lets in; ``NotSignedIn`` (the sign-in page) or ``AccessDenied``
    /// otherwise.
    func caller<Action: UseCase>(_ context: HubRequestContext, for action: Action.Type) throws -> Caller {
        try context.caller(for: action)
    }

    /// The input a problem with `field` is shown at: a date and time given in two inputs is named by its date.
    static func inputField(_ field: String) -> String {
        ["receivedAt", "heldAt", "feedback.givenAt"].contains(field) ? field + ".date" : field
    }

    /// How a form's refusal is shown on its page again: a validation failure beside its fields (422); a version
    /// that is no longer the record's (409); a change the record's state no longer allows, the state in the page's
    /// words (`stateLabels`: their group, e.g. `incident_state`) at `field`'s input (409). Nil for any other error,
    /// which the caller throws on.
    func formRefusal(
        _ error: any Error, stateLabels group: String, field: String = "state", inputId: String = "main", _ context: HubRequestContext
    ) -> (errors: FormErrors, status: HTTPResponse.Status)? {
        let t = catalogue(context)
        if let failure = error as? ValidationFailure { return (FormErrors(fieldErrors(failure, context)), .unprocessableContent) }
        if let useCase = error as? UseCaseError, case .staleVersion = useCase {
            return (FormErrors([PageFrame.FieldError(field: "version", inputId: "main", message: t["error.stale"])]), .conflict)
        }
        if let transition = error as? InvalidTransition {
            let message = t.format("error.transition", ["state": t.label(group, transition.state)])
            return (FormErrors([PageFrame.FieldError(field: field, inputId: inputId, message: message)]), .conflict)
        }
        return nil
    }

    /// The problems of a validation failure, as the page shows them: each field's message in the page's language,
    /// linked to its input.
    func fieldErrors(_ failure: ValidationFailure, _ context: HubRequestContext) -> [PageFrame.FieldError] {
        let t = catalogue(context)
        return failure.issues.map { issue in
            PageFrame.FieldError(
                field: issue.field, inputId: FieldNames.inputId(Self.inputField(issue.field)),
                message: ValidationMessages.text(field: issue.field, message: issue.message, catalogue: t))
        }
    }
}

/// Form field names are the API's field paths (`subjects[0].dateOfBirth`), so a validation problem names its
/// input; ids replace the punctuation (`subjects-0-dateOfBirth`).
enum FieldNames {
    static func inputId(_ field: String) -> String {
        var id = ""
        for character in field {
            if character.isLetter || character.isNumber { id.append(character) } else if id.last != "-" { id.append("-") }
        }
        while id.hasSuffix("-") { id.removeLast() }
        return "f-" + id
    }
}

/// A validation message in the page's language: "<field's label>: <message>", each from the catalogue when it has
/// them (`field.<path without positions>`, `validation.<message>`, or a pattern such as "<label> is required"),
/// else as the API words them. A subject's field names the person (`person 2: date of birth`).
enum ValidationMessages {
    static func text(field: String, message: String, catalogue: MessageCatalogue) -> String {
        let key = fieldKey(field)
        var label = catalogue.messages["field." + key] ?? field
        if field.hasPrefix("subjects["), let index = Int(field.dropFirst("subjects[".count).prefix { $0.isNumber }) {
            label = catalogue.format("field.person", ["number": String(index + 1), "label": label])
        }
        return catalogue.format("validation.sentence", ["field": label, "message": translated(message, catalogue: catalogue)])
    }

    /// The message in the catalogue's language where the catalogue knows it.
    static func translated(_ message: String, catalogue: MessageCatalogue) -> String {
        if let text = catalogue.messages["validation." + message] { return text }
        if message.hasSuffix(" is required") {
            let label = String(message.dropLast(" is required".count))
            return catalogue.format("validation.label_required", ["label": catalogue.messages["validation_label." + label] ?? label])
        }
        if let range = message.range(of: " must be at most "), message.hasSuffix(" characters") {
            let label = String(message[..<range.lowerBound])
            let limit = message[range.upperBound...].dropLast(" characters".count)
            return catalogue.format("validation.label_too_long", ["label": catalogue.messages["validation_label." + label] ?? label,
                                                                   "limit": String(limit)])
        }
        return message
    }

    /// `subjects[1].dateOfBirth` → `subjects.dateOfBirth` (the label does not depend on the position).
    static func fieldKey(_ field: String) -> String {
        var key = ""
        var skipping = false
        for character in field {
            if character == "[" { skipping = true; continue }
            if character == "]" { skipping = false; continue }
            if !skipping { key.append(character) }
        }
        return key
    }
}
