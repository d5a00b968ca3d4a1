using System.Text.Json;
using NotaGen.Music;
using NotaGen.Music.IO;

namespace NotaGen.Corpus.Output;

/// <summary>
/// Reads and writes the corpus's JSON Lines (<see cref="CorpusPiece"/>). A malformed line is an error naming the file
/// and line (training on a silently shrunken corpus would be worse than stopping); blank lines are skipped.
/// </summary>
public static class CorpusReader
{
    /// <summary>The pieces of <paramref name="path"/>, only those of <paramref name="split"/> when given.</summary>
    public static IReadOnlyList<CorpusPiece> Read(string path, string? split = null)
    {
        var pieces = new List<CorpusPiece>();
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

    /// <summary>A corpus given as one JSON Lines file or as a folder of <c>*.jsonl</c> files (read in name order).</summary>
    public static IReadOnlyList<CorpusPiece> ReadAll(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*.jsonl").Order(StringComparer.Ordinal)
                .SelectMany(file => Read(file)).ToList();
        }
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such corpus file or folder");
        return Read(path);
    }

    /// <summary>Every piece of a built corpus folder, shard by shard (<see cref="CorpusWriter.ShardPattern"/>).</summary>
    public static IEnumerable<CorpusPiece> ReadShards(string folder)
    {
        foreach (var shard in Directory.GetFiles(folder, CorpusWriter.ShardPattern).Order(StringComparer.Ordinal))
            foreach (var piece in Read(shard))
                yield return piece;
    }

    public static CorpusPiece Parse(string line, string file = "<input>", int lineNumber = 1)
    {
        CorpusPiece? piece;
        try
        {
            piece = JsonSerializer.Deserialize<CorpusPiece>(line, CorpusJson.Lines);
        }
        catch (JsonException e)
        {
            throw new MusicFormatException(file, $"{lineNumber}:{(e.BytePositionInLine ?? 0) + 1}", $"not a corpus piece: {e.Message}", e);
        }
        if (piece is null)
            throw new MusicFormatException(file, $"{lineNumber}:1", "expected a JSON object, got null");
        if (!CorpusSplits.IsKnown(piece.Split))
            throw new MusicFormatException(file, $"{lineNumber}:1", $"piece '{piece.Id}' has split '{piece.Split}'; expected train, validation or test");
        if (piece.Abc.Length == 0)
            throw new MusicFormatException(file, $"{lineNumber}:1", $"piece '{piece.Id}' has empty abc");
        return piece;
    }

    /// <summary>Writes pieces as one JSON Lines file (fixtures, subsets); atomic (temporary file + rename).</summary>
    public static void Write(string path, IEnumerable<CorpusPiece> pieces)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            foreach (var piece in pieces)
                writer.WriteLine(JsonSerializer.Serialize(piece, CorpusJson.Lines));
        });
    }
}
