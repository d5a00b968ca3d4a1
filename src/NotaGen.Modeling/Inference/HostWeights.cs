using static TorchSharp.torch;

namespace NotaGen.Modeling.Inference;

/// <summary>Float32 host copies of a module's parameters, looked up by name, for the managed-code decoders.</summary>
internal static class HostWeights
{
    /// <summary>Copies every parameter of <paramref name="module"/>; the lookup takes names after <paramref name="prefix"/>.</summary>
    public static Func<string, float[]> Snapshot(nn.Module module, string prefix)
    {
        var weights = new Dictionary<string, float[]>();
        using (var scope = NewDisposeScope())
        {
            foreach (var (name, parameter) in module.named_parameters())
                weights[name] = parameter.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        }
        return name => weights.TryGetValue(prefix + name, out var w)
            ? w : throw new InvalidOperationException($"The module has no parameter '{prefix}{name}'.");
    }

    /// <summary>[rows, columns] → [columns, rows].</summary>
    public static float[] Transpose(float[] matrix, int rows, int columns)
    {
        var result = new float[matrix.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                result[(c * rows) + r] = matrix[(r * columns) + c];
        return result;
    }
}
