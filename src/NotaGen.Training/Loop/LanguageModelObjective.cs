using NotaGen.Modeling;
using NotaGen.Training.Data;
using static TorchSharp.torch;

namespace NotaGen.Training.Loop;

/// <summary>
/// Pre-training and fine-tuning: NotaGen's next-character cross-entropy. Conditioning comes in through the batch:
/// prompt lines are text in the patches, style labels feed whichever style mechanisms the model config enables.
/// </summary>
public sealed class LanguageModelObjective(NotaGenModel model) : ITrainingObjective<PatchBatch>
{
    public ObjectiveResult Compute(PatchBatch batch)
    {
        var predictions = model.Predict(batch.Patches, batch.Mask, batch.Styles);
        var predicted = predictions.Labels.ne(CharPredictions.IgnoredLabel).sum().item<long>();
        return new ObjectiveResult(predictions.Loss(), predicted, batch.CharacterCount);
    }
}
