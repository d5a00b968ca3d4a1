using static TorchSharp.torch;

namespace NotaGen.Modeling;

/// <summary>
/// Teacher-forced predictions of every (patch state, next patch) pair of a batch, flattened as NotaGen does.
/// Logits: [N, 16, vocabulary]; Labels: [N, 16] long with PAD replaced by <see cref="IgnoredLabel"/>;
/// Sequence: [N] long, the batch row each pair came from.
/// </summary>
public sealed record CharPredictions(Tensor Logits, Tensor Labels, Tensor Sequence)
{
    /// <summary>PyTorch's ignore index: labels equal to it count neither in the loss nor in log-probabilities.</summary>
    public const long IgnoredLabel = -100;

    /// <summary>Mean next-character cross-entropy over all non-PAD characters (EOS included), NotaGen's loss.</summary>
    public Tensor Loss() =>
        nn.functional.cross_entropy(Logits.reshape(-1, Logits.shape[2]), Labels.reshape(-1), ignore_index: IgnoredLabel);

    /// <summary>Summed log-probability of every non-PAD character per pair, [N].</summary>
    public Tensor PairLogProbabilities()
    {
        var logProbabilities = Logits.log_softmax(-1);                          // [N, 16, V]
        var counted = Labels.ne(IgnoredLabel);                                  // [N, 16]
        var picked = logProbabilities.gather(2, Labels.clamp_min(0).unsqueeze(2)).squeeze(2); // [N, 16]
        return picked.mul(counted.to(picked.dtype)).sum(1);
    }

    /// <summary>Summed log-probability of every predicted character per batch row, [B] (for DPO-style losses).</summary>
    public Tensor SequenceLogProbabilities(long batchSize)
    {
        var pairs = PairLogProbabilities();
        return zeros(batchSize, pairs.dtype, pairs.device).index_add(0, Sequence, pairs, 1);
    }
}
