namespace NotaGen.Corpus.Labels;

/// <summary>NotaGen's six instrumentation classes (reference b), spelled as its prompts spell them.</summary>
public static class Instrumentation
{
    public const string Keyboard = "Keyboard";
    public const string Chamber = "Chamber";
    public const string Orchestral = "Orchestral";
    public const string ArtSong = "Art Song";
    public const string Choral = "Choral";
    public const string VocalOrchestral = "Vocal-Orchestral";

    public static readonly IReadOnlyList<string> All = [Keyboard, Chamber, Orchestral, ArtSong, Choral, VocalOrchestral];

    public static bool IsNotaGenClass(string? name) => name is not null && All.Contains(name);
}
