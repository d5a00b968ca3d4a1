using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace NotaGen.Web.Settings;

/// <summary>
/// What <c>notagen serve</c> runs with: the model, where it listens, and the limits that keep two cores usable for
/// everyone (one generation at a time, a bounded queue, bounded bars, wall time and request size). Read from the
/// configuration section <c>NotaGen</c>, so the CLI, the standalone host and the tests set them the same way.
/// </summary>
public sealed record ServerSettings
{
    public const string Section = "NotaGen";

    /// <summary>Model directory; null = the bundled model.</summary>
    public string? Model { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 7861;

    /// <summary>The address Kestrel listens on (an IPv6 host in brackets).</summary>
    public string Url => $"http://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    /// <summary>Torch intra-op threads; one leaves the other core to the web server on a 2-core machine.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Requests waiting behind the running one; more are refused with "the queue is full".</summary>
    public int MaxQueue { get; init; } = 32;

    /// <summary>Most bars a request may ask for (new piece or continuation).</summary>
    public int MaxBars { get; init; } = 32;

    /// <summary>Wall time one generation may take before it stops (its piece is kept as far as written).</summary>
    public double MaxSeconds { get; init; } = 120;

    /// <summary>Largest request body (form fields and uploaded score together).</summary>
    public long MaxRequestBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Finished pieces kept in memory; the oldest go first.</summary>
    public int MaxPieces { get; init; } = 32;

    /// <summary>Synthesizer for the WAV: auto (FluidSynth when installed), builtin or fluidsynth.</summary>
    public string Synth { get; init; } = "auto";

    public static ServerSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new ServerSettings();
        var settings = new ServerSettings
        {
            Model = section["Model"] is { Length: > 0 } model ? model : null,
            Host = section["Host"] ?? defaults.Host,
            Port = Int(section, "Port", defaults.Port),
            Threads = Int(section, "Threads", defaults.Threads),
            MaxQueue = Int(section, "MaxQueue", defaults.MaxQueue),
            MaxBars = Int(section, "MaxBars", defaults.MaxBars),
            MaxSeconds = Number(section, "MaxSeconds", defaults.MaxSeconds),
            MaxRequestBytes = Int(section, "MaxRequestBytes", defaults.MaxRequestBytes),
            MaxPieces = Int(section, "MaxPieces", defaults.MaxPieces),
            Synth = section["Synth"] ?? defaults.Synth,
        };
        settings.Validate();
        return settings;
    }

    /// <summary>The settings as configuration entries (<c>NotaGen:Key</c>), the inverse of <see cref="From"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration()
    {
        string? S(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
        yield return new($"{Section}:Model", Model);
        yield return new($"{Section}:Host", Host);
        yield return new($"{Section}:Port", S(Port));
        yield return new($"{Section}:Threads", S(Threads));
        yield return new($"{Section}:MaxQueue", S(MaxQueue));
        yield return new($"{Section}:MaxBars", S(MaxBars));
        yield return new($"{Section}:MaxSeconds", S(MaxSeconds));
        yield return new($"{Section}:MaxRequestBytes", S(MaxRequestBytes));
        yield return new($"{Section}:MaxPieces", S(MaxPieces));
        yield return new($"{Section}:Synth", Synth);
    }

    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"--port must be 0..65535, got {Port}");
        if (Threads < 1) throw new ArgumentException($"threads must be at least 1, got {Threads}");
        if (MaxQueue < 0) throw new ArgumentException($"the queue length must not be negative, got {MaxQueue}");
        if (MaxBars < 1) throw new ArgumentException($"the bar limit must be at least 1, got {MaxBars}");
        if (!(MaxSeconds > 0)) throw new ArgumentException($"the time limit must be positive, got {MaxSeconds}");
        if (MaxRequestBytes < 1024) throw new ArgumentException($"the request size limit must be at least 1024 bytes, got {MaxRequestBytes}");
        if (MaxPieces < 1) throw new ArgumentException($"at least one piece must be kept, got {MaxPieces}");
        if (Synth is not ("auto" or "builtin" or "fluidsynth")) throw new ArgumentException($"--synth must be auto, builtin or fluidsynth, got '{Synth}'");
    }

    private static int Int(IConfigurationSection section, string key, int fallback) =>
        section[key] is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
                : throw new ArgumentException($"{Section}:{key} must be an integer, got '{text}'")
            : fallback;

    private static long Int(IConfigurationSection section, string key, long fallback) =>
        section[key] is { } text
            ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
                : throw new ArgumentException($"{Section}:{key} must be an integer, got '{text}'")
            : fallback;

    private static double Number(IConfigurationSection section, string key, double fallback) =>
        section[key] is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
                : throw new ArgumentException($"{Section}:{key} must be a number, got '{text}'")
            : fallback;
}
