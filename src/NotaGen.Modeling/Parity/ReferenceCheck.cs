using static TorchSharp.torch;

namespace NotaGen.Modeling.Parity;

/// <summary>
/// Recomputes a <see cref="NotaGenReference"/> with a workbench model and reports the largest absolute difference of
/// each output: how a researcher proves that an imported checkpoint computes what NotaGen's code computes.
/// </summary>
public static class ReferenceCheck
{
    /// <summary>The tolerance of a successful port (float32 sums in another order stay well below it).</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Output name → max |ours − NotaGen's| (hidden, char_logits, loss, generate_probabilities); NaN counts as infinite.</summary>
    public static IReadOnlyDictionary<string, double> Compare(NotaGenModel model, NotaGenReference reference)
    {
        var config = model.Config;
        if (config.HiddenSize != reference.Hidden || config.PatchLayers != reference.PatchLayers || config.CharLayers != reference.CharLayers
            || config.PatchLength != reference.PatchLength || config.PatchSize != reference.PatchSize)
            throw new ArgumentException(
                $"the reference was computed for hidden {reference.Hidden}, {reference.PatchLayers} + {reference.CharLayers} layers, " +
                $"patch length {reference.PatchLength}, patch size {reference.PatchSize}; the model has hidden {config.HiddenSize}, " +
                $"{config.PatchLayers} + {config.CharLayers} layers, patch length {config.PatchLength}, patch size {config.PatchSize}");
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var count = reference.Patches.Length;
            var patches = tensor(reference.Patches.SelectMany(p => p).ToArray(), [1, count, config.PatchSize], device: model.Device);
            var hidden = model.PatchLevel.forward(patches);                                       // [1, n, H]
            var states = hidden[0].narrow(0, 0, count - 1);
            var targets = patches[0].narrow(0, 1, count - 1);
            var logits = model.CharLevel.NotaGenTrainingLogits(states, targets);                  // [n − 1, 17, V]
            var loss = model.Loss(patches, ones(1, count, ScalarType.Int64, model.Device)).item<float>();
            var prefix = tensor(reference.GeneratePrefix.Skip(1).ToArray(), [1, reference.GeneratePrefix.Length - 1], device: model.Device);
            var probabilities = nn.functional.softmax(model.CharLevel.NextLogits(hidden[0, -1].unsqueeze(0), prefix), -1)[0];
            return new Dictionary<string, double>
            {
                ["hidden"] = MaxDifference(hidden[0], reference.HiddenStates.SelectMany(r => r).ToArray()),
                ["char_logits"] = MaxDifference(logits, reference.CharLogits.SelectMany(m => m.SelectMany(r => r)).ToArray()),
                ["loss"] = double.IsNaN(loss) ? double.PositiveInfinity : Math.Abs(loss - reference.Loss),
                ["generate_probabilities"] = MaxDifference(probabilities, reference.GenerateProbabilities),
            };
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    /// <summary>The outputs whose difference exceeds <see cref="Tolerance"/>.</summary>
    public static IReadOnlyList<string> Failures(IReadOnlyDictionary<string, double> differences) =>
        differences.Where(d => !(d.Value <= Tolerance)).Select(d => d.Key).ToList();

    private static double MaxDifference(Tensor ours, float[] theirs)
    {
        var values = ours.cpu().contiguous().data<float>().ToArray();
        if (values.Length != theirs.Length)
            throw new ArgumentException($"the reference holds {theirs.Length} values where the model computes {values.Length}");
        double max = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var difference = Math.Abs((double)values[i] - theirs[i]);
            if (double.IsNaN(difference)) return double.PositiveInfinity;   // a NaN must fail the check, not pass it
            max = Math.Max(max, difference);
        }
        return max;
    }
}
