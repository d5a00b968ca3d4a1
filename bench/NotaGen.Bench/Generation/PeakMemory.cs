namespace NotaGen.Generation.Benchmarks;

/// <summary>The process's peak resident memory (VmHWM on Linux; the runtime's peak working set elsewhere).</summary>
public static class PeakMemory
{
    public static double Megabytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    continue;
                var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kilobytes / 1024.0;
            }
        }
        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
