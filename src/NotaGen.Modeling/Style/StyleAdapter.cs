using NotaGen.Modeling.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Style;

/// <summary>
/// LoRA-style low-rank updates of one projection, one per style value: Δ(x) = (α / r) · Σ_k w_k · x A_k B_k over the
/// piece's three style values k (period, composer, instrumentation) with mixing weights w_k. B starts at zero, so a
/// fresh adapter leaves the base model's output unchanged; A starts random so B's gradient is not zero.
/// </summary>
public sealed class StyleAdapter : ExplicitModule
{
    private readonly Parameter loraA;
    private readonly Parameter loraB;
    private readonly double scale;

    public StyleAdapter(long styleValues, long inFeatures, long outFeatures, int rank, double alpha, ParameterInit init)
        : base(nameof(StyleAdapter))
    {
        // A: [S, in, r], B: [S, r, out]
        loraA = init.Normal([styleValues, inFeatures, rank], 1.0 / Math.Sqrt(inFeatures));
        loraB = init.Zeros(styleValues, rank, outFeatures);
        scale = alpha / rank;
        register_parameter("lora_a", loraA);
        register_parameter("lora_b", loraB);
    }

    /// <summary>A of every style value, [S, in, r].</summary>
    public Tensor A => loraA;

    /// <summary>B of every style value, [S, r, out].</summary>
    public Tensor B => loraB;

    // x: [B, T, in] → Δ: [B, T, out]
    public Tensor forward(Tensor x, StyleContext style)
    {
        var rows = style.AdapterRows;                        // [B, K] long
        var (batch, k) = (rows.shape[0], rows.shape[1]);
        var a = loraA.index_select(0, rows.view(-1)).view(batch, k, loraA.shape[1], loraA.shape[2]); // [B, K, in, r]
        var b = loraB.index_select(0, rows.view(-1)).view(batch, k, loraB.shape[1], loraB.shape[2]); // [B, K, r, out]
        var low = einsum("bti,bkir->bktr", x, a);           // [B, K, T, r]
        low = low * style.AdapterWeights.to(x.dtype).view(batch, k, 1, 1);
        return einsum("bktr,bkro->bto", low, b).mul_(scale); // [B, T, out]
    }
}
