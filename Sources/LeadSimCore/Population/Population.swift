/// A population of leads as parallel arrays (structure of arrays), laid out for the simulation's
/// hot loops: a lead is an index, and each pass reads only the columns it needs.
///
/// Observable attributes are what a CRM holds; the hidden truth (fit, intent, buying window, BANT,
/// deal value) drives the simulation and is the ground truth of generated datasets.
/// About 36 bytes a lead.
///
/// A population describes a running business: `horizonWeeks` is the measured window, and
/// `warmupWeeks` before it bring in the leads whose journeys are still under way when the window
/// opens (nurture tracks, recycled leads, the reps' queues). Leads 0..<`windowLeads` are created in
/// the window and keep their numbers and journeys whatever the warm-up; warm-up leads follow.
public struct Population: Sendable {
    public internal(set) var seed: UInt64
    public internal(set) var horizonWeeks: Int
    public internal(set) var warmupWeeks: Int
    /// Leads created in the measured window; the rest are warm-up leads.
    public internal(set) var windowLeads: Int
    /// Work that runs on these leads may reuse. Copies share it, which is sound because a
    /// population's columns are written only while it is built, before any run.
    public let memo = RunMemo()

    /// Creation time in hours since the start of the warm-up (Monday 00:00 of its first week).
    public internal(set) var createdHours: [Float]
    public internal(set) var channel: [Channel]
    public internal(set) var moment: [ConversionMoment]
    public internal(set) var industry: [Industry]
    public internal(set) var companySize: [CompanySize]
    /// Employees of the lead's company, within its size band: a number a CRM holds.
    public internal(set) var employees: [UInt32]
    public internal(set) var region: [Region]
    public internal(set) var seniority: [Seniority]
    public internal(set) var consent: [Consent]
    /// Attributes beyond these, by name (columns of an imported export).
    public internal(set) var freeAttributes = FreeAttributes()

    /// Hidden profile fit in [0, 1].
    public internal(set) var fit: [Float]
    /// Hidden baseline buying intent in [0, 1].
    public internal(set) var intent: [Float]
    /// Hidden buying window: it opens once the lead's window hazard (which nurturing raises) has
    /// summed to this clock, an Exp(1) draw (0: open at creation); intent rises inside it.
    public internal(set) var windowClock: [Float]
    /// The window's length relative to the model's median length (a log-normal factor).
    public internal(set) var windowLengthFactor: [Float]
    /// Hidden BANT facts (`BANT` option set).
    public internal(set) var bant: [BANT]
    /// Hidden deal value in euros should the lead buy.
    public internal(set) var dealValue: [Float]

    public var count: Int { createdHours.count }
    /// Start of the measured window, in hours since the start of the warm-up.
    public var windowStartHours: Double { Double(warmupWeeks) * 168 }
    /// End of the measured window: where every run stops.
    public var endHours: Double { Double(warmupWeeks + horizonWeeks) * 168 }

    public init(seed: UInt64, horizonWeeks: Int, warmupWeeks: Int = 0, count: Int, windowLeads: Int? = nil) {
        self.seed = seed
        self.horizonWeeks = horizonWeeks
        self.warmupWeeks = warmupWeeks
        self.windowLeads = windowLeads ?? count
        createdHours = Array(repeating: 0, count: count)
        channel = Array(repeating: .organicSearch, count: count)
        moment = Array(repeating: .contactForm, count: count)
        industry = Array(repeating: .software, count: count)
        companySize = Array(repeating: .small, count: count)
        employees = Array(repeating: 0, count: count)
        region = Array(repeating: .dach, count: count)
        seniority = Array(repeating: .individual, count: count)
        consent = Array(repeating: .none, count: count)
        fit = Array(repeating: 0, count: count)
        intent = Array(repeating: 0, count: count)
        windowClock = Array(repeating: .infinity, count: count)
        windowLengthFactor = Array(repeating: 0, count: count)
        bant = Array(repeating: [], count: count)
        dealValue = Array(repeating: 0, count: count)
    }
}

/// BANT facts: budget, authority, need, timeline.
public struct BANT: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let budget = BANT(rawValue: 1)
    public static let authority = BANT(rawValue: 2)
    public static let need = BANT(rawValue: 4)
    public static let timeline = BANT(rawValue: 8)
    public var count: Int { rawValue.nonzeroBitCount }
}

extension Population {
    /// Bytes of the columns above for one lead.
    public static let bytesPerLead =
        MemoryLayout<Float>.stride * 7 + MemoryLayout<UInt32>.stride + MemoryLayout<Channel>.stride + MemoryLayout<ConversionMoment>.stride
        + MemoryLayout<Industry>.stride + MemoryLayout<CompanySize>.stride + MemoryLayout<Region>.stride
        + MemoryLayout<Seniority>.stride + MemoryLayout<Consent>.stride + MemoryLayout<BANT>.stride
}

extension Population {
    /// Leads per chunk when a population is synthesised in parallel.
    static let synthesisChunk = 16_384

    /// A population of `count` leads synthesised chunk by chunk in parallel: `fill` writes the
    /// leads of its range into a chunk (chunk index = lead − range.lowerBound). Every lead's
    /// attributes come from its own random streams, so the result does not depend on the threads.
    static func synthesize(
        count: Int, seed: UInt64, horizonWeeks: Int, warmupWeeks: Int = 0, windowLeads: Int? = nil, options: RunOptions,
        fill: @Sendable (inout Population, Range<Int>) -> Void
    ) throws(RunCancelled) -> Population {
        let chunkCount = ParallelChunks.chunkCount(count: count, chunkSize: synthesisChunk)
        var chunks = [Population?](repeating: nil, count: chunkCount)
        chunks.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointWrites(buffer.baseAddress!)
            ParallelChunks.forEach(count: count, chunkSize: synthesisChunk, threads: options.threads) { chunk, range in
                if options.cancellation?.isSet == true { return }
                var part = Population(seed: seed, horizonWeeks: horizonWeeks, warmupWeeks: warmupWeeks, count: range.count)
                fill(&part, range)
                out[chunk] = part
            }
        }
        try options.checkCancelled()
        var population = Population(
            seed: seed, horizonWeeks: horizonWeeks, warmupWeeks: warmupWeeks, count: 0, windowLeads: windowLeads ?? count)
        population.reserveCapacity(count)
        for chunk in chunks { population.append(chunk!) }
        return population
    }

    mutating func reserveCapacity(_ count: Int) {
        createdHours.reserveCapacity(count); channel.reserveCapacity(count); moment.reserveCapacity(count)
        industry.reserveCapacity(count); companySize.reserveCapacity(count); employees.reserveCapacity(count)
        region.reserveCapacity(count)
        seniority.reserveCapacity(count); consent.reserveCapacity(count); fit.reserveCapacity(count)
        intent.reserveCapacity(count); windowClock.reserveCapacity(count); windowLengthFactor.reserveCapacity(count)
        bant.reserveCapacity(count); dealValue.reserveCapacity(count)
    }

    /// Appends `other`'s leads after this population's.
    mutating func append(_ other: Population) {
        precondition(other.freeAttributes.isEmpty, "synthesised parts carry no free attributes")
        createdHours += other.createdHours; channel += other.channel; moment += other.moment
        industry += other.industry; companySize += other.companySize; employees += other.employees; region += other.region
        seniority += other.seniority; consent += other.consent; fit += other.fit; intent += other.intent
        windowClock += other.windowClock; windowLengthFactor += other.windowLengthFactor
        bant += other.bant; dealValue += other.dealValue
    }
}
