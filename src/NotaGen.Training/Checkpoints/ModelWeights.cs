using NotaGen.Modeling;
using static TorchSharp.torch;

namespace NotaGen.Training.Checkpoints;

/// <summary>Copies a model's parameters to and from name → tensor maps (NotaGen's state-dict names).</summary>
public static class ModelWeights
{
    /// <summary>CPU copies of every parameter and buffer.</summary>
    public static Dictionary<string, Tensor> Copy(NotaGenModel model)
    {
        var copy = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in model.state_dict())
            copy[name] = tensor.detach().cpu().clone().DetachFromDisposeScope();
        return copy;
    }

    /// <summary>
    /// Copies matching tensors into the model. Strict: every model tensor must be present with its shape (a resume).
    /// Not strict: tensors the source lacks keep their initial values, e.g. style tables added for fine-tuning a
    /// pre-trained model; a present tensor of the wrong shape is still an error. Returns the names not loaded.
    /// </summary>
    public static IReadOnlyList<string> Load(NotaGenModel model, IReadOnlyDictionary<string, Tensor> weights, bool strict)
    {
        var missing = new List<string>();
        using var noGrad = no_grad();
        foreach (var (name, target) in model.state_dict())
        {
            if (!weights.TryGetValue(name, out var source))
            {
                missing.Add(name);
                continue;
            }
            if (!source.shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"Weight '{name}' has shape [{string.Join(", ", source.shape)}]; the model needs [{string.Join(", ", target.shape)}].");
            target.copy_(source);
        }
        if (strict && missing.Count > 0)
            throw new InvalidDataException($"The checkpoint lacks {missing.Count} of the model's weights, e.g. '{missing[0]}'.");
        return missing;
    }

    /// <summary>The model a checkpoint holds (its configuration and weights), on <paramref name="device"/> (default CPU).</summary>
    public static NotaGenModel FromCheckpoint(string path, Device? device = null)
    {
        using var stored = TrainingCheckpoint.Read(path);
        var model = NotaGenModel.Create(stored.ModelConfig, device);
        try
        {
            Load(model, stored.Model, strict: true);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
