using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Runtime;

/// <summary>
/// Process-wide torch settings from command-line options: the device (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>), the
/// intra-op thread count, and OpenMP's wait policy. Nothing in the model assumes the CPU; CUDA needs a CUDA libtorch
/// package (environment.md).
/// </summary>
public static class TorchRuntime
{
    /// <summary>
    /// Call first, before anything touches torch: asks OpenMP to sleep rather than spin between parallel regions
    /// (<c>OMP_WAIT_POLICY=PASSIVE</c>, unless the environment already sets it), then sets the thread count.
    /// Measured on the 2-core build machine while other builds ran: cached decoding of the tiny model with 2 threads
    /// went from 11 to ~900 characters/s; libgomp reads the variable only when it loads, so it must precede torch.
    /// </summary>
    public static void Initialize(int? threads = null)
    {
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            // .NET's Environment.SetEnvironmentVariable does not reach the native environment that libgomp reads.
            try { _ = SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0); }
            catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException) { /* keep the default policy */ }
        }
        SetThreads(threads);
    }

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

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);
}
