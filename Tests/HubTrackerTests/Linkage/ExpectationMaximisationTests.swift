import Testing
@testable import HubTracker

@Suite("Parameter estimation")
struct ExpectationMaximisationTests {
    /// The expected histogram of `pairs` pairs under known parameters, over forename, surname and date of
    /// birth (the other fields missing).
    func histogram(pairs: Double, lambda: Double, m: [[Double]], u: [[Double]]) -> PatternHistogram {
        var histogram = PatternHistogram()
        for f in 0..<5 {
            for s in 0..<4 {
                for d in 0..<5 {
                    let pm = lambda * m[0][f] * m[1][s] * m[2][d]
                    let pu = (1 - lambda) * u[0][f] * u[1][s] * u[2][d]
                    let pattern = ComparisonPattern(
                        forename: UInt8(f), surname: UInt8(s), dateOfBirth: UInt8(d), address: 255, gender: 255, nhsNumber: 255)
                    histogram.add(pattern, weight: pairs * (pm + pu))
                }
            }
        }
        return histogram
    }

    @Test("EM recovers known m probabilities and λ from a histogram")
    func recoversKnownParameters() {
        let trueM: [[Double]] = [[0.80, 0.08, 0.05, 0.04, 0.03], [0.85, 0.07, 0.03, 0.05], [0.88, 0.03, 0.05, 0.02, 0.02]]
        let u: [[Double]] = [[0.02, 0.003, 0.005, 0.05, 0.922], [0.01, 0.005, 0.04, 0.945], [0.001, 0.0001, 0.01, 0.08, 0.9089]]
        let observed = histogram(pairs: 1_000_000, lambda: 0.03, m: trueM, u: u)
        let standard = LinkageModel.standard
        let allU = LinkageField.allCases.map { field in field.rawValue < 3 ? u[field.rawValue] : standard.parameters(field).u }
        let outcome = ExpectationMaximisation(maximumIterations: 500, tolerance: 1e-9).run(
            observed, u: allU, initialM: standard.fields.map(\.m), initialLambda: 0.1,
            estimated: [.forename, .surname, .dateOfBirth], excluded: [])
        #expect(outcome.converged)
        #expect(abs(outcome.lambda - 0.03) < 0.001)
        for field in 0..<3 {
            for level in trueM[field].indices {
                #expect(abs(outcome.m[field][level] - trueM[field][level]) < 0.01, "field \(field) level \(level)")
            }
        }
    }

    @Test("Excluded fields are left out and keep their starting m")
    func excludedFields() {
        let standard = LinkageModel.standard
        var observed = PatternHistogram()
        observed.add(ComparisonPattern(forename: 0, surname: 0, dateOfBirth: 0, address: 0, gender: 0, nhsNumber: 255), weight: 100)
        observed.add(ComparisonPattern(forename: 4, surname: 3, dateOfBirth: 0, address: 4, gender: 1, nhsNumber: 255), weight: 900)
        let outcome = ExpectationMaximisation().run(
            observed, u: standard.fields.map(\.u), initialM: standard.fields.map(\.m), initialLambda: 0.5,
            estimated: [.forename, .surname, .address, .gender], excluded: [.dateOfBirth])
        #expect(outcome.m[LinkageField.dateOfBirth.rawValue] == standard.parameters(.dateOfBirth).m)
        #expect(abs(outcome.lambda - 0.1) < 0.01)
    }

    @Test("Estimation on a small generated population converges and finds sensible parameters")
    func generatedPopulation() throws {
        let population = SyntheticPopulation(recordCount: 3_000, seed: 11)
        let records = RecordCleanser().cleanse(population.records, parallelism: 2)
        var configuration = LinkageConfiguration()
        configuration.parallelism = 2
        configuration.randomPairsForU = 300_000
        let result = RecordLinker(configuration: configuration).link(records)
        let estimation = try #require(result.statistics.estimation)
        #expect(estimation.sessions.count == 3)  // one per rule but the NHS number rule
        for session in estimation.sessions {
            #expect(session.converged, "\(session.rule)")
            #expect(session.iterations < configuration.emMaximumIterations)
        }
        #expect(estimation.priorMethod == .nhsNumbers)
        let model = result.model
        let forenameExact = model.parameters(.forename).m[0]
        let dobExact = model.parameters(.dateOfBirth).m[0]
        #expect(forenameExact > 0.7 && forenameExact < 0.97)
        #expect(dobExact > 0.8 && dobExact < 0.99)
        #expect(model.parameters(.forename).u[0] < 0.1)
        #expect(model.parameters(.dateOfBirth).u[0] < 0.005)
        // λ: expected matching pairs close to the truth.
        let accuracy = population.pairwiseAccuracy(result.personIDs)
        #expect(abs(estimation.expectedMatchingPairs - Double(accuracy.truePairs)) / Double(accuracy.truePairs) < 0.25)
        #expect(model.nameFrequencies != nil)
    }
}
