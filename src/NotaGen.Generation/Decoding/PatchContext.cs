using NotaGen.Modeling.Caching;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Inference;
using NotaGen.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Generation.Decoding;

/// <summary>
/// The patch-level context of one piece: the full patches the model sees and the hidden state of the last one, which
/// conditions the character level. Two strategies: a key/value cache that grows patch by patch, or NotaGen's reference
/// behaviour of re-running the whole context for every patch.
/// </summary>
internal abstract class PatchContext : IDisposable
{
    protected PatchContext(IHierarchicalDecoder decoder, StyleRows? style)
    {
        Decoder = decoder;
        Style = style;
    }

    protected IHierarchicalDecoder Decoder { get; }

    protected StyleRows? Style { get; }

    protected IReadOnlyList<StyleRows>? Styles => Style is { } s ? [s] : null;

    /// <summary>Full patches in the context.</summary>
    public abstract int Count { get; }

    /// <summary>Replaces the whole context (start, or a stream rebuild).</summary>
    public abstract void Reset(IReadOnlyList<Patch> patches);

    public abstract void Append(Patch patch);

    /// <summary>Hidden state after the last patch, <c>[1, hidden]</c>; owned by the caller.</summary>
    public abstract Tensor LastHidden();

    public static PatchContext Create(IHierarchicalDecoder decoder, bool cached, StyleRows? style, HostPatchDecoder? host = null) =>
        cached ? new CachedPatchContext(decoder, style, host) : new RecomputedPatchContext(decoder, style);

    protected static Tensor ToTensor(IReadOnlyList<Patch> patches)
    {
        var ids = new long[patches.Count * PatchVocabulary.PatchSize];
        for (var p = 0; p < patches.Count; p++)
        {
            for (var c = 0; c < PatchVocabulary.PatchSize; c++)
                ids[(p * PatchVocabulary.PatchSize) + c] = patches[p][c];
        }
        return tensor(ids, [1, patches.Count, PatchVocabulary.PatchSize]);
    }

    public abstract void Dispose();
}

/// <summary>
/// The cached strategy: each new patch costs one single-position step. With a <see cref="HostPatchDecoder"/>, the
/// prompt (and every stream rebuild) runs through the decoder with a TorchSharp cache, which is then copied into a
/// managed context; each further patch is a managed step.
/// </summary>
internal sealed class CachedPatchContext(IHierarchicalDecoder decoder, StyleRows? style, HostPatchDecoder? host) : PatchContext(decoder, style)
{
    private IDisposable? _cache;
    private HostPatchState? _hostState;
    private Tensor? _last;
    private int _count;

    public override int Count => _count;

    public override void Reset(IReadOnlyList<Patch> patches)
    {
        _cache?.Dispose();
        _cache = Decoder.NewPatchCache();
        _count = 0;
        Run(patches);
        if (host is null)
            return;
        _hostState ??= host.NewState(Style);
        if (_last is null)
            _hostState.Clear();
        else
            host.Load(_hostState, (DecoderCache)_cache, _last.data<float>().ToArray());
        _cache.Dispose();
        _cache = null;
    }

    public override void Append(Patch patch)
    {
        if (_hostState is null)
        {
            Run([patch]);
            return;
        }
        host!.Step(_hostState, patch.ToArray());
        _last?.Dispose();
        _last = tensor(_hostState.Last, [1, _hostState.Last.Length]).DetachFromDisposeScope();
        _count++;
    }

    public override Tensor LastHidden() =>
        _last?.clone() ?? throw new InvalidOperationException("the context is empty");

    private void Run(IReadOnlyList<Patch> patches)
    {
        if (patches.Count == 0)
            return;
        using var scope = NewDisposeScope();
        var hidden = Decoder.PatchForward(ToTensor(patches), null, _cache, Styles);
        _last?.Dispose();
        _last = hidden[.., -1].to(ScalarType.Float32).contiguous().clone().DetachFromDisposeScope();
        _count += patches.Count;
    }

    public override void Dispose()
    {
        _cache?.Dispose();
        _last?.Dispose();
    }
}

/// <summary>NotaGen's reference strategy: the whole context is run again whenever a hidden state is needed.</summary>
internal sealed class RecomputedPatchContext(IHierarchicalDecoder decoder, StyleRows? style) : PatchContext(decoder, style)
{
    private readonly List<Patch> _patches = [];

    public override int Count => _patches.Count;

    public override void Reset(IReadOnlyList<Patch> patches)
    {
        _patches.Clear();
        _patches.AddRange(patches);
    }

    public override void Append(Patch patch) => _patches.Add(patch);

    public override Tensor LastHidden()
    {
        using var scope = NewDisposeScope();
        var hidden = Decoder.PatchForward(ToTensor(_patches), null, null, Styles);
        return hidden[.., -1].clone().MoveToOuterDisposeScope();
    }

    public override void Dispose()
    {
    }
}
