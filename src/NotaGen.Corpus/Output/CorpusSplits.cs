namespace NotaGen.Corpus.Output;

/// <summary>The split names of the corpus format: every piece is in exactly one.</summary>
public static class CorpusSplits
{
    public const string Train = "train";
    public const string Validation = "validation";
    public const string Test = "test";

    public static bool IsKnown(string split) => split is Train or Validation or Test;
}
