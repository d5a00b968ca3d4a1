using static TorchSharp.torch;

namespace NotaGen.Modeling.Runtime;

/// <summary>
/// Process-wide torch settings from command-line options: the device (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>) and
/// the intra-op thread count. Nothing in the model assumes the CPU; CUDA needs a CUDA libtorch package
/// (environment.md).
/// </summary>
public static class TorchRuntime
{
    /// <summary>Parses a device name; fails with a clear message when CUDA is asked for but not available.</summary>
    public static Device ParseDevice(string name)
    {
        var normalized = name.Trim().ToLowerInvariant();
        if (normalized == "cpu") return CPU;
        if (normalized == "cuda" || normalized.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
                throw new ArgumentException(
                    $"Device '{name}' is not available: this build uses the CPU libtorch (see environment.md to switch to a CUDA package).");
            return new Device(normalized);
        }
        throw new ArgumentException($"Unknown device '{name}'; use cpu, cuda or cuda:N.");
    }

    /// <summary>Sets the intra-op thread count (results differ between thread counts: pin it for golden tests).</summary>
    public static void SetThreads(int? threads)
    {
        if (threads is null) return;
        if (threads < 1) throw new ArgumentException($"Thread count must be at least 1, got {threads}.");
        set_num_threads(threads.Value);
    }
}
