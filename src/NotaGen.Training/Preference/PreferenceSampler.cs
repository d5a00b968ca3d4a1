using NotaGen.Generation;
using NotaGen.Modeling;
using NotaGen.Modeling.Conditioning;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Training.Data;

namespace NotaGen.Training.Preference;

/// <summary>
/// The sampling half of a CLaMP-DPO iteration (reference e.3): the current policy writes N pieces per prompt, the
/// selection scores and ranks them, and the pairs (top portion × bottom portion) form the next preference set. Piece
/// i of prompt p is drawn with its own seed derived from (seed, p, i), so any sample can be regenerated alone.
/// Cancelled, it pairs no piece of the prompt in hand: that prompt has fewer samples than asked, and its last one was
/// cut off mid-piece, so its ranking is not the one asked for. The prompts before it keep their pairs, which are the
/// same as a run over those prompts alone.
/// </summary>
public sealed class PreferenceSampler(NotaGenModel policy, PreferenceSelection selection)
{
    private readonly PieceGenerator generator = new(policy);

    /// <summary>Called after each sampled piece: prompt index, piece index, the piece.</summary>
    public Action<int, int, GeneratedPiece>? OnPiece { get; init; }

    public PreferenceSampling Sample(IReadOnlyList<StylePrompt> prompts, int samplesPerPrompt, ulong seed,
        GenerationOptions options, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerPrompt, 2);
        var conditioning = new ModelConditioning(policy.Config);
        var pairs = new List<PreferencePair>();
        var sampled = 0;
        for (var p = 0; p < prompts.Count && !cancellation.IsCancellationRequested; p++)
        {
            var labels = prompts[p];
            var request = PieceRequest.For(conditioning, labels);
            var candidates = new List<string>();
            for (var i = 0; i < samplesPerPrompt && !cancellation.IsCancellationRequested; i++)
            {
                var piece = generator.Generate(request, options with { Seed = (ulong)SeedMixer.Mix(unchecked((long)seed), p, i) }, cancellation);
                if (piece.Stop == StopReason.Cancelled)
                    break;
                OnPiece?.Invoke(p, i, piece);
                candidates.Add(piece.RawText);
            }
            if (candidates.Count < samplesPerPrompt)
                break;
            var constraint = options.Constraint.ToString().ToLowerInvariant();
            pairs.AddRange(selection.Select(labels.ToString(), labels, candidates).Select(pair => pair with { Constraint = constraint }));
            sampled++;
        }
        return new PreferenceSampling(pairs, sampled);
    }
}
