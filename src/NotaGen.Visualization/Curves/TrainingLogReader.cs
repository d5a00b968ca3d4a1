using System.Text.Json;

namespace NotaGen.Visualization.Curves;

/// <summary>
/// Reads the trainer's JSON Lines log (snake_case fields: kind, step, loss, evaluation_loss, learning_rate,
/// tokens_per_second, elapsed_seconds). A half-written last line (the trainer is still appending) is skipped; a bad line
/// elsewhere is an error naming the file and line.
/// </summary>
public static class TrainingLogReader
{
    public static IReadOnlyList<TrainingLogPoint> Read(string path)
    {
        string[] lines;
        // The trainer holds the file open for writing: share it so a live reader does not fail.
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream))
            lines = reader.ReadToEnd().Split('\n');
        var points = new List<TrainingLogPoint>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            try
            {
                points.Add(Parse(line));
            }
            catch (JsonException e) when (i == lines.Length - 1)
            {
                _ = e; // the line being written right now
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{path}:{i + 1}: not a training log line: {e.Message}", e);
            }
        }
        return points;
    }

    public static TrainingLogPoint Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        double? Number(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
        var kind = root.TryGetProperty("kind", out var k) ? k.GetString() ?? "" : throw new FormatException("no 'kind' field");
        return new TrainingLogPoint(
            kind,
            root.TryGetProperty("step", out var step) ? step.GetInt32() : 0,
            Number("loss"),
            Number("evaluation_loss"),
            Number("learning_rate"),
            Number("tokens_per_second"),
            Number("elapsed_seconds") ?? 0);
    }
}
