using static TorchSharp.torch;

namespace NotaGen.Generation.Decoding;

/// <summary>
/// The two levels of NotaGen's decoder as the generation loop drives them. <see cref="ModelDecoder"/> implements it over
/// NotaGen.Modeling's model; tests may implement it with scripted logits to check the loop's mechanics.
/// </summary>
public interface IHierarchicalDecoder
{
    /// <summary>Positions of the patch level (NotaGen's PATCH_LENGTH).</summary>
    int ContextPatches { get; }

    /// <summary>
    /// Patch level: runs patch ids <c>[batch, n, 16]</c> placed after what <paramref name="cache"/> already holds
    /// (a null cache: a fresh run from position 0) and returns the final hidden states <c>[batch, n, hidden]</c>.
    /// </summary>
    Tensor PatchForward(Tensor patches, IDisposable? cache);

    /// <summary>An empty key/value cache for <see cref="PatchForward"/>.</summary>
    IDisposable NewPatchCache();

    /// <summary>
    /// Character level: with <paramref name="patchHidden"/> <c>[batch, hidden]</c> given, position 0 is that state and
    /// <paramref name="chars"/> <c>[batch, m]</c> follow at positions 1..m; without it the chars continue after what
    /// <paramref name="cache"/> holds. Returns logits <c>[batch, positions, 128]</c> for the positions run.
    /// </summary>
    Tensor CharForward(Tensor? patchHidden, Tensor chars, IDisposable? cache);

    /// <summary>An empty key/value cache for <see cref="CharForward"/>.</summary>
    IDisposable NewCharCache();
}
