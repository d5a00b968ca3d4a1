using System.Buffers;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Inference;

/// <summary>The parameters of a module as float32 memory, looked up by name, for the managed-code decoders.</summary>
internal static class HostWeights
{
    /// <summary>
    /// Every parameter of <paramref name="module"/> as memory; the lookup takes names after <paramref name="prefix"/>.
    /// Contiguous float32 CPU parameters are views of the tensors' own memory, not copies: a second copy of the
    /// layers doubled the resident size of a generating model (NotaGen-large: 2 GB of weights). Views see later
    /// in-place changes of the parameters and live as long as the module; other parameters are copied.
    /// </summary>
    public static Func<string, ReadOnlyMemory<float>> View(nn.Module module, string prefix)
    {
        var weights = new Dictionary<string, ReadOnlyMemory<float>>();
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (parameter.dtype == ScalarType.Float32 && parameter.device_type == TorchSharp.DeviceType.CPU && parameter.is_contiguous())
            {
                weights[name] = new TensorMemory(parameter).Memory;
                continue;
            }
            using var scope = NewDisposeScope();
            weights[name] = parameter.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        }
        return name => weights.TryGetValue(prefix + name, out var w)
            ? w : throw new InvalidOperationException($"The module has no parameter '{prefix}{name}'.");
    }

    /// <summary>[rows, columns] → [columns, rows].</summary>
    public static float[] Transpose(ReadOnlySpan<float> matrix, int rows, int columns)
    {
        var result = new float[matrix.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                result[(c * rows) + r] = matrix[(r * columns) + c];
        return result;
    }

    /// <summary>The memory of a contiguous float32 CPU tensor; holds the tensor so its storage outlives the view.</summary>
    private sealed unsafe class TensorMemory(Tensor tensor) : MemoryManager<float>
    {
        // Kept so the tensor (and its storage, which never moves) is not collected while the view is in use.
        private readonly Tensor tensor = tensor;
        private readonly float* start = (float*)tensor.storage<float>().data_ptr() + tensor.storage_offset();
        private readonly int length = checked((int)tensor.numel());

        public Tensor Tensor => tensor;

        public override Span<float> GetSpan() => new(start, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
            // The tensor belongs to the module; nothing to release here.
        }
    }
}
