using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Corpus.Sources;
using NotaGen.Music.IO;

namespace NotaGen.Corpus.Building;

/// <summary>
/// The per-file cache that makes a rebuild with unchanged inputs cheap: one JSON file per input under the cache
/// folder, named by the SHA-256 of everything the file's outcome depends on — the tool (version and the build of the
/// assemblies that read, prepare and tokenize), the file's content hash and path, its labels-table row and the
/// per-file options (licence filter, size filters). Splits are assigned after the cache, over the whole corpus, so
/// split fractions are not part of the key. Entries not used by a build are removed at its end, so the folder holds
/// exactly what the last build used. An unreadable entry counts as a miss.
/// </summary>
internal sealed class OutcomeCache(string folder, string fingerprint)
{
    private readonly ConcurrentDictionary<string, bool> used = new(StringComparer.Ordinal);
    private int hits;

    public int Hits => hits;

    public string Key(CorpusFile file, string contentSha256, LabelRow? row, string fileOptions)
    {
        var text = new StringBuilder()
            .Append(fingerprint).Append('\n')
            .Append(contentSha256).Append('\n')
            .Append(file.RelativePath).Append('\n')
            .Append(file.Format).Append('\n')
            .Append(row is null ? "-" : JsonSerializer.Serialize(row, CorpusJson.Lines)).Append('\n')
            .Append(fileOptions);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public FileOutcome? TryGet(string key)
    {
        used[key] = true;
        var path = PathOf(key);
        if (!File.Exists(path)) return null;
        try
        {
            var outcome = JsonSerializer.Deserialize<FileOutcome>(File.ReadAllBytes(path), CorpusJson.Lines);
            if (outcome is null) return null;
            Interlocked.Increment(ref hits);
            return outcome;
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    public void Put(string key, FileOutcome outcome)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllBytes(PathOf(key), JsonSerializer.SerializeToUtf8Bytes(outcome, CorpusJson.Lines));
    }

    /// <summary>Deletes the entries this build did not ask for (inputs that changed or went away, older tool builds).</summary>
    public void RemoveUnused()
    {
        if (!Directory.Exists(folder)) return;
        foreach (var path in Directory.GetFiles(folder, "*.json"))
            if (!used.ContainsKey(Path.GetFileNameWithoutExtension(path)))
                File.Delete(path);
    }

    private string PathOf(string key) => Path.Combine(folder, key + ".json");

    /// <summary>The tool's identity for the cache: its version and the module ids of the assemblies whose code shapes an outcome.</summary>
    public static string ToolFingerprint(string version) =>
        version + ":" + string.Join(",", new[]
        {
            typeof(OutcomeCache).Assembly,
            typeof(NotaGen.Music.MusicFormatException).Assembly,
            typeof(NotaGen.Tokenization.BarPatchTokenizer).Assembly,
        }.Select(a => a.ManifestModule.ModuleVersionId.ToString("N")));
}
