using static TorchSharp.torch;

namespace NotaGen.Training.Loop;

/// <summary>What a training stage minimises on one batch.</summary>
public interface ITrainingObjective<in TBatch>
{
    /// <summary>
    /// The loss of <paramref name="batch"/> (a scalar with a graph, in the caller's dispose scope), its weight for
    /// averaging over batches (predicted characters or pairs) and the characters it trained on.
    /// </summary>
    ObjectiveResult Compute(TBatch batch);
}

/// <param name="Loss">Scalar loss tensor.</param>
/// <param name="Weight">How much this batch counts in an average over batches.</param>
/// <param name="Tokens">Non-PAD characters the batch fed the model (for tokens/s).</param>
public sealed record ObjectiveResult(Tensor Loss, double Weight, long Tokens);
