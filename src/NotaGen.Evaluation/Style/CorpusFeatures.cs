using NotaGen.Corpus.Output;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// The style features of a corpus's labelled pieces (read with <see cref="CorpusReader.ReadAll"/>). Pieces without a
/// period, or that do not parse, are left out and counted in <see cref="Skipped"/>. Order follows the files, so results do not depend on <paramref name="jobs"/>.
/// </summary>
public sealed record CorpusFeatures(IReadOnlyList<LabelledFeatures> Pieces, int Skipped)
{
    /// <param name="take">Keep at most this many labelled pieces per split (the first ones, in file order); null keeps all.</param>
    public static CorpusFeatures Compute(IReadOnlyList<CorpusPiece> pieces, int? take = null, int jobs = 1) =>
        Compute(pieces, StyleFeatureExtractor.Handcrafted.FromCorpusPiece, take, jobs);

    /// <summary>
    /// The same with another feature family: <paramref name="extract"/> gives a piece's features, or null (or a
    /// <see cref="NotaGen.Music.MusicFormatException"/>) to leave it out.
    /// </summary>
    /// <param name="progress">Told after every labelled piece.</param>
    /// <param name="cancellation">Checked between pieces (throws <see cref="OperationCanceledException"/>).</param>
    public static CorpusFeatures Compute(IReadOnlyList<CorpusPiece> pieces, Func<CorpusPiece, double[]?> extract, int? take = null, int jobs = 1,
        IProgress<StyleProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(extract);
        var labelled = pieces.Where(p => p.Labels?.Period is not null)
            .GroupBy(p => p.Split)
            .SelectMany(g => take is { } n ? g.Take(n) : g)
            .ToList();
        var results = new LabelledFeatures?[labelled.Count];
        var done = 0;
        Parallel.For(0, labelled.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellation }, i =>
        {
            var piece = labelled[i];
            double[]? features;
            try
            {
                features = extract(piece);
            }
            catch (NotaGen.Music.MusicFormatException)
            {
                features = null;
            }
            if (features is not null)
                results[i] = new LabelledFeatures(piece.Id, piece.Split, piece.Labels!, features);
            progress?.Report(new StyleProgress("style features", "pieces", Interlocked.Increment(ref done), labelled.Count));
        });
        var kept = results.OfType<LabelledFeatures>().ToList();
        return new CorpusFeatures(kept, pieces.Count - kept.Count);
    }
}
