using NotaGen.Generation.Decoding;
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

    public Tensor PatchForward(Tensor patches, IDisposable? cache)
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

    public Tensor CharForward(Tensor? patchHidden, Tensor chars, IDisposable? cache)
    {
        CharForwardCalls++;
        var batch = (int)chars.shape[0];
        var state = (Cache?)cache;
        int[] rows;
        int first;
        if (patchHidden is not null)
        {
            rows = patchHidden[.., 0].to(ScalarType.Int32).data<int>().ToArray();
            first = 0;
            if (state is not null)
                state.Rows = rows;
        }
        else
        {
            rows = state!.Rows!;
            first = state.Length;
        }
        var positions = (int)chars.shape[1] + (patchHidden is null ? 0 : 1);
        if (state is not null)
            state.Length = first + positions;

        var logits = new float[batch * positions * PatchVocabulary.Size];
        for (var b = 0; b < batch; b++)
        {
            for (var s = 0; s < positions; s++)
            {
                var next = rows[b] + 1;
                var slot = first + s;
                var id = next < target.Count && slot < PatchVocabulary.PatchSize ? target[next][slot] : PatchVocabulary.Eos;
                logits[(((b * positions) + s) * PatchVocabulary.Size) + id] = Peak;
            }
        }
        return tensor(logits, [batch, positions, PatchVocabulary.Size]);
    }

    public IDisposable NewCharCache() => new Cache();

    private sealed class Cache : IDisposable
    {
        public int Length { get; set; }

        public int[]? Rows { get; set; }

        public void Dispose()
        {
        }
    }
}
