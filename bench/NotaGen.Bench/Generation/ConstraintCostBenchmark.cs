using System.Diagnostics;
using NotaGen.Generation.Constraints;
using NotaGen.Modeling;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Generation.Benchmarks;

/// <summary>Characters written with one constraint level over the timed pieces.</summary>
/// <param name="SteadyCharacters">Characters of the patches after each piece's first.</param>
/// <param name="SteadySeconds">Time from each piece's first patch to its last: decoding without the per-piece set-up
/// (prompt prefill, caches), which weighs more on shorter pieces.</param>
public sealed record ConstraintRate(ConstraintLevel Level, int Pieces, int Characters, int Patches, double Seconds, int SteadyCharacters, double SteadySeconds)
{
    public double CharactersPerSecond => Characters / Seconds;

    public double PatchesPerSecond => Patches / Seconds;

    public double SteadyCharactersPerSecond => SteadyCharacters / SteadySeconds;
}

/// <summary>The two rates, measured in one run on the same seeds.</summary>
/// <param name="MaskSeconds">The automaton's own time over the structure pieces: their text replayed through the
/// cursor, the allowed set computed before every character as the decoder does.</param>
public sealed record ConstraintCostResult(string Preset, int Threads, int Bars, ulong FirstSeed, ConstraintRate None, ConstraintRate Structure, double MaskSeconds)
{
    /// <summary>Share of the structure pieces' time spent in the automaton.</summary>
    public double MaskShare => MaskSeconds / Structure.Seconds;

    /// <summary>Structure's characters per second over none's, whole pieces (the issue asks for at least 0.85).</summary>
    public double Ratio => Structure.CharactersPerSecond / None.CharactersPerSecond;

    /// <summary>The same ratio from each piece's first patch on.</summary>
    public double SteadyRatio => Structure.SteadyCharactersPerSecond / None.SteadyCharactersPerSecond;
}

/// <summary>
/// What the structure constraint costs in speed on the default decoding path (managed character steps, cached patch
/// level): the same request and seeds written with <see cref="ConstraintLevel.None"/> and with
/// <see cref="ConstraintLevel.Structure"/>, the two levels interleaved per seed (and their order alternated) so that
/// drift in the machine's speed falls on both alike. One warm-up piece per level first.
/// </summary>
public static class ConstraintCostBenchmark
{
    /// <param name="progress">Told after every timed piece: (pieces done, pieces in all, two per seed).</param>
    /// <param name="cancellation">Stops the piece in hand after its patch; then <see cref="OperationCanceledException"/> is thrown.</param>
    public static ConstraintCostResult Run(NotaGenModel model, int pieces, int bars, ulong seed, Action<int, int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pieces, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bars, 1);
        var generator = new PieceGenerator(model);
        var request = PieceRequest.ForStyle(new StylePrompt("Romantic", "Schubert, Franz", "Art Song")) with { Bars = bars };
        generator.Generate(request, Options(seed, ConstraintLevel.None), cancellation);
        generator.Generate(request, Options(seed, ConstraintLevel.Structure), cancellation);
        cancellation.ThrowIfCancellationRequested();

        var (noneChars, noneSeconds, structureChars, structureSeconds) = (0, 0.0, 0, 0.0);
        var (nonePatches, structurePatches) = (0, 0);
        var steady = new Dictionary<ConstraintLevel, (int Characters, double Seconds)> { [ConstraintLevel.None] = (0, 0), [ConstraintLevel.Structure] = (0, 0) };
        var texts = new List<string>();
        for (var i = 0; i < pieces; i++)
        {
            var levels = i % 2 == 0
                ? new[] { ConstraintLevel.None, ConstraintLevel.Structure }
                : [ConstraintLevel.Structure, ConstraintLevel.None];
            foreach (var level in levels)
            {
                var events = new List<(double Seconds, int Characters)>();
                var clock = Stopwatch.StartNew();
                var piece = generator.Generate(request, Options(seed + (ulong)i, level) with
                {
                    OnPatch = e => events.Add((clock.Elapsed.TotalSeconds, e.Text.Length)),
                }, cancellation);
                var seconds = clock.Elapsed.TotalSeconds;
                cancellation.ThrowIfCancellationRequested();
                progress?.Invoke(2 * i + (level == levels[0] ? 1 : 2), 2 * pieces);
                if (events.Count > 1)
                {
                    var (c, s) = steady[level];
                    steady[level] = (c + events.Skip(1).Sum(e => e.Characters), s + events[^1].Seconds - events[0].Seconds);
                }
                if (level == ConstraintLevel.None)
                {
                    (noneChars, noneSeconds, nonePatches) = (noneChars + piece.GeneratedCharacters, noneSeconds + seconds, nonePatches + piece.Patches);
                }
                else
                {
                    (structureChars, structureSeconds, structurePatches) = (structureChars + piece.GeneratedCharacters, structureSeconds + seconds, structurePatches + piece.Patches);
                    texts.Add(piece.RawText);
                }
            }
        }
        return new ConstraintCostResult(model.Config.Preset, TorchSharp.torch.get_num_threads(), bars, seed,
            new ConstraintRate(ConstraintLevel.None, pieces, noneChars, nonePatches, noneSeconds, steady[ConstraintLevel.None].Characters, steady[ConstraintLevel.None].Seconds),
            new ConstraintRate(ConstraintLevel.Structure, pieces, structureChars, structurePatches, structureSeconds, steady[ConstraintLevel.Structure].Characters, steady[ConstraintLevel.Structure].Seconds),
            MaskSeconds(new ScoreGrammar(ConstraintLevel.Structure, bars: bars), texts));
    }

    private static double MaskSeconds(ScoreGrammar grammar, List<string> texts)
    {
        Span<bool> allowed = stackalloc bool[128];
        var clock = Stopwatch.StartNew();
        foreach (var text in texts)
        {
            var cursor = grammar.Start();
            foreach (var c in text)
            {
                cursor.Allowed(1, allowed);
                if (!cursor.Advance(c, 0))
                    throw new InvalidOperationException($"a structure piece does not replay through its grammar: {cursor.Describe()}");
            }
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static GenerationOptions Options(ulong seed, ConstraintLevel level) => new()
    {
        Seed = seed,
        Constraint = level,
        MaxDuration = TimeSpan.FromHours(1),
    };
}
