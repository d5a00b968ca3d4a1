using System.Numerics;
using System.Runtime.InteropServices;

namespace NotaGen.Modeling.Inference;

/// <summary>
/// The few float32 kernels a one-position GPT-2 step needs, in managed code with SIMD (<see cref="Vector{T}"/>).
/// For the character level's single-character steps each of these is a few microseconds, less than the fixed cost of
/// one TorchSharp operation (~15–20 µs on the build machine, platform.md).
/// </summary>
internal static class HostMath
{
    /// <summary>
    /// y[r, :] = x[r, :] · w + bias (or y += … when <paramref name="accumulate"/>), for rows r. w is [in, out] row-major
    /// (GPT-2's Conv1D layout): each input element scales one contiguous weight row, so the inner loop is a vector axpy
    /// and each weight row is read once for all rows.
    /// </summary>
    public static void MatMul(ReadOnlySpan<float> x, int rows, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y,
        int inputs, int outputs, bool accumulate) =>
        MatMulColumns(x, rows, w, bias, y, inputs, outputs, accumulate, 0, outputs);

    /// <summary>
    /// <see cref="MatMul"/> restricted to the output columns [<paramref name="first"/>, first + <paramref name="count"/>):
    /// every output element is computed by the same operations in the same order as by the whole product, so products
    /// split by columns between threads are bit-identical to one thread's.
    /// </summary>
    public static void MatMulColumns(ReadOnlySpan<float> x, int rows, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y,
        int inputs, int outputs, bool accumulate, int first, int count)
    {
        for (var r = 0; r < rows; r++)
        {
            var yr = y.Slice((r * outputs) + first, count);
            if (!accumulate)
            {
                if (bias.IsEmpty) yr.Clear();
                else bias.Slice(first, count).CopyTo(yr);
            }
            else if (!bias.IsEmpty)
            {
                Add(yr, bias.Slice(first, count));
            }
        }
        var i = 0;
        // Four input elements per pass: one load and store of y per four weight rows.
        for (; i + 3 < inputs; i += 4)
        {
            var w0 = w.Slice((i * outputs) + first, count);
            var w1 = w.Slice(((i + 1) * outputs) + first, count);
            var w2 = w.Slice(((i + 2) * outputs) + first, count);
            var w3 = w.Slice(((i + 3) * outputs) + first, count);
            for (var r = 0; r < rows; r++)
            {
                var xr = x.Slice(r * inputs, inputs);
                Axpy4(xr[i], w0, xr[i + 1], w1, xr[i + 2], w2, xr[i + 3], w3, y.Slice((r * outputs) + first, count));
            }
        }
        for (; i < inputs; i++)
        {
            var wi = w.Slice((i * outputs) + first, count);
            for (var r = 0; r < rows; r++)
                Axpy(x[(r * inputs) + i], wi, y.Slice((r * outputs) + first, count));
        }
    }

    /// <summary>LayerNorm of one vector (biased variance, as torch), written to <paramref name="y"/>.</summary>
    public static void LayerNorm(ReadOnlySpan<float> x, ReadOnlySpan<float> gain, ReadOnlySpan<float> bias, float epsilon, Span<float> y)
    {
        var mean = Sum(x) / x.Length;
        var variance = 0f;
        for (var j = 0; j < x.Length; j++)
        {
            var d = x[j] - mean;
            variance += d * d;
        }
        variance /= x.Length;
        var scale = 1f / MathF.Sqrt(variance + epsilon);
        for (var j = 0; j < x.Length; j++)
            y[j] = ((x[j] - mean) * scale * gain[j]) + bias[j];
    }

    /// <summary>GPT-2's "gelu_new" (tanh approximation), in place.</summary>
    public static void GeluTanh(Span<float> x)
    {
        const float c = 0.7978845608028654f; // √(2/π)
        for (var j = 0; j < x.Length; j++)
        {
            var v = x[j];
            x[j] = 0.5f * v * (1f + MathF.Tanh(c * (v + (0.044715f * v * v * v))));
        }
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var sum = Vector<float>.Zero;
        for (var k = 0; k < va.Length; k++)
            sum += va[k] * vb[k];
        var total = Vector.Sum(sum);
        for (var j = va.Length * Vector<float>.Count; j < a.Length; j++)
            total += a[j] * b[j];
        return total;
    }

    /// <summary>y += a.</summary>
    public static void Add(Span<float> y, ReadOnlySpan<float> a)
    {
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        for (var k = 0; k < vy.Length; k++)
            vy[k] += va[k];
        for (var j = vy.Length * Vector<float>.Count; j < y.Length; j++)
            y[j] += a[j];
    }

    /// <summary>y = a + b.</summary>
    public static void Sum(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (var j = 0; j < y.Length; j++)
            y[j] = a[j] + b[j];
    }

    private static float Sum(ReadOnlySpan<float> x)
    {
        var s = 0f;
        foreach (var v in x)
            s += v;
        return s;
    }

    /// <summary>y += a · w.</summary>
    public static void Axpy(float a, ReadOnlySpan<float> w, Span<float> y)
    {
        if (a == 0f)
            return;
        var vw = MemoryMarshal.Cast<float, Vector<float>>(w);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var va = new Vector<float>(a);
        for (var k = 0; k < vy.Length; k++)
            vy[k] += va * vw[k];
        for (var j = vy.Length * Vector<float>.Count; j < y.Length; j++)
            y[j] += a * w[j];
    }

    // y += a0 · w0 + a1 · w1 + a2 · w2 + a3 · w3
    private static void Axpy4(float a0, ReadOnlySpan<float> w0, float a1, ReadOnlySpan<float> w1, float a2, ReadOnlySpan<float> w2,
        float a3, ReadOnlySpan<float> w3, Span<float> y)
    {
        var v0 = MemoryMarshal.Cast<float, Vector<float>>(w0);
        var v1 = MemoryMarshal.Cast<float, Vector<float>>(w1);
        var v2 = MemoryMarshal.Cast<float, Vector<float>>(w2);
        var v3 = MemoryMarshal.Cast<float, Vector<float>>(w3);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var (b0, b1, b2, b3) = (new Vector<float>(a0), new Vector<float>(a1), new Vector<float>(a2), new Vector<float>(a3));
        for (var k = 0; k < vy.Length; k++)
            vy[k] += (b0 * v0[k]) + (b1 * v1[k]) + (b2 * v2[k]) + (b3 * v3[k]);
        for (var j = vy.Length * Vector<float>.Count; j < y.Length; j++)
            y[j] += (a0 * w0[j]) + (a1 * w1[j]) + (a2 * w2[j]) + (a3 * w3[j]);
    }
}
