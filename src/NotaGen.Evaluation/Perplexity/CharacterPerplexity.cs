using NotaGen.Corpus.Output;
using NotaGen.Modeling;
using NotaGen.Modeling.Conditioning;
using NotaGen.Tokenization;
using NotaGen.Training.Data;
using NotaGen.Training.Loop;
using static TorchSharp.torch;

namespace NotaGen.Evaluation.Perplexity;

/// <summary>
/// A model's character perplexity on a set of pieces.
/// <paramref name="Pieces"/>: pieces scored; <paramref name="Skipped"/>: pieces the tokenizer refused;
/// <paramref name="Characters"/>: characters predicted (every non-PAD character of every patch but the BOS patch, EOS
/// ids included, as in the training loss); <paramref name="MeanLoss"/>: mean negative log-likelihood per predicted
/// character, in nats.
/// </summary>
public sealed record PerplexityResult(int Pieces, int Skipped, long Characters, double MeanLoss)
{
    /// <summary>exp(mean loss per character).</summary>
    public double Perplexity => Math.Exp(MeanLoss);

    public double BitsPerCharacter => MeanLoss / Math.Log(2);
}

/// <summary>
/// Character perplexity on a split, with the training loss itself (<see cref="LanguageModelObjective"/>, NotaGen's
/// next-character cross-entropy) over the batches validation uses: no augmentation, head crop to the context, file
/// order; each batch's mean loss is weighted by the characters it predicts, so the result is the mean over all
/// characters whatever the batching. Style labels feed the model's style mechanisms as in training.
/// </summary>
public static class CharacterPerplexity
{
    /// <param name="model">The model (put in eval mode; gradients off while scoring).</param>
    /// <param name="pieces">The pieces to score (one split).</param>
    /// <param name="batchPatches">Padded patches per batch.</param>
    /// <param name="progress">Called after every batch with (pieces done, pieces in all, mean loss so far).</param>
    /// <param name="cancellation">Checked before every batch (throws <see cref="OperationCanceledException"/>).</param>
    public static PerplexityResult Measure(NotaGenModel model, IReadOnlyList<CorpusPiece> pieces, int batchPatches = 2048, Action<int, int, double>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pieces);
        var config = model.Config;
        var encoder = new PieceEncoder(new BarPatchTokenizer(config.PatchLength), KeyAugmentations.Get("none"), new ModelConditioning(config).Vocabulary);
        var dataset = TrainingDataset.Create(pieces, encoder);
        if (dataset.Count == 0)
            throw new ArgumentException($"none of the {pieces.Count} pieces could be encoded, so there is nothing to score");
        var plan = EpochPlan.ForEvaluation(dataset, encoder, new TokenBudgetBatcher(batchPatches));
        var objective = new LanguageModelObjective(model);
        var wasTraining = model.training;
        model.eval();
        try
        {
            double sum = 0;
            long characters = 0;
            var done = 0;
            using var noGrad = no_grad();
            for (var b = 0; b < plan.Batches.Count; b++)
            {
                cancellation.ThrowIfCancellationRequested();
                var batchPieces = plan.PiecesOf(b);
                using var scope = NewDisposeScope();
                using var batch = PatchBatch.Create(batchPieces, model.Device);
                var result = objective.Compute(batch);
                // Loss is the batch's mean over its predicted characters; Weight counts them.
                sum += result.Loss.to(ScalarType.Float64).item<double>() * result.Weight;
                characters += (long)result.Weight;
                done += batchPieces.Count;
                progress?.Invoke(done, dataset.Count, sum / characters);
            }
            return new PerplexityResult(dataset.Count, dataset.Skipped.Count, characters, sum / characters);
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }
}
