import LeadSimCore
import LeadSimGenerate
import LeadSimRender

extension Session {
    /// A `generate` that cannot go ahead: the message, and the option it is about (nil for the
    /// directory or the whole request).
    public struct GenerateFailure: Error, Sendable {
        public var message: String
        public var option: String?
    }

    /// Writes a dataset from the current configuration's journeys; what `options` leaves out comes
    /// from the current population (leads, seed, weeks). Returns a line saying what was written.
    public func generate(
        _ options: GenerateOptions, progress: @escaping (Int, Int) -> Void = { _, _ in }
    ) throws(GenerateFailure) -> String {
        let experiment = current.experiment
        var request = DatasetRequest(
            leads: options.leads ?? experiment.leads, seed: options.seed ?? experiment.seed,
            weeks: options.weeks ?? experiment.horizonWeeks)
        if let format = options.format {
            guard let chosen = DatasetFormat(rawValue: format) else {
                throw GenerateFailure(message: "unknown format '\(format)': expected csv or jsonl", option: "format")
            }
            request.format = chosen
        }
        if let locales = options.locales { request.locales = locales }
        if let rate = options.dirtyRate { request.dirtyRate = rate }
        request.scenario = options.scenario
        if let text = options.startDate {
            guard let date = CivilDate(iso: text) else {
                throw GenerateFailure(message: "'\(text)' is not a date: expected YYYY-MM-DD, e.g. \(CivilDate.defaultStart.text)", option: "start")
            }
            request.startDate = date
        }
        if let problem = request.problem { throw GenerateFailure(message: problem.message, option: problem.option) }
        do {
            if let shard = options.shard {
                let summary = try DatasetGenerator.generatePart(
                    model: experiment.runnableModel, parameters: experiment.parameters, request: request,
                    shard: DatasetShard(index: shard.index - 1, count: shard.count), options: self.options, directory: options.directory,
                    progress: progress)
                return "wrote part \(shard.index) of \(shard.count) into \(options.directory): " + Self.describe(rows: summary.rows, request: request)
            }
            var output = try DirectoryOutput(directory: options.directory, format: request.format)
            let summary: DatasetSummary
            do {
                summary = try DatasetGenerator.generate(
                    model: experiment.runnableModel, parameters: experiment.parameters, request: request, options: self.options,
                    output: &output, progress: progress)
            } catch {
                output.abandon()
                throw error
            }
            return "wrote \(options.directory) (\(request.format.rawValue)): " + Self.describe(rows: summary.rows, request: request)
        } catch let error as DatasetError {
            throw GenerateFailure(message: error.message, option: nil)
        } catch is RunCancelled {
            throw GenerateFailure(message: RunCancelled().description, option: nil)
        } catch {
            throw GenerateFailure(message: "cannot write the dataset to \(options.directory): \(error.localizedDescription)", option: nil)
        }
    }

    /// A dataset's rows per table, in a line: `1,575 accounts, 45 reps, …`.
    public static func describe(rows: [String: Int], request: DatasetRequest) -> String {
        DatasetTable.all(dirty: request.dirtyRate > 0).map { "\(Format.count(rows[$0.name] ?? 0)) \($0.name.replacingOccurrences(of: "_", with: " "))" }
            .joined(separator: ", ") + "\n"
    }
}
