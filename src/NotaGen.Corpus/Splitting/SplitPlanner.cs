using NotaGen.Corpus.Output;
using NotaGen.Corpus.Sources;
using NotaGen.Music.Scores;

namespace NotaGen.Corpus.Splitting;

/// <summary>
/// Assigns every piece of a build its split, over the whole corpus at once:
/// <list type="number">
/// <item>Pieces are grouped into works: the index's <c>dup_group</c>; else a near-duplicate cluster
/// (<see cref="NearDuplicates"/>); else, for the movements of one MusicXML file, the file; else the piece itself.</item>
/// <item>Each work gets its split from the hash of its key (<see cref="SplitAssigner"/>), so a work is on one side only.</item>
/// <item>Stratification: a (period, instrumentation) pair with at least <see cref="SplitPlan.MinStratumPieces"/> pieces
/// and no piece in validation gets the train work of that pair with the lowest hash moved to validation.</item>
/// </list>
/// Everything is a function of the pieces and the options: no random state, no dependence on job count.
/// </summary>
public static class SplitPlanner
{
    public static IReadOnlyList<CorpusPiece> Assign(IReadOnlyList<CorpusPiece> pieces, SplitPlan plan)
    {
        var near = NearDuplicates.Find(pieces, plan.NearDuplicates);
        var keys = pieces.Select((p, i) => WorkKey(p, near.GetValueOrDefault(i))).ToArray();
        var splitOfWork = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
            splitOfWork.TryAdd(key, SplitAssigner.Of(SplitAssigner.Unit(key), plan.Fractions));

        if (plan.Fractions.Validation > 0)
        {
            var strata = Enumerable.Range(0, pieces.Count)
                .Where(i => pieces[i].Labels is { Period: not null, Instrumentation: not null })
                .GroupBy(i => (pieces[i].Labels!.Period!, pieces[i].Labels!.Instrumentation!))
                .OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal);
            foreach (var stratum in strata)
            {
                if (stratum.Count() < plan.MinStratumPieces) continue;
                if (stratum.Any(i => splitOfWork[keys[i]] == CorpusSplits.Validation)) continue;
                var move = stratum.Select(i => keys[i]).Where(k => splitOfWork[k] == CorpusSplits.Train).Distinct()
                    .OrderBy(SplitAssigner.Unit).ThenBy(k => k, StringComparer.Ordinal).FirstOrDefault();
                if (move is not null) splitOfWork[move] = CorpusSplits.Validation;
            }
        }

        return pieces.Select((p, i) => p with { Split = splitOfWork[keys[i]], NearDuplicateOf = near.GetValueOrDefault(i) }).ToList();
    }

    private static string WorkKey(CorpusPiece piece, string? nearCluster)
    {
        if (piece.DupGroup is not null) return "group:" + piece.DupGroup;
        if (nearCluster is not null) return "near:" + nearCluster;
        if (piece.SourcePath is not null && piece.SourcePath != piece.Id && ScoreFormats.Of(piece.SourcePath) == ScoreFormat.MusicXml)
            return "file:" + piece.SourcePath;
        return "piece:" + piece.Id;
    }
}

/// <summary>How splits are made: the fractions, near-duplicate detection, and the smallest (period, instrumentation) kept in validation.</summary>
public sealed record SplitPlan(SplitFractions Fractions, NearDuplicateOptions NearDuplicates, int MinStratumPieces = 20)
{
    public void Validate()
    {
        Fractions.Validate();
        NearDuplicates.Validate();
    }
}
