import Foundation

extension ReferralDraft {
    /// How far ahead of `now` a `receivedAt` may be before it counts as in the future (client clocks drift).
    public static let clockSkewTolerance: TimeInterval = 5 * 60
    /// Most subjects one referral may name.
    public static let maximumSubjects = 30
    /// Most aliases one subject may have.
    public static let maximumAliases = 20
    /// Most address lines one subject may have.
    public static let maximumAddressLines = 6
    /// Oldest plausible age; an earlier date of birth is taken to be a typing mistake.
    public static let maximumAge = 120
    /// An expected date of birth may be this many days before the date received (a late pregnancy).
    public static let expectedBirthDaysBefore = 14
    /// An expected date of birth may be at most this many days after the date received.
    public static let expectedBirthDaysAfter = 300

    /// Every rule the draft breaks, with JSON field paths (`subjects[1].nhsNumber`); empty when valid.
    ///
    /// - Parameters:
    ///   - now: the current instant, injected.
    ///   - timeZone: where calendar days begin, for ages and dates of birth.
    public func validate(now: Date, timeZone: TimeZone = TimeZone.london) -> [ValidationIssue] {
        check(now: now, timeZone: timeZone).issues
    }

    /// The validated referral, or a ``ValidationFailure`` carrying every issue.
    public func validated(now: Date, timeZone: TimeZone = TimeZone.london) throws(ValidationFailure) -> Referral {
        let result = check(now: now, timeZone: timeZone)
        guard let referral = result.referral, result.issues.isEmpty else { throw ValidationFailure(result.issues) }
        return referral
    }

    private func check(now: Date, timeZone: TimeZone) -> (referral: Referral?, issues: [ValidationIssue]) {
        var issues = referrer.validate(prefix: "referrer")

        if channel == .strategyOutcome {
            issues.append(ValidationIssue(
                field: "channel", message: "is set by Hub only, when a strategy discussion's outcome raises a MARAC referral"))
        }
        if receivedAt > now.addingTimeInterval(Self.clockSkewTolerance) {
            issues.append(ValidationIssue(field: "receivedAt", message: "the date received cannot be in the future"))
        }
        // Ages are judged on the day the concern was received, never later than today.
        let referenceDay = min(CalendarDate(receivedAt, in: timeZone), CalendarDate(now, in: timeZone))

        var subjects: [ReferralSubject] = []
        if self.subjects.isEmpty {
            issues.append(ValidationIssue(field: "subjects", message: "at least one subject is required"))
        } else if self.subjects.count > Self.maximumSubjects {
            issues.append(ValidationIssue(field: "subjects", message: "at most \(Self.maximumSubjects) subjects may be named"))
        }
        for (index, draft) in self.subjects.enumerated() {
            let result = Self.check(draft, field: "subjects[\(index)]", on: referenceDay)
            issues += result.issues
            if let subject = result.subject { subjects.append(subject) }
        }
        issues += formRules()

        issues += concern.validate(prefix: "concern")
        issues += consent.validate(prefix: "consent")
        issues += FieldCheck.required(
            localAuthority, field: "localAuthority", limit: TextLimits.name, label: "local authority")

        let dash = checkDASH()
        issues += dash.issues

        guard issues.isEmpty else { return (nil, issues) }
        let referral = Referral(
            form: form, referrer: referrer.tidied, receivedAt: receivedAt, channel: channel,
            subjects: subjects, concern: concern.tidied, consent: consent.tidied,
            localAuthority: FieldCheck.trimmed(localAuthority), dash: dash.assessment)
        return (referral, [])
    }

    /// The subjects each form needs: C1 a child or unborn child, A1 an adult at risk, PPN and MARAC a victim.
    private func formRules() -> [ValidationIssue] {
        guard !subjects.isEmpty else { return [] }
        let roles = Set(subjects.map(\.role))
        switch form {
        case .c1 where !roles.contains(where: \.isChild):
            return [ValidationIssue(field: "subjects", message: "a C1 referral needs a child under 18 or an unborn child")]
        case .a1 where !roles.contains(.adultAtRisk):
            return [ValidationIssue(field: "subjects", message: "an A1 referral needs an adult at risk aged 18 or over")]
        case .ppn where !roles.contains(.victim), .marac where !roles.contains(.victim):
            return [ValidationIssue(field: "subjects", message: "a \(form.rawValue.uppercased()) referral needs a victim")]
        default:
            return []
        }
    }

    /// DASH is required on a PPN, optional on a MARAC referral and refused on C1 and A1.
    private func checkDASH() -> (assessment: DASHAssessment?, issues: [ValidationIssue]) {
        guard form.acceptsDASH else {
            if dashScore != nil || dashAnswers != nil {
                return (nil, [ValidationIssue(
                    field: dashScore != nil ? "dashScore" : "dashAnswers",
                    message: "a DASH risk assessment is recorded only on PPN and MARAC referrals")])
            }
            return (nil, [])
        }
        if form == .ppn && dashScore == nil && dashAnswers == nil {
            return (nil, [ValidationIssue(
                field: "dashScore", message: "a PPN needs a DASH risk assessment: dashScore or dashAnswers")])
        }
        return DASHAssessment.assess(
            score: dashScore, answers: dashAnswers, scoreField: "dashScore", answersField: "dashAnswers")
    }

    // MARK: - Subjects

    private static func check(
        _ draft: SubjectDraft, field prefix: String, on day: CalendarDate
    ) -> (subject: ReferralSubject?, issues: [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        let unborn = draft.role == .unborn

        if unborn {
            issues += FieldCheck.optional(draft.forename, field: "\(prefix).forename", limit: TextLimits.name, label: "forename")
        } else {
            issues += FieldCheck.required(draft.forename, field: "\(prefix).forename", limit: TextLimits.name, label: "forename")
        }
        issues += FieldCheck.required(draft.surname, field: "\(prefix).surname", limit: TextLimits.name, label: "surname")
        if draft.aliases.count > maximumAliases {
            issues.append(ValidationIssue(field: "\(prefix).aliases", message: "at most \(maximumAliases) aliases"))
        }
        for (index, alias) in draft.aliases.enumerated() {
            issues += FieldCheck.required(alias, field: "\(prefix).aliases[\(index)]", limit: TextLimits.name, label: "alias")
        }

        let birth = checkDateOfBirth(draft, field: "\(prefix).dateOfBirth", on: day)
        let expected = checkExpectedDateOfBirth(draft, field: "\(prefix).expectedDateOfBirth", on: day)
        issues += birth.issues + expected.issues

        var nhsNumber: NHSNumber?
        if let raw = draft.nhsNumber, !FieldCheck.isBlank(raw) {
            if unborn {
                issues.append(ValidationIssue(field: "\(prefix).nhsNumber", message: "an unborn child has no NHS number yet"))
            } else if let parsed = NHSNumber(raw) {
                nhsNumber = parsed
            } else {
                issues.append(ValidationIssue(
                    field: "\(prefix).nhsNumber", message: "not a valid NHS number (ten digits passing the modulus 11 check)"))
            }
        }

        if draft.addressLines.count > maximumAddressLines {
            issues.append(ValidationIssue(field: "\(prefix).addressLines", message: "at most \(maximumAddressLines) address lines"))
        }
        for (index, line) in draft.addressLines.enumerated() {
            issues += FieldCheck.optional(
                line, field: "\(prefix).addressLines[\(index)]", limit: TextLimits.addressLine, label: "address line")
        }
        issues += FieldCheck.optional(draft.town, field: "\(prefix).town", limit: TextLimits.addressLine, label: "town")

        var postcode: UKPostcode?
        if let raw = draft.postcode, !FieldCheck.isBlank(raw) {
            postcode = UKPostcode(raw)
            if postcode == nil {
                issues.append(ValidationIssue(field: "\(prefix).postcode", message: "not a UK postcode (e.g. PP2 5GN)"))
            }
        }

        guard issues.isEmpty else { return (nil, issues) }
        let subject = ReferralSubject(
            role: draft.role,
            forename: FieldCheck.trimmed(draft.forename),
            surname: FieldCheck.trimmed(draft.surname),
            aliases: draft.aliases.map(FieldCheck.trimmed),
            dateOfBirth: birth.date,
            expectedDateOfBirth: expected.date,
            gender: draft.gender ?? .unknown,
            nhsNumber: nhsNumber,
            addressLines: draft.addressLines.map(FieldCheck.trimmed).filter { !$0.isEmpty },
            town: FieldCheck.isBlank(draft.town) ? nil : draft.town.map(FieldCheck.trimmed),
            postcode: postcode)
        return (subject, [])
    }

    /// Required for a child or an adult at risk, refused for an unborn child; a real day, not after
    /// `day`, not more than ``maximumAge`` years before it; under 18 for a child, 18 or over for an
    /// adult at risk.
    private static func checkDateOfBirth(
        _ draft: SubjectDraft, field: String, on day: CalendarDate
    ) -> (date: CalendarDate?, issues: [ValidationIssue]) {
        guard let raw = draft.dateOfBirth, !FieldCheck.isBlank(raw) else {
            switch draft.role {
            case .child:
                return (nil, [ValidationIssue(field: field, message: "a child's date of birth is required")])
            case .adultAtRisk:
                return (nil, [ValidationIssue(field: field, message: "an adult at risk's date of birth is required")])
            default:
                return (nil, [])
            }
        }
        if draft.role == .unborn {
            return (nil, [ValidationIssue(
                field: field, message: "an unborn child has an expected date of birth, not a date of birth")])
        }
        guard let date = CalendarDate(FieldCheck.trimmed(raw)) else {
            return (nil, [ValidationIssue(field: field, message: "not a date in the form YYYY-MM-DD, or no such day")])
        }
        if date > day {
            return (nil, [ValidationIssue(field: field, message: "date of birth cannot be in the future")])
        }
        let age = date.age(on: day)
        if age > maximumAge {
            return (nil, [ValidationIssue(field: field, message: "date of birth is more than \(maximumAge) years ago")])
        }
        if draft.role == .child && age >= 18 {
            return (nil, [ValidationIssue(
                field: field, message: "a child must be under 18 on the date received (this subject was \(age))")])
        }
        if draft.role == .adultAtRisk && age < 18 {
            return (nil, [ValidationIssue(
                field: field, message: "an adult at risk must be 18 or over on the date received (this subject was \(age))")])
        }
        return (date, [])
    }

    /// Required for, and only for, an unborn child; a real day between ``expectedBirthDaysBefore``
    /// days before and ``expectedBirthDaysAfter`` days after `day`.
    private static func checkExpectedDateOfBirth(
        _ draft: SubjectDraft, field: String, on day: CalendarDate
    ) -> (date: CalendarDate?, issues: [ValidationIssue]) {
        guard let raw = draft.expectedDateOfBirth, !FieldCheck.isBlank(raw) else {
            if draft.role == .unborn {
                return (nil, [ValidationIssue(field: field, message: "an unborn child's expected date of birth is required")])
            }
            return (nil, [])
        }
        guard draft.role == .unborn else {
            return (nil, [ValidationIssue(field: field, message: "only an unborn child has an expected date of birth")])
        }
        guard let date = CalendarDate(FieldCheck.trimmed(raw)) else {
            return (nil, [ValidationIssue(field: field, message: "not a date in the form YYYY-MM-DD, or no such day")])
        }
        let offset = day.days(until: date)
        guard offset >= -expectedBirthDaysBefore, offset <= expectedBirthDaysAfter else {
            return (nil, [ValidationIssue(
                field: field,
                message: "expected date of birth must be between \(expectedBirthDaysBefore) days before and \(expectedBirthDaysAfter) days after the date received")])
        }
        return (date, [])
    }
}
