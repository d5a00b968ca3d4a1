using System.Reflection;
using System.Security.Cryptography;
using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Corpus.Preparation;
using NotaGen.Corpus.Sources;
using NotaGen.Corpus.Splitting;
using NotaGen.Music;
using NotaGen.Music.Scores;

namespace NotaGen.Corpus.Building;

/// <summary>
/// Builds a corpus folder: scan inputs, read and label each file (in parallel, results kept in input order so the
/// output does not depend on <c>--jobs</c>), prepare each piece NotaGen's way, split the whole corpus
/// (<see cref="SplitPlanner"/>), write shards, rejects, manifest and data card. A bad file becomes a row of
/// rejects.tsv; the build goes on. Each file's outcome is cached by content hash (<see cref="OutcomeCache"/>).
/// </summary>
public sealed class CorpusBuilder(CorpusBuildOptions options, ComposerPeriods composers)
{
    public static string ToolVersion =>
        typeof(CorpusBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Files whose outcome the last <see cref="Build"/> took from the cache.</summary>
    public int CacheHits { get; private set; }

    /// <summary>Builds the corpus; <paramref name="cancellation"/> stops it between files (OperationCanceledException).</summary>
    public CorpusManifest Build(IProgress<BuildProgress>? progress = null, CancellationToken cancellation = default)
    {
        var plan = new SplitPlan(options.Fractions, options.NearDuplicates, options.MinStratumPieces);
        plan.Validate();
        if (options.Licence is not (null or "cc0"))
            throw new ArgumentException($"--licence '{options.Licence}' is not known; the only filter is 'cc0'");
        var labels = options.LabelsPath is null ? LabelTable.Empty : LabelTable.Load(options.LabelsPath);
        var labeler = new PieceLabeler(composers);
        var files = InputScanner.Scan(options.Inputs);
        var cache = options.UseCache
            ? new OutcomeCache(options.CacheFolder ?? Path.Combine(options.Output, ".cache"), OutcomeCache.ToolFingerprint(ToolVersion))
            : null;
        var fileOptions = $"licence={options.Licence};min_bars={options.Filters.MinBars};max_staves={options.Filters.MaxStaves}";

        var outcomes = new FileOutcome[files.Count];
        var done = 0;
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellation }, i =>
        {
            outcomes[i] = ProcessCached(files[i], labels.Find(files[i].RelativePath), labeler, cache, fileOptions);
            progress?.Report(new BuildProgress(Interlocked.Increment(ref done), files.Count));
        });
        CacheHits = cache?.Hits ?? 0;
        cache?.RemoveUnused();

        var pieces = SplitPlanner.Assign(outcomes.SelectMany(o => o.Pieces).ToList(), plan);
        var rejects = outcomes.SelectMany(o => o.Rejects).ToList();
        Directory.CreateDirectory(options.Output);
        var shards = CorpusWriter.WriteShards(options.Output, pieces, options.PiecesPerShard);
        CorpusWriter.WriteRejects(options.Output, rejects);
        var manifest = new CorpusManifest(
            ToolVersion,
            options.Inputs.Select(Path.GetFullPath).ToList(),
            options.LabelsPath is null ? null : Path.GetFullPath(options.LabelsPath),
            options.LabelsPath is null ? null : Sha256(options.LabelsPath),
            new
            {
                licence = options.Licence,
                validation = options.Fractions.Validation,
                test = options.Fractions.Test,
                near_duplicate_threshold = options.NearDuplicates.Threshold,
                near_duplicate_bars = options.NearDuplicates.Bars,
                min_stratum_pieces = options.MinStratumPieces,
                min_bars = options.Filters.MinBars,
                max_staves = options.Filters.MaxStaves,
                pieces_per_shard = options.PiecesPerShard,
            },
            files.Select((f, i) => new ManifestInput(f.RelativePath, f.Format.ToString(), outcomes[i].Sha256, outcomes[i].Pieces.Count)).ToList(),
            shards,
            Count(files.Count, pieces, rejects, outcomes.Count(o => o.Movements > 1)));
        CorpusWriter.WriteJson(Path.Combine(options.Output, "manifest.json"), manifest);
        CorpusWriter.WriteText(Path.Combine(options.Output, "DATA_CARD.md"), DataCard.Write(manifest, options));
        return manifest;
    }

    private FileOutcome ProcessCached(CorpusFile file, LabelRow? row, PieceLabeler labeler, OutcomeCache? cache, string fileOptions)
    {
        string hash;
        try
        {
            hash = Sha256(file.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileOutcome([], [new Reject(file.RelativePath, "import", e.Message)], "");
        }
        if (cache is null) return Process(file, row, labeler, hash);
        var key = cache.Key(file, hash, row, fileOptions);
        if (cache.TryGet(key) is { } cached) return cached;
        var outcome = Process(file, row, labeler, hash);
        cache.Put(key, outcome);
        return outcome;
    }

    private FileOutcome Process(CorpusFile file, LabelRow? row, PieceLabeler labeler, string hash)
    {
        if (options.Licence == "cc0" && !IsCc0(row?.Licence))
            return new FileOutcome([], [new Reject(file.RelativePath, "licence", $"licence '{row?.Licence ?? "unknown"}' is not CC0")], hash);

        IReadOnlyList<RawPiece> raw;
        try
        {
            raw = ScoreReader.Read(file);
        }
        catch (Exception e) when (e is MusicFormatException or IOException or InvalidDataException or System.Xml.XmlException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
        {
            return new FileOutcome([], [new Reject(file.RelativePath, "import", OneLine(e.Message))], hash);
        }

        var pieces = new List<CorpusPiece>();
        var rejects = new List<Reject>();
        foreach (var piece in raw)
        {
            var id = raw.Count == 1 ? file.RelativePath : $"{file.RelativePath}#{piece.Index + 1}";
            try
            {
                var pieceLabels = labeler.Label(row, piece);
                var prepared = PiecePreparer.Prepare(piece.StandardAbc, pieceLabels, options.Filters, id);
                pieces.Add(new CorpusPiece
                {
                    Id = id,
                    Source = SourceOf(file.RelativePath),
                    SourcePath = file.RelativePath,
                    Labels = pieceLabels,
                    Licence = row?.Licence,
                    DupGroup = row?.DupGroup,
                    // Assigned over the whole corpus afterwards (SplitPlanner), so that near-duplicates and strata can be seen.
                    Split = CorpusSplits.Train,
                    Bars = prepared.Bars,
                    Staves = prepared.Staves,
                    Patches = PatchCounter.Count(prepared.Abc, id),
                    Key = prepared.Key,
                    Meter = prepared.Meter,
                    Abc = prepared.Abc,
                });
            }
            catch (PreparationRejected e)
            {
                rejects.Add(new Reject(id, e.Stage, OneLine(e.Message)));
            }
            catch (Exception e) when (e is MusicFormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
            {
                rejects.Add(new Reject(id, "prepare", OneLine(e.Message)));
            }
        }
        return new FileOutcome(pieces, rejects, hash, file.Format == ScoreFormat.MusicXml ? raw.Count : 1);
    }

    /// <summary>The source a path belongs to: the folder below the format folder (musicxml/&lt;source&gt;/...), else the first folder.</summary>
    public static string SourceOf(string relativePath)
    {
        var parts = relativePath.Split('/');
        return parts.Length >= 3 && parts[0] is "musicxml" or "midi" or "abc" ? parts[1] : parts.Length >= 2 ? parts[0] : "(top)";
    }

    private static bool IsCc0(string? licence) => licence is not null && licence.StartsWith("CC0", StringComparison.OrdinalIgnoreCase);

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static CorpusCounts Count(int files, IReadOnlyList<CorpusPiece> pieces, List<Reject> rejects, int multiMovementFiles)
    {
        static SortedDictionary<string, int> Tally(IEnumerable<string> keys) =>
            new(keys.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
        return new CorpusCounts(
            files,
            pieces.Count,
            pieces.Count(p => p.Labels is not null),
            pieces.Count(p => p.Labels is { CanPrompt: true }),
            rejects.Count,
            multiMovementFiles,
            Tally(pieces.Select(p => p.Split)),
            Tally(pieces.Select(p => p.Source ?? "")),
            Tally(rejects.Select(r => r.Stage)));
    }
}
