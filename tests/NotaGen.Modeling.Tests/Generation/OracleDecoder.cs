using NotaGen.Generation.Decoding;
using NotaGen.Modeling.Style;
using NotaGen.Tokenization;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Generation;

/// <summary>
/// A test double for the loop's mechanics: a "model" that knows one document's training patches and, at patch
/// position p, puts all its logit mass on the characters of patch p+1 (EOS beyond the end). Its hidden state is
/// the patch position, so it checks that the loop conditions the character level on the right patch, keeps its
/// caches aligned, and turns patches into text and stops the way NotaGen does. It ignores the characters fed back.
/// </summary>
internal sealed class OracleDecoder(IReadOnlyList<Patch> target, int contextPatches = 2048) : IHierarchicalDecoder
{
    private const float Peak = 30f;

    public int ContextPatches => contextPatches;

    public int PatchForwardCalls { get; private set; }

    public int CharForwardCalls { get; private set; }

    public Tensor PatchForward(Tensor patches, IDisposable? cache, StyleLabels? style)
    {
        PatchForwardCalls++;
        var (batch, count) = (patches.shape[0], patches.shape[1]);
        var state = (Cache?)cache;
        var offset = state?.Length ?? 0;
        if (state is not null)
            state.Length += (int)count;
        Assert.True(offset + count <= contextPatches, $"patch position {offset + count} beyond the context {contextPatches}");
        var positions = arange(offset, offset + count, dtype: ScalarType.Float32);
        return positions.reshape(1, count, 1).expand(batch, count, 1).contiguous();
    }

    public IDisposable NewPatchCache() => new Cache();

    public Tensor CharStart(Tensor patchStates, IDisposable cache)
    {
        var state = (Cache)cache;
        state.Rows = Rows(patchStates);
        state.Length = 0;
        return Logits(state.Rows, 0);
    }

    public Tensor CharStep(Tensor chars, IDisposable cache)
    {
        var state = (Cache)cache;
        state.Length++;
        return Logits(state.Rows!, state.Length);
    }

    public Tensor CharNextLogits(Tensor patchStates, Tensor prefix)
    {
        CharForwardCalls++;
        return Logits(Rows(patchStates), (int)prefix.shape[1]);
    }

    public IDisposable NewCharCache() => new Cache();

    private static int[] Rows(Tensor patchStates) => patchStates[.., 0].to(ScalarType.Int32).data<int>().ToArray();

    // Logits [B, 128] for character slot `slot` of the patch after each row's patch position.
    private Tensor Logits(int[] rows, int slot)
    {
        var logits = new float[rows.Length * PatchVocabulary.Size];
        for (var b = 0; b < rows.Length; b++)
        {
            var next = rows[b] + 1;
            var id = next < target.Count && slot < PatchVocabulary.PatchSize ? target[next][slot] : PatchVocabulary.Eos;
            logits[(b * PatchVocabulary.Size) + id] = Peak;
        }
        return tensor(logits, [rows.Length, PatchVocabulary.Size]);
    }

    private sealed class Cache : IDisposable
    {
        public int Length { get; set; }

        public int[]? Rows { get; set; }

        public void Dispose()
        {
        }
    }
}
