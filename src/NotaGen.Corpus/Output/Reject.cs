namespace NotaGen.Corpus.Output;

/// <summary>A file or piece the build left out: stage is import, clean, filter or licence.</summary>
public sealed record Reject(string Path, string Stage, string Reason)
{
    public string ToTsvRow() => $"{Clean(Path)}\t{Clean(Stage)}\t{Clean(Reason)}";

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
