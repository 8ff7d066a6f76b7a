import LeadSimCore
import LeadSimRender

/// `help`: the command list, or one command, parameter or metric, from the same registries the
/// parser and completion read.
enum Help {
    static func text(for topic: String?, session: Session, statement: Statement) throws(ScriptError) -> String {
        guard let topic else { return overview(width: session.width) }
        if let command = CommandSpec.named(topic) { return commandHelp(command) }
        if topic == "runs" {
            return """
                runs
                  independent replications of every run, each on its own synthetic population; figures are \
                shown as mean and 95 % interval, and compare, sweep and optimise pair their runs on them
                  range:   \(Session.replicationRange.lowerBound) to \(Session.replicationRange.upperBound)
                  default: 1
                  current: \(session.replications)
                  example: set runs 20

                """
        }
        if let spec = try? session.parameters.spec(named: topic) { return parameterHelp(spec, session: session) }
        if let metric = Metric.named(topic) { return metricHelp(metric) }
        if let show = ShowTopic(rawValue: topic) { return "show \(show.rawValue): see `help show`\n" }
        let names = CommandSpec.all.map(\.name) + session.parameters.specs.map(\.name) + Metric.all.map(\.name)
        throw statement.error(
            "no help on '\(topic)'" + didYouMean(topic, among: names)
                + ": expected a command, a parameter of model \(session.model.name) or a metric", argument: 0)
    }

    static func overview(width: Int? = nil) -> String {
        var table = TextTable("commands", [("command", .left), ("what it does", .left)])
        for command in CommandSpec.all { table.append([Cell(command.usage), Cell(command.summary)]) }
        return table.render(width: width)
            + "\n`help COMMAND`, `help PARAMETER` (e.g. help mql.threshold) and `help METRIC` tell more;"
            + " Tab completes commands, parameters, values, metrics and file names.\n"
    }

    static func commandHelp(_ command: CommandSpec) -> String {
        var text = "\(command.usage)\n  \(command.summary)\n  example: \(command.example)\n"
        if !command.words.isEmpty { text += "  words: \(command.words.joined(separator: ", "))\n" }
        return text
    }

    static func parameterHelp(_ spec: ParameterSpec, session: Session) -> String {
        let current = session.parameters[spec.name]
        var lines = [
            spec.name,
            "  \(spec.summary)",
            "  unit:    \(spec.unit.rawValue)",
            "  range:   \(spec.rangeDescription)",
            "  default: \(spec.format(spec.defaultValue))",
            "  current: \(spec.format(current))" + (current == spec.defaultValue ? "" : " (changed)"),
        ]
        if let source = spec.source { lines.append("  source:  \(source)") }
        if let condition = spec.condition {
            let now = session.parameters.specs.first { $0.name == condition.parameter }.map { $0.format(session.parameters[$0.name]) }
            lines.append("  acts:    only when \(condition.parameter) is \(condition.value)" + (now.map { " (now \($0))" } ?? ""))
        }
        if let prefix = ["speed.contact", "speed.qualify"].first(where: { spec.name.hasPrefix($0 + ".") }) {
            lines += speedCurveLines(SpeedCurve(session.parameters, prefix: prefix), contact: prefix == "speed.contact")
        }
        lines.append("  example: set \(spec.name) \(spec.options.first ?? spec.format(spec.defaultValue))")
        return lines.joined(separator: "\n") + "\n"
    }

    static func metricHelp(_ metric: Metric) -> String {
        "\(metric.name)\n  \(metric.summary)\n  unit: \(metric.unit)\n  example: expect \(metric.name) > 0\n"
    }

    /// The chances a speed-to-lead curve gives at the waits the sources publish, and its ratios
    /// beside theirs.
    static func speedCurveLines(_ curve: SpeedCurve, contact: Bool) -> [String] {
        let chances = SpeedCurve.publishedWaits.map { "\($0.label) \(Format.percent(curve.chance(afterHours: $0.hours)))" }
        let ratios = SpeedCurve.publishedRatios.map { "\($0.label) \(Format.fixed(curve.ratio($0.early, $0.late), digits: 2))×" }
        let published = contact
            ? "Oldroyd 2007: 100× the contact chance at 5 rather than 30 min"
            : "Oldroyd 2007: 21× at 5 rather than 30 min; Oldroyd, McElheran & Elkington 2011: 7× at 1 h rather than 2 h, 60× rather than 24 h"
        return [
            "  curve:   chance by wait: " + chances.joined(separator: ", "),
            "  ratios:  " + ratios.joined(separator: ", "),
            "  sources: \(published) (`preset oldroyd` sets those curves)",
        ]
    }
}
