using System.Text.Json;
using NotaGen.Music;
using NotaGen.Music.IO;

namespace NotaGen.Training.Data;

/// <summary>
/// Reads the corpus's JSON Lines. A malformed line is an error naming the file and line (training on a silently
/// shrunken corpus would be worse than stopping); blank lines are skipped.
/// </summary>
public static class TrainingPieceReader
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    /// <summary>The pieces of <paramref name="path"/>, only those of <paramref name="split"/> when given.</summary>
    public static IReadOnlyList<TrainingPiece> Read(string path, string? split = null)
    {
        var pieces = new List<TrainingPiece>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var piece = Parse(line, path, number);
            if (split is null || piece.Split == split) pieces.Add(piece);
        }
        return pieces;
    }

    public static TrainingPiece Parse(string line, string file = "<input>", int lineNumber = 1)
    {
        TrainingPiece? piece;
        try
        {
            piece = JsonSerializer.Deserialize<TrainingPiece>(line, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new MusicFormatException(file, $"{lineNumber}:{(e.BytePositionInLine ?? 0) + 1}", $"not a training piece: {e.Message}", e);
        }
        if (piece is null)
            throw new MusicFormatException(file, $"{lineNumber}:1", "expected a JSON object, got null");
        if (!Splits.IsKnown(piece.Split))
            throw new MusicFormatException(file, $"{lineNumber}:1", $"piece '{piece.Id}' has split '{piece.Split}'; expected train, validation or test");
        if (piece.Abc.Length == 0)
            throw new MusicFormatException(file, $"{lineNumber}:1", $"piece '{piece.Id}' has empty abc");
        return piece;
    }

    /// <summary>Writes pieces as JSON Lines (for fixtures and preference sets); atomic (temporary file + rename).</summary>
    public static void Write(string path, IEnumerable<TrainingPiece> pieces)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            foreach (var piece in pieces)
                writer.WriteLine(JsonSerializer.Serialize(piece, JsonOptions));
        });
    }
}
