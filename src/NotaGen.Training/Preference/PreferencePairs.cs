using System.Text;
using System.Text.Json;
using NotaGen.Corpus.Output;
using NotaGen.Music;
using NotaGen.Music.IO;

namespace NotaGen.Training.Preference;

/// <summary>A preference set on disk: JSON Lines of <see cref="PreferencePair"/> (NotaGen's RL/data.py writes the same pairs as one JSON).</summary>
public static class PreferencePairs
{
    /// <summary>Reads a preference set; a malformed line is an error naming file and line.</summary>
    public static IReadOnlyList<PreferencePair> Read(string path)
    {
        var pairs = new List<PreferencePair>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                pairs.Add(JsonSerializer.Deserialize<PreferencePair>(line, CorpusJson.Lines) ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                throw new MusicFormatException(path, $"{number}:{(e.BytePositionInLine ?? 0) + 1}", $"not a preference pair: {e.Message}", e);
            }
        }
        return pairs;
    }

    /// <summary>Writes a preference set atomically, one pair per line.</summary>
    public static void Write(string path, IEnumerable<PreferencePair> pairs)
    {
        var text = new StringBuilder();
        foreach (var pair in pairs)
            text.Append(JsonSerializer.Serialize(pair, CorpusJson.Lines)).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }
}
