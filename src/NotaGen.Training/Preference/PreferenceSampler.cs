using NotaGen.Generation;
using NotaGen.Modeling;
using NotaGen.Training.Data;

namespace NotaGen.Training.Preference;

/// <summary>
/// The sampling half of a CLaMP-DPO iteration (reference e.3): the current policy writes N pieces per prompt, the
/// selection scores and ranks them, and the pairs (top portion × bottom portion) form the next preference set. Piece
/// i of prompt p is drawn with its own seed derived from (seed, p, i), so any sample can be regenerated alone.
/// </summary>
public sealed class PreferenceSampler(NotaGenModel policy, PreferenceSelection selection)
{
    private readonly PieceGenerator generator = new(policy);

    /// <summary>Called after each sampled piece: prompt index, piece index, the piece.</summary>
    public Action<int, int, GeneratedPiece>? OnPiece { get; init; }

    public IReadOnlyList<PreferencePair> Sample(IReadOnlyList<PieceLabels> prompts, int samplesPerPrompt, ulong seed,
        GenerationOptions options, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerPrompt, 2);
        var style = policy.Config.Style;
        var pairs = new List<PreferencePair>();
        for (var p = 0; p < prompts.Count && !cancellation.IsCancellationRequested; p++)
        {
            var labels = prompts[p];
            var request = new PieceRequest
            {
                PromptLines = style.PromptLines ? new[] { labels.Period, labels.Composer, labels.Instrumentation }.OfType<string>().ToList() : [],
                Style = style.UsesLabels
                    ? policy.Config.Styles.Resolve(labels.Period, labels.Composer, labels.Instrumentation)
                    : null,
            };
            var candidates = new List<string>();
            for (var i = 0; i < samplesPerPrompt && !cancellation.IsCancellationRequested; i++)
            {
                var piece = generator.Generate(request, options with { Seed = (ulong)SeedMixer.Mix(unchecked((long)seed), p, i) }, cancellation);
                OnPiece?.Invoke(p, i, piece);
                candidates.Add(piece.RawText);
            }
            var name = string.Join(" / ", new[] { labels.Period, labels.Composer, labels.Instrumentation }.OfType<string>());
            pairs.AddRange(selection.Select(name, labels, candidates));
        }
        return pairs;
    }
}
