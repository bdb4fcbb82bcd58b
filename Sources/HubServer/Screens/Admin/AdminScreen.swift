import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// Administration: users (add, disable, clear failed sign-ins), the partner extracts imported with their quarantine counts, and the
/// audit chain's last verification (verify again on demand). The clerical review queue needs personal data, which
/// the administrator's role never sees: it is with the tracker, for MASH staff.
struct AdminScreen {
    let kit: ScreenKit

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("admin", use: show)
        router.post("admin/users", use: addUser)
        router.post("admin/users/:username/disable", use: disableUser)
        router.post("admin/users/:username/unlock", use: unlockUser)
        router.post("admin/audit-verification", use: verify)
    }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ListUsers.self)
        return try await page(request, context, caller: caller, form: nil, errors: .none,
                              notice: request.uri.queryParameters["done"].map(String.init))
    }

    @Sendable func addUser(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: CreateUser.self)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        do {
            guard let role = form.text("role").flatMap(Role.init(rawValue:)) else { throw ValidationFailure(field: "role", message: "is required") }
            _ = try await kit.useCases.createUser(
                .init(username: form["username"] ?? "", displayName: form["displayName"] ?? "", agency: form["agency"] ?? "", role: role,
                      password: form["password"] ?? ""), by: caller)
            return ScreenResponse.redirect(to: "/admin?done=user-added")
        } catch let failure as ValidationFailure {
            return try await page(request, context, caller: caller, form: form, errors: FormErrors(kit.fieldErrors(failure, context)), notice: nil,
                                  status: .unprocessableContent)
        } catch UseCaseError.conflict {
            let message = kit.catalogue(context)["admin.username_taken"]
            return try await page(request, context, caller: caller, form: form,
                                  errors: FormErrors([.init(field: "username", inputId: "f-username", message: message)]), notice: nil,
                                  status: .conflict)
        }
    }

    @Sendable func disableUser(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: DisableUser.self)
        _ = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        _ = try await kit.useCases.disableUser(username: try context.parameters.require("username"), by: caller)
        return ScreenResponse.redirect(to: "/admin?done=user-disabled")
    }

    @Sendable func unlockUser(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: UnlockUser.self)
        _ = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        _ = try await kit.useCases.unlockUser(username: try context.parameters.require("username"), by: caller)
        return ScreenResponse.redirect(to: "/admin?done=user-unlocked")
    }

    @Sendable func verify(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: VerifyAuditTrail.self)
        _ = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        _ = try await kit.useCases.verifyAuditTrail(by: caller)
        return ScreenResponse.redirect(to: "/admin?done=audit-verified#audit")
    }

    private func page(
        _ request: Request, _ context: HubRequestContext, caller: Caller, form: ScreenForm?, errors: FormErrors, notice: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let t = kit.catalogue(context)
        let users = try await kit.useCases.listUsers(by: caller)
        let agencies = try await kit.useCases.listAgencies(by: caller)
        let imports = try await kit.useCases.listFeedImports(limit: 20, by: caller)
        let verification = try await kit.useCases.verifyAuditTrail.latest(by: caller)
        let view = AdminView(t: t, time: kit.time(context), users: users, agencies: agencies, imports: imports, verification: verification,
                             form: form, errors: errors, notice: notice.flatMap { t.messages["admin.done.\($0)"] })
        return try kit.render("admin", page: kit.frame(request, context, title: t["admin.title"], errors: errors.frame), view: view, status: status)
    }
}

/// The administration page as the `admin` template draws it.
struct AdminView: Sendable {
    struct User: Sendable {
        let username: String
        let name: String
        let agency: String
        let role: String
        let state: String
        let disableHref: String?
        /// Failed sign-ins under the username, with the button that clears them (and any wait); nil when none.
        let failedSignIns: String?
        let unlockHref: String?
    }

    struct Import: Sendable {
        let file: String
        let extractDate: String
        let received: String
        let by: String
        let read: String
        let loaded: String
        let quarantined: String
    }

    let notice: String?
    let users: [User]
    let newUser: [FormField]
    let imports: [Import]
    let hasImports: Bool
    let verification: [ReferralPageView.Row]
    let hasVerification: Bool

    init(t: MessageCatalogue, time: ScreenTime, users: [UserAccount], agencies: [Agency], imports: [FeedImportStore.Imported],
         verification: AuditVerificationStore.Verification?, form: ScreenForm?, errors: FormErrors, notice: String?) {
        self.notice = notice
        let names = agencies.namesByCode
        self.users = users.map { user in
            User(username: user.username, name: user.displayName, agency: names[user.agencyCode] ?? user.agencyCode,
                 role: t.label("role", user.role.rawValue), state: user.disabled ? t["admin.disabled"] : t["admin.active"],
                 disableHref: user.disabled ? nil : "/admin/users/\(user.username)/disable",
                 failedSignIns: user.failedSignIns > 0 ? t.format("admin.failed_sign_ins", ["count": String(user.failedSignIns)]) : nil,
                 unlockHref: user.failedSignIns > 0 ? "/admin/users/\(user.username)/unlock" : nil)
        }
        let values = form ?? ScreenForm(fields: [])
        newUser = [
            FormField(.text, name: "username", label: t["admin.username"], hint: t["hint.username"], value: values["username"],
                      error: errors["username"], autocomplete: "off", width: "width-20"),
            FormField(.text, name: "displayName", label: t["admin.display_name"], value: values["displayName"], error: errors["displayName"],
                      autocomplete: "off"),
            FormField(.select, name: "agency", label: t["admin.agency"], value: values["agency"], error: errors["agency"],
                      options: [("", t["choose"])] + agencies.map { ($0.code, $0.name) }),
            FormField(.select, name: "role", label: t["admin.role"], value: values["role"], error: errors["role"],
                      options: [("", t["choose"])] + Role.allCases.map { ($0.rawValue, t.label("role", $0.rawValue)) }),
            FormField(.password, name: "password", label: t["admin.password"], hint: t["hint.password"], error: errors["password"],
                      autocomplete: "new-password"),
        ]
        self.imports = imports.map { item in
            Import(file: item.fileName, extractDate: item.extractDate, received: time.dateTime(item.receivedAt), by: item.importedBy ?? "–",
                   read: String(item.rowsRead), loaded: String(item.rowsLoaded),
                   quarantined: String(item.rowsQuarantined) + (item.quarantined.isEmpty ? "" : " (" + item.quarantined.sorted { $0.key < $1.key }
                       .map { "\(t.messages["quarantine.\($0.key)"] ?? $0.key): \($0.value)" }.joined(separator: ", ") + ")"))
        }
        hasImports = !imports.isEmpty
        self.verification = verification.map { result in
            [
                .init(label: t["admin.verified_at"], value: time.dateTime(result.verifiedAt) + " (" + result.verifiedBy + ")"),
                .init(label: t["admin.verified_result"], value: result.intact
                    ? t.format("admin.intact", ["count": String(result.checked)]) : t.format("admin.broken", ["problem": result.firstProblem ?? ""])),
                .init(label: t["admin.chain_head"], value: result.headHash ?? "–"),
            ]
        } ?? []
        hasVerification = verification != nil
    }
}
