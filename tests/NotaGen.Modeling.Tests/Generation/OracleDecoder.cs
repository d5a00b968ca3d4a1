using NotaGen.Generation.Decoding;
using NotaGen.Modeling.Configuration;
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

    public Tensor PatchForward(Tensor patches, Tensor? mask, IDisposable? cache, IReadOnlyList<StyleRows>? styles)
    {
        PatchForwardCalls++;
        var (batch, count) = ((int)patches.shape[0], (int)patches.shape[1]);
        var state = (Cache?)cache;
        var real = mask?.data<bool>().ToArray();
        state?.RealCounts ??= new int[batch];
        var hidden = new float[batch * count];
        for (var b = 0; b < batch; b++)
        {
            // Positions count real patches only, as the model's do.
            var position = state?.RealCounts![b] ?? 0;
            for (var t = 0; t < count; t++)
            {
                var isReal = real is null || real[(b * count) + t];
                hidden[(b * count) + t] = isReal ? position : -1;
                if (isReal)
                    position++;
            }
            Assert.True(position <= contextPatches, $"patch position {position} beyond the context {contextPatches}");
            if (state is not null)
                state.RealCounts![b] = position;
        }
        return tensor(hidden, [batch, count, 1]);
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

        public int[]? RealCounts { get; set; }

        public void Dispose()
        {
        }
    }
}
