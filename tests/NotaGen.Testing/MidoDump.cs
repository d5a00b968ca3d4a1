using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotaGen.Testing;

/// <summary>What python3-mido, an independent MIDI implementation, reads from a file (see mido_dump.py).</summary>
public sealed record MidoFile(
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("ticks_per_beat")] int TicksPerBeat,
    [property: JsonPropertyName("length")] double Length,
    [property: JsonPropertyName("tracks")] List<MidoTrack> Tracks);

/// <summary>Notes are [channel, key, onset tick, duration ticks, velocity], sorted.</summary>
public sealed record MidoTrack(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("notes")] List<long[]> Notes,
    [property: JsonPropertyName("programs")] List<long[]> Programs,
    [property: JsonPropertyName("tempos")] List<long[]> Tempos,
    [property: JsonPropertyName("meters")] List<long[]> Meters,
    [property: JsonPropertyName("keys")] List<JsonElement[]> Keys,
    [property: JsonPropertyName("end")] long End);

/// <summary>Runs mido_dump.py (copied beside every test assembly that references this project) over MIDI files.</summary>
public static class MidoDump
{
    public static IReadOnlyList<MidoFile> Read(params string[] paths)
    {
        var python = ExternalTool.RequirePythonModule("mido", "python3-mido");
        var script = Path.Combine(AppContext.BaseDirectory, "mido_dump.py");
        var result = ExternalTool.Run(python, [script, .. paths], Path.GetTempPath(), TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"mido failed: {result.StandardError}");
        return JsonSerializer.Deserialize<List<MidoFile>>(result.StandardOutput)!;
    }
}
