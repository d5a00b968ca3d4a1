using NotaGen.Modeling;
using NotaGen.Modeling.Caching;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Inference;
using static TorchSharp.torch;

namespace NotaGen.Generation.Decoding;

/// <summary>
/// <see cref="IHierarchicalDecoder"/> over a <see cref="NotaGenModel"/>. Puts the model in eval mode (no dropout while
/// generating). Style labels reach the patch level only, where the model's style mechanisms live.
/// </summary>
public sealed class ModelDecoder : IHierarchicalDecoder
{
    private readonly NotaGenModel _model;

    public ModelDecoder(NotaGenModel model)
    {
        _model = model;
        _model.eval();
    }

    public int ContextPatches => _model.Config.PatchLength;

    public Tensor PatchForward(Tensor patches, Tensor? mask, IDisposable? cache, IReadOnlyList<StyleRows>? styles)
    {
        using var styleContext = styles is null ? null : _model.StyleFor(styles);
        return _model.PatchLevel.forward(patches.to(_model.Device), mask?.to(_model.Device), styleContext, (DecoderCache?)cache);
    }

    public IDisposable NewPatchCache() => _model.NewPatchCache();

    public Tensor CharStart(Tensor patchStates, IDisposable cache) =>
        _model.CharLevel.Start(patchStates, (DecoderCache)cache);

    public Tensor CharStep(Tensor chars, IDisposable cache) =>
        _model.CharLevel.Step(chars.to(_model.Device), (DecoderCache)cache);

    public Tensor CharNextLogits(Tensor patchStates, Tensor prefix) =>
        _model.CharLevel.NextLogits(patchStates, prefix.to(_model.Device));

    public IDisposable NewCharCache() => _model.NewCharCache();

    /// <summary>
    /// On the CPU, a snapshot of the character level in managed code (a GPU keeps its own kernels), its products on
    /// torch's intra-op thread count (<c>--threads</c>; the results do not depend on it).
    /// </summary>
    public HostCharDecoder? CreateHostCharLevel() =>
        _model.Device.type == TorchSharp.DeviceType.CPU ? new HostCharDecoder(_model.CharLevel, _model.Config, TorchSharp.torch.get_num_threads()) : null;

    /// <summary>On the CPU and without style adapters, a snapshot of the patch level in managed code (threads as above).</summary>
    public HostPatchDecoder? CreateHostPatchLevel() =>
        _model.Device.type == TorchSharp.DeviceType.CPU && HostPatchDecoder.Supports(_model.Config)
            ? new HostPatchDecoder(_model.PatchLevel, _model.Config, TorchSharp.torch.get_num_threads()) : null;
}
