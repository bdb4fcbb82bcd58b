/// A controlled list of strategy discussion outcomes.
public enum OutcomeList: String, Sendable, Codable, CaseIterable, Hashable {
    case children
    case adults
    case domesticAbuse = "domestic_abuse"

    /// The outcomes on this list, in the order a form should offer them.
    public var outcomes: [StrategyOutcome] {
        switch self {
        case .children:
            return [.childProtectionEnquiry, .proportionateAssessment, .careAndSupportAssessment,
                    .earlyHelp, .furtherStrategyMeeting, .noFurtherActionWithAdvice]
        case .adults:
            return [.adultAtRiskEnquiry, .strategyMeeting, .careAndSupportAssessment, .noFurtherAction]
        case .domesticAbuse:
            return [.maracReferral, .safetyPlanning, .noFurtherAction]
        }
    }

    /// The list for a service.
    public init(_ service: SafeguardingService) {
        switch service {
        case .children: self = .children
        case .adults: self = .adults
        }
    }

    /// The lists a discussion of this kind about this incident may choose from: always the
    /// service's list; also the domestic abuse list when the incident came from a PPN or MARAC
    /// referral, or the discussion is the daily domestic abuse discussion.
    public static func permitted(for incident: Incident, kind: StrategyDiscussionKind) -> [OutcomeList] {
        permitted(service: incident.service, form: incident.form, kind: kind)
    }

    /// As ``permitted(for:kind:)``, from the incident's service and originating form.
    public static func permitted(service: SafeguardingService, form: ReferralForm, kind: StrategyDiscussionKind) -> [OutcomeList] {
        var lists = [OutcomeList(service)]
        if form.isDomesticAbuse || kind == .domesticAbuseDailyDiscussion { lists.append(.domesticAbuse) }
        return lists
    }

    /// Every outcome allowed from `lists`, without repeats, in list order.
    public static func outcomes(in lists: [OutcomeList]) -> [StrategyOutcome] {
        var seen = Set<StrategyOutcome>()
        return lists.flatMap(\.outcomes).filter { seen.insert($0).inserted }
    }
}
