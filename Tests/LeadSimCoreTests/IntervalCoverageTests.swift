import Foundation
import Testing
@testable import LeadSimCore

/// The intervals `calibrate` shows cover at their stated 95 %: checked over many seeded samples
/// whose truth is known. With 2,000 samples a true 95 % coverage lands within ±1 point (two
/// standard errors of 0.49 points each); the bounds below allow for the methods' known slight
/// conservatism.
@Suite struct IntervalCoverageTests {
    @Test(arguments: [(0.15, 200), (0.03, 400), (0.5, 60)])
    func wilsonSharesCover(share: Double, trials: Int) {
        var covered = 0
        for sample in 0..<2000 {
            var random = RandomStream(seed: 7, subject: UInt64(sample), purpose: .dataset)
            let successes = (0..<trials).filter { _ in random.uniform() < share }.count
            let figure = MeasuredFigure.share("p", successes, of: trials)
            if figure.low <= share && share <= figure.high { covered += 1 }
        }
        let coverage = Double(covered) / 2000
        #expect(coverage >= 0.935 && coverage <= 0.975, "coverage \(coverage)")
    }

    /// Times to an event, exponential with median 30 days, cut off at a random end (a third of them
    /// censored): the Kaplan–Meier median's interval holds 30 days at about its stated rate.
    @Test func kaplanMeierMediansCover() {
        let median = 30.0
        var covered = 0
        for sample in 0..<2000 {
            var random = RandomStream(seed: 11, subject: UInt64(sample), purpose: .dataset)
            let spells = (0..<150).map { _ -> (days: Double, ended: Bool) in
                let time = random.exponential(mean: median / log(2))
                let end = random.uniform() * 150
                return time <= end ? (time, true) : (end, false)
            }
            guard let figure = KaplanMeier(spells).median("days") else { continue }
            if figure.low <= median && median <= figure.high { covered += 1 }
        }
        let coverage = Double(covered) / 2000
        #expect(coverage >= 0.92 && coverage <= 0.98, "coverage \(coverage)")
    }

    /// Deal amounts, log-normal around a median of EUR 20,000: the order-statistic interval holds
    /// the median at its exact binomial rate, 1 − 2 P(B ≤ 9) = 95.7 % for 30 deals (B binomial
    /// of 30 and ½), within ±1.1 points (2.5 standard errors over 2,000 samples).
    @Test func dealMediansCover() {
        var covered = 0
        for sample in 0..<2000 {
            var random = RandomStream(seed: 13, subject: UInt64(sample), purpose: .dataset)
            let amounts = (0..<30).map { _ in random.logNormal(median: 20_000, sigma: 0.5) }
            let figure = MeasuredFigure.median("deal", unit: "EUR", amounts)
            if figure.low <= 20_000 && 20_000 <= figure.high { covered += 1 }
        }
        let coverage = Double(covered) / 2000
        #expect(abs(coverage - 0.957) <= 0.011, "coverage \(coverage)")
    }

    @Test func aMedianOfFewValuesHasNoInterval() {
        let five = MeasuredFigure.median("deal", unit: "EUR", [5, 1, 4, 2, 3])
        #expect(five.value == 3 && five.low.isNaN && five.high.isNaN)
        let six = MeasuredFigure.median("deal", unit: "EUR", [6, 1, 5, 2, 4, 3])
        #expect(six.value == 3.5 && six.low == 1 && six.high == 6, "ranks 1 and 6: 1 − 2/64 ≥ 95 %")
    }
}
