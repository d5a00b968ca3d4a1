using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Inference;
using static TorchSharp.torch;

namespace NotaGen.Generation.Decoding;

/// <summary>
/// The two levels of NotaGen's decoder as the generation loop drives them. <see cref="ModelDecoder"/> implements it over
/// <see cref="NotaGen.Modeling.NotaGenModel"/>; tests may implement it with scripted logits to check the loop's mechanics.
/// </summary>
public interface IHierarchicalDecoder
{
    /// <summary>Positions of the patch level (NotaGen's PATCH_LENGTH).</summary>
    int ContextPatches { get; }

    /// <summary>
    /// Patch level: runs patch ids <c>[B, n, 16]</c> placed after what <paramref name="cache"/> already holds
    /// (a null cache: a fresh run from position 0) and returns the final hidden states <c>[B, n, hidden]</c>.
    /// <paramref name="mask"/> <c>[B, n]</c> marks real patches (true) and batch padding (false); null = all real.
    /// Positions count real patches only, so padding may sit anywhere. <paramref name="styles"/>: one label per row, or null.
    /// </summary>
    Tensor PatchForward(Tensor patches, Tensor? mask, IDisposable? cache, IReadOnlyList<StyleRows>? styles);

    /// <summary>An empty key/value cache for <see cref="PatchForward"/>.</summary>
    IDisposable NewPatchCache();

    /// <summary>Character level, cached: feeds the patch states <c>[B, hidden]</c> into an empty cache; logits <c>[B, 128]</c> of the first character.</summary>
    Tensor CharStart(Tensor patchStates, IDisposable cache);

    /// <summary>Character level, cached: feeds one character per row <c>[B]</c>; logits <c>[B, 128]</c> of the next one.</summary>
    Tensor CharStep(Tensor chars, IDisposable cache);

    /// <summary>Character level, recomputing (NotaGen's reference): logits <c>[B, 128]</c> after patch states <c>[B, hidden]</c> and a prefix <c>[B, n]</c>.</summary>
    Tensor CharNextLogits(Tensor patchStates, Tensor prefix);

    /// <summary>An empty key/value cache for one patch of the character level.</summary>
    IDisposable NewCharCache();

    /// <summary>
    /// A managed-code snapshot of the character level for cached steps on the host (one per generation run), or null to
    /// run the cached character level through <see cref="CharStart"/> / <see cref="CharStep"/>.
    /// </summary>
    HostCharDecoder? CreateHostCharLevel() => null;

    /// <summary>
    /// A managed-code snapshot of the patch level for cached one-piece steps on the host (one per generation run), or
    /// null to step the patch level through <see cref="PatchForward"/>. Its <c>Load</c> reads caches made by
    /// <see cref="NewPatchCache"/>.
    /// </summary>
    HostPatchDecoder? CreateHostPatchLevel() => null;
}
