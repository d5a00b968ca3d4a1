using System.Text;
using System.Text.Json;
using NotaGen.Music.IO;

namespace NotaGen.Corpus.Output;

/// <summary>
/// Writes the build's files, each atomically: <c>pieces-NNNNN.jsonl</c> shards, <c>rejects.tsv</c> and
/// <c>manifest.json</c>. Shards written by an earlier build with more shards are removed so the folder is the build.
/// </summary>
public static class CorpusWriter
{
    public const string ShardPattern = "pieces-*.jsonl";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static IReadOnlyList<string> WriteShards(string folder, IReadOnlyList<CorpusPiece> pieces, int piecesPerShard)
    {
        Directory.CreateDirectory(folder);
        foreach (var old in Directory.GetFiles(folder, ShardPattern))
            File.Delete(old);
        var names = new List<string>();
        for (var start = 0; start < pieces.Count || (start == 0 && names.Count == 0); start += piecesPerShard)
        {
            var name = $"pieces-{names.Count:D5}.jsonl";
            var text = new StringBuilder();
            foreach (var piece in pieces.Skip(start).Take(piecesPerShard))
                text.Append(JsonSerializer.Serialize(piece, CorpusJson.Lines)).Append('\n');
            AtomicFile.WriteAllBytes(Path.Combine(folder, name), Utf8.GetBytes(text.ToString()));
            names.Add(name);
            if (pieces.Count == 0) break;
        }
        return names;
    }

    public static void WriteRejects(string folder, IEnumerable<Reject> rejects)
    {
        var text = new StringBuilder("path\tstage\treason\n");
        foreach (var reject in rejects)
            text.Append(reject.ToTsvRow()).Append('\n');
        AtomicFile.WriteAllBytes(Path.Combine(folder, "rejects.tsv"), Utf8.GetBytes(text.ToString()));
    }

    public static void WriteJson<T>(string path, T value) =>
        AtomicFile.WriteAllBytes(path, Utf8.GetBytes(JsonSerializer.Serialize(value, CorpusJson.Indented) + "\n"));

    public static void WriteText(string path, string text) => AtomicFile.WriteAllBytes(path, Utf8.GetBytes(text));
}
