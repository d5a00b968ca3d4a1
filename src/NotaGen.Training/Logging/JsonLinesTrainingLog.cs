using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotaGen.Training.Logging;

/// <summary>
/// Appends one JSON object per entry to <c>log.jsonl</c>, flushed per line so a live reader (the notebook's plot)
/// sees every step. After a resume, steps past the last checkpoint that the killed run had logged appear twice;
/// readers keep the later line for a step.
/// </summary>
public sealed class JsonLinesTrainingLog(string path) : ITrainingObserver, IDisposable
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly StreamWriter writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };

    public string Path => path;

    public void Report(TrainingLogEntry entry) => writer.WriteLine(JsonSerializer.Serialize(entry, Options));

    public static IReadOnlyList<TrainingLogEntry> Read(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<TrainingLogEntry>(l, Options)!).ToList();

    public void Dispose() => writer.Dispose();
}
