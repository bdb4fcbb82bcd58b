import Foundation
import HubWorkflow
import Testing
@testable import HubWorkflow

private typealias F = DomainFixtures

@Suite("Referral validation")
struct ReferralValidationTests {
    // MARK: Forms and subjects

    @Test("a complete C1 validates into a children's referral with parsed identifiers")
    func validC1() throws {
        var draft = F.c1()
        draft.subjects[0].postcode = "pp25gn"
        draft.subjects[0].forename = "  Ceri "
        let referral = try draft.validated(now: F.now)
        #expect(referral.service == .children)
        #expect(referral.subjects[0].nhsNumber?.digits == "9434765919")
        #expect(referral.subjects[0].postcode?.normalised == "PP2 5GN")
        #expect(referral.subjects[0].forename == "Ceri")
        #expect(referral.subjects[0].dateOfBirth == CalendarDate("2015-03-14"))
        #expect(referral.subjects[0].age(on: F.today) == 10)
        #expect(referral.dash == nil)
    }

    @Test("C1: a 17-year-old child passes")
    func c1SeventeenPasses() {
        #expect(F.c1([F.child(dateOfBirth: "2007-06-11")]).validate(now: F.now).isEmpty)
    }

    @Test("C1: a child who is 18 on the day received fails")
    func c1EighteenFails() {
        let issues = F.c1([F.child(dateOfBirth: "2007-06-10")]).validate(now: F.now)
        #expect(F.fields(issues) == ["subjects[0].dateOfBirth"])
    }

    @Test("C1: an unborn child passes")
    func c1UnbornPasses() throws {
        let unborn = F.subject(.unborn, forename: "", surname: "Peters", expectedDateOfBirth: "2025-10-01")
        let mother = F.subject(.parentCarer, dateOfBirth: "1998-04-04")
        let referral = try F.c1([mother, unborn]).validated(now: F.now)
        #expect(referral.subjects[1].expectedDateOfBirth == CalendarDate("2025-10-01"))
        #expect(referral.subjects[1].dateOfBirth == nil)
    }

    @Test("C1 needs a child or unborn subject")
    func c1NeedsChild() {
        let issues = F.c1([F.subject(.parentCarer, dateOfBirth: "1990-01-01")]).validate(now: F.now)
        #expect(F.fields(issues) == ["subjects"])
    }

    @Test("A1: an adult at risk aged 18 passes, 17 fails")
    func a1Ages() {
        #expect(F.a1([F.adultAtRisk(dateOfBirth: "2007-06-10")]).validate(now: F.now).isEmpty)
        let issues = F.a1([F.adultAtRisk(dateOfBirth: "2007-06-11")]).validate(now: F.now)
        #expect(F.fields(issues) == ["subjects[0].dateOfBirth"])
    }

    @Test("A1 needs an adult at risk")
    func a1NeedsAdultAtRisk() {
        let issues = F.a1([F.child()]).validate(now: F.now)
        #expect(F.fields(issues) == ["subjects"])
    }

    @Test("A1 validates into an adults' referral")
    func a1Service() throws {
        #expect(try F.a1().validated(now: F.now).service == .adults)
    }

    @Test("at least one subject is required")
    func noSubjects() {
        #expect(F.fields(F.c1([]).validate(now: F.now)) == ["subjects"])
    }

    @Test("too many subjects are refused")
    func tooManySubjects() {
        let many = Array(repeating: F.child(), count: ReferralDraft.maximumSubjects + 1)
        #expect(F.fields(F.c1(many).validate(now: F.now)) == ["subjects"])
    }

    @Test("the age is judged on the day received in the hub's time zone")
    func timeZoneOfReceipt() {
        // Received 00:30 BST on 10 June, the child's 18th birthday: 9 June in GMT.
        let draft = F.draft(.c1, subjects: [F.child(dateOfBirth: "2007-06-10")], receivedAt: F.instant("2025-06-09T23:30:00Z"))
        #expect(F.fields(draft.validate(now: F.now)) == ["subjects[0].dateOfBirth"])
        #expect(draft.validate(now: F.now, timeZone: F.gmt).isEmpty)
    }

    // MARK: Identifiers and dates

    @Test("NHS numbers must pass the modulus 11 check")
    func nhsNumbers() {
        let mother = F.subject(.parentCarer, dateOfBirth: "1990-01-01", nhsNumber: F.badNHSNumber)
        let issues = F.c1([F.child(), mother]).validate(now: F.now)
        #expect(F.fields(issues) == ["subjects[1].nhsNumber"])
        #expect(F.c1([F.child(nhsNumber: "943-476-5919")]).validate(now: F.now).isEmpty)
        #expect(F.c1([F.child(nhsNumber: "   ")]).validate(now: F.now).isEmpty)
        #expect(F.fields(F.c1([F.child(nhsNumber: "94347659")]).validate(now: F.now)) == ["subjects[0].nhsNumber"])
    }

    @Test("postcodes must be UK format", arguments: ["PP2", "12345", "PP2 5G", "PPP2 5GN"])
    func badPostcodes(_ postcode: String) {
        var child = F.child()
        child.postcode = postcode
        #expect(F.fields(F.c1([child]).validate(now: F.now)) == ["subjects[0].postcode"])
    }

    @Test("a postcode may be omitted")
    func noPostcode() {
        var child = F.child()
        child.postcode = nil
        #expect(F.c1([child]).validate(now: F.now).isEmpty)
    }

    @Test("a date of birth cannot be in the future")
    func futureBirth() {
        #expect(F.fields(F.c1([F.child(dateOfBirth: "2025-06-11")]).validate(now: F.now)) == ["subjects[0].dateOfBirth"])
        #expect(F.c1([F.child(dateOfBirth: "2025-06-10")]).validate(now: F.now).isEmpty)
    }

    @Test("an impossible date of birth such as 30 February is refused")
    func impossibleBirth() {
        let issues = F.c1([F.child(dateOfBirth: "2023-02-30")]).validate(now: F.now)
        #expect(F.fields(issues) == ["subjects[0].dateOfBirth"])
        #expect(issues[0].message.contains("no such day"))
    }

    @Test("a date of birth over 120 years ago is refused")
    func ancientBirth() {
        #expect(F.fields(F.a1([F.adultAtRisk(dateOfBirth: "1899-01-01")]).validate(now: F.now)) == ["subjects[0].dateOfBirth"])
    }

    @Test("a child and an adult at risk need a date of birth; others need not")
    func birthRequired() {
        #expect(F.fields(F.c1([F.subject(.child)]).validate(now: F.now)) == ["subjects[0].dateOfBirth"])
        #expect(F.fields(F.a1([F.subject(.adultAtRisk)]).validate(now: F.now)) == ["subjects[0].dateOfBirth"])
        #expect(F.c1([F.child(), F.subject(.allegedPersonCausingHarm)]).validate(now: F.now).isEmpty)
    }

    @Test("an unborn child has an expected date of birth, no date of birth and no NHS number")
    func unbornRules() {
        let missing = F.subject(.unborn)
        #expect(F.fields(F.c1([missing]).validate(now: F.now)) == ["subjects[0].expectedDateOfBirth"])

        let born = F.subject(.unborn, dateOfBirth: "2025-01-01", expectedDateOfBirth: "2025-09-01")
        #expect(F.fields(F.c1([born]).validate(now: F.now)) == ["subjects[0].dateOfBirth"])

        let numbered = F.subject(.unborn, expectedDateOfBirth: "2025-09-01", nhsNumber: F.nhsNumber)
        #expect(F.fields(F.c1([numbered]).validate(now: F.now)) == ["subjects[0].nhsNumber"])

        var child = F.child()
        child.expectedDateOfBirth = "2025-09-01"
        #expect(F.fields(F.c1([child]).validate(now: F.now)) == ["subjects[0].expectedDateOfBirth"])
    }

    @Test("an expected date of birth must be plausible", arguments: [
        ("2025-05-27", true), ("2025-05-26", false), ("2026-04-06", true), ("2026-04-07", false), ("2025-02-30", false),
    ])
    func expectedBirthWindow(date: String, valid: Bool) {
        let unborn = F.subject(.unborn, expectedDateOfBirth: date)
        #expect(F.c1([unborn]).validate(now: F.now).isEmpty == valid)
    }

    @Test("the date received cannot be in the future, beyond a small clock tolerance")
    func futureReceipt() {
        let late = F.draft(.c1, subjects: [F.child()], receivedAt: F.now.addingTimeInterval(3600))
        #expect(F.fields(late.validate(now: F.now)) == ["receivedAt"])
        let skewed = F.draft(.c1, subjects: [F.child()], receivedAt: F.now.addingTimeInterval(60))
        #expect(skewed.validate(now: F.now).isEmpty)
    }

    // MARK: Names

    @Test("names are required and bounded")
    func names() {
        var child = F.child()
        child.forename = "  "
        child.surname = ""
        #expect(F.fields(F.c1([child]).validate(now: F.now)) == ["subjects[0].forename", "subjects[0].surname"])

        child = F.child()
        child.surname = String(repeating: "a", count: TextLimits.name + 1)
        #expect(F.fields(F.c1([child]).validate(now: F.now)) == ["subjects[0].surname"])

        child = F.child()
        child.aliases = ["Cez", " "]
        #expect(F.fields(F.c1([child]).validate(now: F.now)) == ["subjects[0].aliases[1]"])
    }

    // MARK: DASH

    @Test("a PPN needs a DASH score or answers")
    func ppnNeedsDASH() {
        #expect(F.fields(F.ppn(dashScore: nil).validate(now: F.now)) == ["dashScore"])
    }

    @Test("a PPN's DASH score gives its risk level", arguments: [
        (14, DASHRiskLevel.high), (13, .medium), (10, .medium), (9, .standard),
    ])
    func ppnRiskLevel(score: Int, level: DASHRiskLevel) throws {
        #expect(try F.ppn(dashScore: score).validated(now: F.now).dashRiskLevel == level)
    }

    @Test("a PPN may give the 27 DASH answers instead of the score")
    func ppnAnswers() throws {
        let referral = try F.ppn(dashScore: nil, dashAnswers: F.dashAnswers(yes: 14)).validated(now: F.now)
        #expect(referral.dash?.score == 14)
        #expect(referral.dashRiskLevel == .high)
        #expect(referral.dash?.answers?.count == 27)
    }

    @Test("DASH score and answers are checked")
    func dashChecks() {
        #expect(F.fields(F.ppn(dashScore: 28).validate(now: F.now)) == ["dashScore"])
        #expect(F.fields(F.ppn(dashScore: -1).validate(now: F.now)) == ["dashScore"])
        #expect(F.fields(F.ppn(dashScore: nil, dashAnswers: [true, false]).validate(now: F.now)) == ["dashAnswers"])
        #expect(F.fields(F.ppn(dashScore: 12, dashAnswers: F.dashAnswers(yes: 14)).validate(now: F.now)) == ["dashScore"])
        #expect(F.ppn(dashScore: 14, dashAnswers: F.dashAnswers(yes: 14)).validate(now: F.now).isEmpty)
    }

    @Test("DASH is refused on C1 and A1, optional on MARAC")
    func dashByForm() {
        var c1 = F.c1()
        c1.dashScore = 15
        #expect(F.fields(c1.validate(now: F.now)) == ["dashScore"])
        var a1 = F.a1()
        a1.dashAnswers = F.dashAnswers(yes: 3)
        #expect(F.fields(a1.validate(now: F.now)) == ["dashAnswers"])
        var marac = F.ppn(dashScore: nil)
        marac.form = .marac
        #expect(marac.validate(now: F.now).isEmpty)
    }

    @Test("PPN and MARAC referrals need a victim")
    func victimRequired() {
        let noVictim = [F.subject(.allegedPersonCausingHarm, forename: "Dai", surname: "Morgan")]
        #expect(F.fields(F.ppn(subjects: noVictim).validate(now: F.now)) == ["subjects"])
        var marac = F.ppn(subjects: noVictim)
        marac.form = .marac
        #expect(F.fields(marac.validate(now: F.now)) == ["subjects"])
    }

    // MARK: Service

    @Test("PPN and MARAC go to children's services when a child or unborn child is named")
    func derivedService() throws {
        #expect(try F.ppn().validated(now: F.now).service == .adults)
        let withChild = F.ppn(subjects: [F.subject(.victim, dateOfBirth: "1990-01-20"), F.child()])
        #expect(try withChild.validated(now: F.now).service == .children)
        var marac = F.ppn(subjects: [F.subject(.victim, dateOfBirth: "1990-01-20"), F.subject(.unborn, expectedDateOfBirth: "2025-12-01")])
        marac.form = .marac
        #expect(try marac.validated(now: F.now).service == .children)
        #expect(ReferralForm.c1.service(forSubjectRoles: [SubjectRole]()) == .children)
        #expect(ReferralForm.a1.service(forSubjectRoles: [.child]) == .adults)
    }

    // MARK: Concern, consent, local authority, referrer

    @Test("the concern needs a category and a bounded summary")
    func concern() {
        var draft = F.c1()
        draft.concern = Concern(categories: [], summary: " ", immediateRisk: true)
        #expect(F.fields(draft.validate(now: F.now)) == ["concern.categories", "concern.summary"])
        draft.concern = Concern(categories: [.neglect], summary: String(repeating: "x", count: TextLimits.summary + 1), immediateRisk: true)
        #expect(F.fields(draft.validate(now: F.now)) == ["concern.summary"])
    }

    @Test("repeated categories are kept once")
    func repeatedCategories() throws {
        var draft = F.c1()
        draft.concern.categories = [.neglect, .emotional, .neglect]
        #expect(try draft.validated(now: F.now).concern.categories == [.neglect, .emotional])
    }

    @Test("consent not obtained or not sought needs a reason", arguments: [ConsentStatus.notObtained, .notSought])
    func consentReason(status: ConsentStatus) {
        var draft = F.c1()
        draft.consent = Consent(status: status)
        #expect(F.fields(draft.validate(now: F.now)) == ["consent.reason"])
        draft.consent = Consent(status: status, reason: "Seeking consent would place the child at greater risk.")
        #expect(draft.validate(now: F.now).isEmpty)
    }

    @Test("the local authority is required")
    func localAuthority() {
        var draft = F.c1()
        draft.localAuthority = ""
        #expect(F.fields(draft.validate(now: F.now)) == ["localAuthority"])
    }

    @Test("a professional referrer needs a role, an agency code and a way to be contacted")
    func professionalReferrer() {
        var draft = F.c1()
        draft.referrer = Referrer(name: "Morwen Ellis", agency: "health")
        #expect(F.fields(draft.validate(now: F.now)) == ["referrer.role", "referrer.phone"])
        draft.referrer = Referrer(name: "Morwen Ellis", role: "Nurse", agency: "Health Board", email: "morwen@piphire.example")
        #expect(F.fields(draft.validate(now: F.now)) == ["referrer.agency"])
    }

    @Test("a member of the public needs only a name")
    func publicReferrer() {
        var draft = F.c1()
        draft.referrer = Referrer(name: "A neighbour")
        draft.channel = .phone
        #expect(draft.validate(now: F.now).isEmpty)
        draft.referrer = Referrer(name: "")
        #expect(F.fields(draft.validate(now: F.now)) == ["referrer.name"])
    }

    @Test("contact details must look like a phone number and an email address")
    func contactDetails() {
        var draft = F.c1()
        draft.referrer.phone = "call me"
        draft.referrer.email = "morwen.at.piphire"
        #expect(F.fields(draft.validate(now: F.now)) == ["referrer.phone", "referrer.email"])
        draft.referrer.phone = "+44 (0)1632 960123"
        draft.referrer.email = "morwen@piphire-health.example"
        #expect(draft.validate(now: F.now).isEmpty)
    }

    // MARK: All at once

    @Test("every issue is reported, with JSON field paths")
    func allIssues() {
        let mother = F.subject(.parentCarer, dateOfBirth: "2031-01-01", nhsNumber: F.badNHSNumber, postcode: "nowhere")
        var draft = F.draft(.c1, subjects: [F.child(dateOfBirth: "2023-02-30"), mother], receivedAt: F.now.addingTimeInterval(86_400))
        draft.concern.summary = ""
        draft.consent = Consent(status: .notSought)
        #expect(F.fields(draft.validate(now: F.now)) == [
            "receivedAt", "subjects[0].dateOfBirth", "subjects[1].dateOfBirth", "subjects[1].nhsNumber",
            "subjects[1].postcode", "concern.summary", "consent.reason",
        ])
        let refused = #expect(throws: ValidationFailure.self) { try draft.validated(now: F.now) }
        #expect(refused.map { F.fields($0.issues) } == F.fields(draft.validate(now: F.now)))
        #expect(refused?.issues.count == 7)
    }

    // MARK: JSON

    @Test("a draft decodes from camelCase JSON; aliases and address lines may be omitted")
    func decodeDraft() throws {
        let json = """
        {
          "form": "c1",
          "referrer": {"name": "Morwen Ellis", "role": "Health visitor", "agency": "health", "phone": "01632 960123"},
          "receivedAt": "2025-06-10T09:15:00Z",
          "channel": "online_form",
          "subjects": [
            {"role": "child", "forename": "Ceri", "surname": "Peters", "dateOfBirth": "2015-03-14",
             "gender": "female", "nhsNumber": "9434765919", "addressLines": ["1 Stoops Fold", "Down Park"],
             "town": "PIP Town", "postcode": "PP2 5GN"},
            {"role": "unborn", "surname": "Peters", "expectedDateOfBirth": "2025-11-20"}
          ],
          "concern": {"categories": ["neglect", "domestic_abuse"], "summary": "Home conditions poor.", "immediateRisk": false},
          "consent": {"status": "not_sought", "reason": "Would increase risk."},
          "localAuthority": "Piphire County Council"
        }
        """
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let draft = try decoder.decode(ReferralDraft.self, from: Data(json.utf8))
        #expect(draft.subjects[1].aliases.isEmpty && draft.subjects[1].forename.isEmpty)
        let referral = try draft.validated(now: F.now)
        #expect(referral.subjects[1].gender == .unknown)

        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let object = try JSONSerialization.jsonObject(with: encoder.encode(referral)) as? [String: Any]
        #expect(object?["service"] as? String == "children")
        #expect(object?["localAuthority"] as? String == "Piphire County Council")
        let subjects = object?["subjects"] as? [[String: Any]]
        #expect(subjects?[0]["dateOfBirth"] as? String == "2015-03-14")
        #expect(subjects?[0]["nhsNumber"] as? String == "9434765919")
        #expect(subjects?[1]["expectedDateOfBirth"] as? String == "2025-11-20")
    }
}
