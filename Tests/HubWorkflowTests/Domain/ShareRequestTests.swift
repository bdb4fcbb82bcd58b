import Foundation
import Testing
@testable import HubWorkflow

private typealias F = DomainFixtures

@Suite("Share requests")
struct ShareRequestTests {
    static let sent = F.instant("2025-06-10T08:30:00Z")
    static let due = F.instant("2025-06-10T10:30:00Z")

    func request() -> ShareRequest {
        ShareRequest(agency: "police", requestedAt: Self.sent, dueAt: Self.due)
    }

    @Test("information shared needs the information")
    func informationShared() {
        #expect(F.fields(ShareResponse(kind: .informationShared).validate()) == ["information"])
        #expect(F.fields(ShareResponse(kind: .informationShared, information: "   ").validate()) == ["information"])
        #expect(ShareResponse(kind: .informationShared, information: "Two call-outs to the address in May.").validate().isEmpty)
    }

    @Test("declining needs a reason")
    func declined() {
        #expect(F.fields(ShareResponse(kind: .declined).validate()) == ["reason"])
        #expect(ShareResponse(kind: .declined, reason: "Held under a court order; apply to the court.").validate().isEmpty)
    }

    @Test("nothing known needs nothing and carries no information")
    func nothingKnown() {
        #expect(ShareResponse(kind: .nothingKnown).validate().isEmpty)
        #expect(F.fields(ShareResponse(kind: .nothingKnown, information: "Something").validate()) == ["information"])
        #expect(F.fields(ShareResponse(kind: .declined, information: "Something", reason: "r").validate()) == ["information"])
    }

    @Test("shared information is bounded")
    func bounded() {
        let long = String(repeating: "x", count: TextLimits.information + 1)
        #expect(F.fields(ShareResponse(kind: .informationShared, information: long).validate()) == ["information"])
    }

    @Test("answering moves requested to answered and records the response")
    func answer() throws {
        var request = request()
        try request.answer(ShareResponse(kind: .informationShared, information: " Known to health visiting. "), at: F.now)
        #expect(request.state == .answered)
        #expect(request.answeredAt == F.now)
        #expect(request.response?.information == "Known to health visiting.")
    }

    @Test("an invalid answer changes nothing")
    func invalidAnswer() {
        var request = request()
        #expect(throws: ValidationFailure.self) { try request.answer(ShareResponse(kind: .declined), at: F.now) }
        #expect(throws: ValidationFailure.self) {
            try request.answer(ShareResponse(kind: .nothingKnown), at: Self.sent.addingTimeInterval(-60))
        }
        #expect(request.state == .requested && request.response == nil)
    }

    @Test("a request cannot be answered twice")
    func answerTwice() throws {
        var request = request()
        try request.answer(ShareResponse(kind: .nothingKnown), at: F.now)
        #expect(throws: InvalidTransition(entity: "share_request", state: "answered", action: "answer")) {
            try request.answer(ShareResponse(kind: .nothingKnown), at: F.now)
        }
    }

    @Test("chases are counted while requested and refused once answered")
    func chase() throws {
        var request = request()
        try request.chase(at: Self.due)
        try request.chase(at: F.now)
        #expect(request.chaseCount == 2 && request.lastChasedAt == F.now && request.state == .requested)
        try request.answer(ShareResponse(kind: .nothingKnown), at: F.now)
        #expect(throws: InvalidTransition(entity: "share_request", state: "answered", action: "chase")) {
            try request.chase(at: F.now)
        }
    }

    @Test("state transitions", arguments: [
        (ShareRequestState.requested, ShareRequestAction.answer, ShareRequestState?.some(.answered)),
        (.requested, .chase, .some(.requested)),
        (.answered, .answer, nil),
        (.answered, .chase, nil),
    ])
    func transitions(state: ShareRequestState, action: ShareRequestAction, next: ShareRequestState?) throws {
        if let next {
            #expect(try state.applying(action) == next)
        } else {
            #expect(throws: InvalidTransition.self) { try state.applying(action) }
        }
    }

    @Test("overdue and timeliness are derived from the due time and the clock")
    func timeliness() throws {
        var request = request()
        #expect(request.timeliness(now: Self.due) == .pending)
        #expect(!request.isOverdue(now: Self.due))
        #expect(request.timeliness(now: Self.due.addingTimeInterval(1)) == .overdue)
        #expect(request.isOverdue(now: Self.due.addingTimeInterval(1)))

        var onTime = request
        try onTime.answer(ShareResponse(kind: .nothingKnown), at: Self.due)
        #expect(onTime.timeliness(now: Self.due.addingTimeInterval(86_400)) == .answeredOnTime)

        try request.answer(ShareResponse(kind: .nothingKnown), at: Self.due.addingTimeInterval(60))
        #expect(request.timeliness(now: F.now) == .answeredLate)
        #expect(!request.isOverdue(now: F.now.addingTimeInterval(86_400)))
    }

    @Test("a request names a valid agency and is not due before it is sent")
    func requestValidation() {
        #expect(request().validate().isEmpty)
        let bad = ShareRequest(agency: "Police!", requestedAt: Self.due, dueAt: Self.sent)
        #expect(F.fields(bad.validate()) == ["agency", "dueAt"])
    }

    @Test("raw values are stable")
    func rawValues() {
        #expect(ShareRequestState.allCases.map(\.rawValue) == ["requested", "answered", "withdrawn"])
        #expect(ShareResponseKind.allCases.map(\.rawValue) == ["information_shared", "nothing_known", "declined"])
        #expect(ShareRequestTimeliness.allCases.map(\.rawValue)
            == ["pending", "overdue", "answered_on_time", "answered_late", "withdrawn", "withdrawn_overdue"])
        #expect(ShareRequestAction.allCases.map(\.timelineEvent) == [.answered, .chased, .withdrawn])
    }

    /// A share request carries its subjects' names, dates of birth, NHS numbers and addresses: the MASH reads every
    /// agency's, a partner responder its own agency's, and a role that sees no personal data (an administrator, a
    /// board viewer) none, not even one addressed to the agency it belongs to.
    @Test("only the MASH and the asked agency's responders read a share request; an administrator never")
    func whoReadsAShareRequest() {
        let mash = UUID(), police = UUID()
        func identity(_ role: Role, _ agency: UUID) -> Identity {
            Identity(userId: UUID(), username: "u", displayName: "U", agencyId: agency, agencyCode: "code", role: role)
        }
        #expect(ShareRequestAccess.mayAct(identity(.mashTriage, mash), onRequestTo: police))
        #expect(ShareRequestAccess.mayAct(identity(.partnerResponder, police), onRequestTo: police))
        #expect(!ShareRequestAccess.mayAct(identity(.partnerResponder, police), onRequestTo: mash))
        for role in [Role.admin, .boardViewer] {
            #expect(!Permission.readShareRequests.isGranted(to: role), "\(role)")
            #expect(!Permission.answerShareRequests.isGranted(to: role), "\(role)")
            #expect(!ShareRequestAccess.mayAct(identity(role, mash), onRequestTo: mash), "\(role) on its own agency's request")
        }
        // Every role granted a share request is one that sees personal data, or the partner who answers it.
        for role in Role.allCases where Permission.readShareRequests.isGranted(to: role) {
            #expect(role.seesPersonalData || role == .partnerResponder, "\(role)")
        }
    }

    /// Only a user of the agency asked answers through Hub; MASH staff record another agency's answer on its behalf,
    /// never their own agency's (they answer that directly); a partner never records on behalf; nor does a role that
    /// sees no personal data.
    @Test("only the asked agency answers; only MASH staff of another agency record on its behalf")
    func whoAnswersAndWhoRecordsOnBehalf() {
        let childrens = UUID(), police = UUID()
        func identity(_ role: Role, _ agency: UUID) -> Identity {
            Identity(userId: UUID(), username: "u", displayName: "U", agencyId: agency, agencyCode: agency == police ? "police" : "childrens",
                     role: role)
        }
        for role in [Role.mashTriage, .mashManager] {
            #expect(!ShareRequestAccess.mayAnswer(identity(role, childrens), requestTo: police), "\(role) answering the police's")
            #expect(!ShareRequestAccess.mayAnswer(identity(role, childrens), requestToAgencyCode: "police"), "\(role) answering the police's")
            #expect(ShareRequestAccess.mayAnswer(identity(role, childrens), requestTo: childrens), "\(role) answering its own agency's")
            #expect(ShareRequestAccess.mayRecordOnBehalf(identity(role, childrens), ofRequestTo: police), "\(role) for the police")
            #expect(ShareRequestAccess.mayRecordOnBehalf(identity(role, childrens), ofRequestToAgencyCode: "police"), "\(role) for the police")
            #expect(!ShareRequestAccess.mayRecordOnBehalf(identity(role, childrens), ofRequestTo: childrens), "\(role) for its own agency")
        }
        #expect(ShareRequestAccess.mayAnswer(identity(.partnerResponder, police), requestTo: police))
        #expect(!ShareRequestAccess.mayAnswer(identity(.partnerResponder, police), requestTo: childrens))
        #expect(!ShareRequestAccess.mayRecordOnBehalf(identity(.partnerResponder, police), ofRequestTo: childrens))
        #expect(!ShareRequestAccess.mayRecordOnBehalf(identity(.partnerResponder, police), ofRequestTo: police))
        for role in [Role.admin, .boardViewer] {
            #expect(!ShareRequestAccess.mayAnswer(identity(role, police), requestTo: police), "\(role)")
            #expect(!ShareRequestAccess.mayRecordOnBehalf(identity(role, childrens), ofRequestTo: police), "\(role)")
        }
        #expect(Role.allCases.filter { Permission.recordAnswersOnBehalf.isGranted(to: $0) } == [.mashTriage, .mashManager])
    }

    static let recorder = Identity(userId: UUID(), username: "triage", displayName: "Tamsin Rowe (MASH triage)", agencyId: UUID(),
                                   agencyCode: "pip_childrens", role: .mashTriage)

    @Test("an answer recorded on behalf is answered when it was received, and says who recorded it, how and from whom")
    func answerOnBehalf() throws {
        var request = request()
        let received = Self.sent.addingTimeInterval(1800)
        let recordedAt = Self.due.addingTimeInterval(3600)
        try request.answer(onBehalf: AnswerOnBehalf(response: ShareResponse(kind: .nothingKnown), channel: .secureEmail,
                                                    contactName: "  DS Rhys Evans ", receivedAt: received),
                           recorder: Self.recorder, at: recordedAt)
        #expect(request.state == .answered)
        #expect(request.answeredAt == received)
        #expect(request.timeliness(now: recordedAt) == .answeredOnTime)
        #expect(request.response == ShareResponse(kind: .nothingKnown))
        #expect(request.recordedOnBehalf == RecordedOnBehalf(
            recordedBy: "triage", recordedByName: "Tamsin Rowe (MASH triage)", recordedByAgency: "pip_childrens", channel: .secureEmail,
            contactName: "DS Rhys Evans", receivedAt: received, recordedAt: recordedAt))
        #expect(throws: InvalidTransition(entity: "share_request", state: "answered", action: "answer")) {
            try request.answer(onBehalf: AnswerOnBehalf(response: ShareResponse(kind: .nothingKnown), channel: .phone, contactName: "X",
                                                        receivedAt: received), recorder: Self.recorder, at: recordedAt)
        }
    }

    @Test("an answer recorded on behalf names its contact and a time received neither in the future nor before the request")
    func invalidAnswerOnBehalf() {
        let now = Self.due
        func fields(contact: String = "DS Rhys Evans", received: Date = Self.sent, kind: ShareResponseKind = .nothingKnown) -> [String] {
            F.fields(AnswerOnBehalf(response: ShareResponse(kind: kind), channel: .phone, contactName: contact, receivedAt: received)
                .validate(requestedAt: Self.sent, now: now))
        }
        #expect(fields() == [])
        #expect(fields(received: now) == [])
        #expect(fields(contact: " ") == ["contactName"])
        #expect(fields(contact: String(repeating: "n", count: TextLimits.name + 1)) == ["contactName"])
        #expect(fields(contact: String(repeating: "n", count: TextLimits.name)) == [])
        #expect(fields(received: now.addingTimeInterval(1)) == ["receivedAt"])
        #expect(fields(received: Self.sent.addingTimeInterval(-1)) == ["receivedAt"])
        #expect(fields(contact: "", received: now.addingTimeInterval(60), kind: .declined) == ["reason", "contactName", "receivedAt"])
        var request = request()
        #expect(throws: ValidationFailure.self) {
            try request.answer(onBehalf: AnswerOnBehalf(response: ShareResponse(kind: .nothingKnown), channel: .phone, contactName: "",
                                                        receivedAt: Self.sent), recorder: Self.recorder, at: now)
        }
        #expect(request.state == .requested && request.response == nil && request.recordedOnBehalf == nil && request.answeredAt == nil)
    }
}
