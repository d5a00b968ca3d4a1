namespace NotaGen.Corpus.Building;

/// <summary>manifest.json: what went in (with content hashes), the options, what came out. No clock times, so rebuilds compare equal.</summary>
public sealed record CorpusManifest(
    string ToolVersion,
    IReadOnlyList<string> Inputs,
    string? Labels,
    string? LabelsSha256,
    object Options,
    IReadOnlyList<ManifestInput> Files,
    IReadOnlyList<string> Shards,
    CorpusCounts Counts);

public sealed record ManifestInput(string Path, string Format, string Sha256, int Pieces);

public sealed record CorpusCounts(
    int Files,
    int Pieces,
    int Labelled,
    int Prompted,
    int Rejected,
    int MultiMovementFiles,
    IReadOnlyDictionary<string, int> PiecesBySplit,
    IReadOnlyDictionary<string, int> PiecesBySource,
    IReadOnlyDictionary<string, int> RejectsByStage);
